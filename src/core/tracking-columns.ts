/**
 * The columns of the evaluation-tracking CSV (`data/evaluation_tracking.csv`), as data:
 * which step writes each one, its type and what it means. The README's table and
 * docs/tracking-columns.md are generated from this list (`trackingColumnsMarkdown`), and a
 * test keeps them in step.
 */
export interface TrackingColumn {
  name: string;
  step: 1 | 2 | 3 | 4 | 5;
  type: 'string' | 'number' | 'boolean';
  description: string;
}

const c = (name: string, step: TrackingColumn['step'], type: TrackingColumn['type'], description: string): TrackingColumn => ({
  name,
  step,
  type,
  description,
});

export const TRACKING_COLUMNS: TrackingColumn[] = [
  // Step 1 — setup
  c('model', 1, 'string', 'Model id (or inference profile id) as called; the row key.'),
  c('model_name', 1, 'string', 'Human name from the model catalogue.'),
  c(
    'role',
    1,
    'string',
    '`source` (the model migrated from), `candidate`, or `judge` (a judge model of step 4 that is not a candidate: only its access columns are filled).',
  ),
  c('family', 1, 'string', 'Prompt family: `claude`, `nova`, `llama`, …'),
  c('region', 1, 'string', 'AWS region of the calls.'),
  c(
    'inference_profile',
    1,
    'string',
    'The inference profile (geography or global) this region would call the model through, if one is offered.',
  ),
  c(
    'backend',
    1,
    'string',
    '`local` (offline emulated endpoint), `aws` (real Bedrock), `replay:<cassette>@<date>` (replayed offline from a cassette recorded on AWS that day; `+emulated` when the emulator answered calls the cassette lacked: docs/record-replay.md) or `recorded` (an outside source model whose figures come from the dataset): who produced every figure in this row.',
  ),
  c('prompt_template', 1, 'string', 'Prompt template file (relative to the repository root).'),
  c(
    'setup_status',
    1,
    'string',
    'Model access: `available`, `denied` (access not enabled), `unavailable` (transient errors persisted through the retries: later steps still try it), `error` (e.g. an id unknown to the backend) or `recorded` (outside source).',
  ),
  c('setup_message', 1, 'string', 'Reason and fix when not available; ping latency when available.'),
  c(
    'lifecycle_status',
    1,
    'string',
    'Bedrock lifecycle on the day step 1 ran: `ACTIVE`, `LEGACY` (an end-of-life date is announced), `END_OF_LIFE` (that date has passed: Bedrock refuses its calls) or `UNKNOWN` (not in the catalogue).',
  ),
  c('legacy_date', 1, 'string', 'When Bedrock moved the model to Legacy (YYYY-MM-DD).'),
  c(
    'public_extended_access_date',
    1,
    'string',
    "Start of the Legacy period's public extended access, when the provider may raise the price (YYYY-MM-DD).",
  ),
  c('end_of_life_date', 1, 'string', 'Bedrock end-of-life date: from then on requests fail (YYYY-MM-DD).'),
  c('days_to_end_of_life', 1, 'number', "Days from step 1's run to the end-of-life date (negative once it has passed)."),
  c(
    'requires_inference_profile',
    1,
    'boolean',
    'True when Bedrock refuses calls by the bare model id: the model must be called through an inference profile.',
  ),
  c(
    'inference_profiles_offered',
    1,
    'string',
    'Inference profile ids this region may use for the model (geography and global), `;`-separated.',
  ),
  c(
    'lifecycle_message',
    1,
    'string',
    'Step 1\'s sentence on lifecycle and how to call the model (e.g. "The source reaches end of life on …").',
  ),
  c('setup_at', 1, 'string', 'When step 1 last ran (ISO 8601).'),
  // Step 2 — plan
  c('context_window', 2, 'number', 'Context window in tokens (catalogue).'),
  c('price_per_1k_input_usd', 2, 'number', 'On-demand price per 1,000 input tokens, USD (catalogue).'),
  c('price_per_1k_output_usd', 2, 'number', 'On-demand price per 1,000 output tokens, USD (catalogue).'),
  c('est_input_tokens', 2, 'number', 'Input tokens of all planned calls (the judge row: all its step-4 calls).'),
  c(
    'est_input_tokens_by',
    2,
    'string',
    '`CountTokens` (Bedrock counted every prompt), `CountTokens + scaled estimate` (some counted, the rest scaled), or `estimate` (about 4 characters a token); `(emulated)` offline.',
  ),
  c('est_output_tokens', 2, 'number', 'Estimated output tokens (reference lengths, or maxTokens; the judge: judge.maxTokens per call).'),
  c('est_cost_usd', 2, 'number', 'Estimated cost of the planned calls, USD (the judge row: step 4’s judging).'),
  c('docs_over_context', 2, 'string', 'Dataset rows (1-based) that do not fit the context window, `;`-separated.'),
  c(
    'prompt_optimized_template',
    2,
    'string',
    "The candidate's optimized prompt template (`outputs/prompts/<task>/<model>.optimized.txt`, relative to the repository root), or empty when it has none.",
  ),
  c(
    'prompt_optimized_by',
    2,
    'string',
    'How the optimized template was produced: `OptimizePrompt` (simple optimization), `advanced job <job name>` (Advanced Prompt Optimization) or `hand` (`optimizedPromptTemplate` in the configuration); `(emulated)` offline.',
  ),
  c(
    'prompt_optimized_status',
    2,
    'string',
    "`optimized`, `unsupported` (Bedrock does not optimize prompts for this model: no call was made), `refused` (Bedrock's error, or the optimized template lost a placeholder) or `not run`.",
  ),
  c(
    'prompt_optimized_message',
    2,
    'string',
    "The reason, Bedrock's message, or the fairness check of the optimized template (instruction, constraints and placeholders kept, or what it drops, by name).",
  ),
  c('plan_status', 2, 'string', '`planned` once step 2 ran.'),
  c('plan_at', 2, 'string', 'When step 2 last ran.'),
  // Step 3 — latency
  c(
    'latency_status',
    3,
    'string',
    '`measured` (every call succeeded), `partial` (some failed), `failed` (none succeeded), `recorded` (outside source), `skipped` (not called: no access in step 1) or `batch` (answers imported from a Bedrock batch inference job, emulated offline: no latency figures).',
  ),
  c(
    'latency_message',
    3,
    'string',
    'Why a model was skipped, partial or failed (error types and the log file); otherwise calls made and resumed.',
  ),
  c('latency_n', 3, 'number', 'Calls made (successes and errors).'),
  c('latency_success_rate', 3, 'number', 'Share of calls that succeeded (0–1).'),
  c('latency_mean_ms', 3, 'number', 'Mean total latency of successful calls, ms.'),
  c('latency_median_ms', 3, 'number', 'Median (P50) total latency, ms.'),
  c('latency_p90_ms', 3, 'number', 'P90 total latency, ms.'),
  c('latency_p95_ms', 3, 'number', 'P95 total latency, ms.'),
  c('latency_p99_ms', 3, 'number', 'P99 total latency, ms.'),
  c('latency_std_ms', 3, 'number', 'Sample standard deviation of total latency, ms.'),
  c('latency_median_ci_low_ms', 3, 'number', 'Lower bound of the 95% bootstrap confidence interval of the median, ms.'),
  c('latency_median_ci_high_ms', 3, 'number', 'Upper bound of that interval, ms.'),
  c('ttft_median_ms', 3, 'number', 'Median time to first token (streaming), ms.'),
  c('ttft_p90_ms', 3, 'number', 'P90 time to first token, ms.'),
  c('output_tokens_per_s_mean', 3, 'number', 'Mean output tokens per second.'),
  c('latency_results_file', 3, 'string', 'Result CSV of step 3 for this model.'),
  c('latency_log_file', 3, 'string', 'Log file of step 3 for this model.'),
  c(
    'options_results_file',
    3,
    'string',
    'Deployment-options file of step 3 for this model (`deploymentOptions` in the configuration): one row per call under each option — service tier, latency-optimized, prompt cache, in-region / geography / global profile — and one per skipped option with the reason.',
  ),
  c('latency_at', 3, 'string', 'When step 3 last ran.'),
  c(
    'latency_status_optimized',
    3,
    'string',
    "The candidate's second prompt variant (`prompts.variants` = `both`, docs/prompt-variants.md): its step-2 optimized prompt run on the first `prompts.optimizedDocuments` documents — `measured`, `partial`, `failed`, or `skipped` (no optimized prompt, or `prompts.variants` = `task`: the reason in `latency_message_optimized`).",
  ),
  c(
    'latency_message_optimized',
    3,
    'string',
    'Why the optimized variant was skipped or failed; otherwise calls made and resumed, and on how many documents.',
  ),
  c('latency_median_ms_optimized', 3, 'number', 'Median total latency of the optimized variant, ms (its documents only).'),
  c(
    'latency_results_file_optimized',
    3,
    'string',
    'Result CSV of step 3 for the optimized variant (`latency_<task>_<model>_optimized_<run>.csv`; its rows say `variant` = `optimized`).',
  ),
  // Step 4 — quality
  c(
    'quality_status',
    4,
    'string',
    '`judged` (every answer), `partial`, `failed` (judge errors on every answer) or `skipped` (no step-3 answers, or no usable judge: reference metrics only).',
  ),
  c('quality_message', 4, 'string', 'Why a model was partial, failed or skipped; otherwise judgements made and resumed.'),
  c('judge_models', 4, 'string', 'Judge model(s), `;`-separated.'),
  c('quality_overall', 4, 'number', 'Mean of the judge metrics, normalised 0–1.'),
  c('quality_overall_ci_low', 4, 'number', 'Lower bound of its 95% bootstrap confidence interval.'),
  c('quality_overall_ci_high', 4, 'number', 'Upper bound of that interval.'),
  c('quality_correctness', 4, 'number', 'Mean judge score for correctness, 0–1.'),
  c('quality_completeness', 4, 'number', 'Mean judge score for completeness, 0–1.'),
  c('quality_faithfulness', 4, 'number', 'Mean judge score for faithfulness to the document, 0–1.'),
  c('quality_coherence', 4, 'number', 'Mean judge score for coherence, 0–1.'),
  c('quality_relevance', 4, 'number', 'Mean judge score for relevance, 0–1.'),
  c('quality_following_instructions', 4, 'number', 'Mean judge score for following instructions, 0–1.'),
  c('quality_professional_style', 4, 'number', 'Mean judge score for professional style and tone, 0–1.'),
  c('rouge_l_f1', 4, 'number', 'Mean ROUGE-L F1 against the reference answers.'),
  c(
    'quality_primary_metric',
    4,
    'string',
    "The task's primary quality metric (data/tasks/<task>.json): `judge_overall` for generation, `accuracy` or `macro_f1` for classification — what step 5 decides on.",
  ),
  c('quality_primary', 4, 'number', 'Its value, 0–1.'),
  c('quality_primary_ci_low', 4, 'number', 'Lower bound of its 95% bootstrap confidence interval.'),
  c('quality_primary_ci_high', 4, 'number', 'Upper bound of that interval.'),
  c('quality_primary_n', 4, 'number', 'Items it is computed over (answers; for classification, failed calls count as wrong).'),
  c('accuracy', 4, 'number', 'Classification tasks: share of answers equal to the true label.'),
  c('accuracy_ci_low', 4, 'number', 'Lower bound of its 95% bootstrap confidence interval.'),
  c('accuracy_ci_high', 4, 'number', 'Upper bound of that interval.'),
  c('macro_f1', 4, 'number', 'Classification tasks: mean F1 over the classes present in the data (each class weighs the same).'),
  c('macro_f1_ci_low', 4, 'number', 'Lower bound of its 95% bootstrap confidence interval.'),
  c('macro_f1_ci_high', 4, 'number', 'Upper bound of that interval.'),
  c('quality_results_file', 4, 'string', 'Result CSV of step 4 for this model.'),
  c('quality_at', 4, 'string', 'When step 4 last ran.'),
  c(
    'quality_status_optimized',
    4,
    'string',
    'The optimized variant judged: `judged`, `partial`, `failed` or `skipped` (no optimized answers from step 3, with the reason in `quality_message_optimized`).',
  ),
  c('quality_message_optimized', 4, 'string', 'Why the optimized variant was not (fully) judged; otherwise judgements made and resumed.'),
  c(
    'quality_primary_optimized',
    4,
    'number',
    "The task's primary metric of the optimized variant, 0–1 (its documents only: compare it with the task variant in step 5, on the same documents).",
  ),
  c('quality_primary_n_optimized', 4, 'number', 'Items it is computed over.'),
  c(
    'quality_results_file_optimized',
    4,
    'string',
    'Result CSV of step 4 for the optimized variant (`quality_<task>_<model>_optimized_<run>.csv`).',
  ),
  c(
    'judge_calibration_kappa',
    4,
    'number',
    "On a judge model's row: its agreement with the human ratings of the calibration set (data/judge/calibration.csv), quadratic-weighted Cohen's kappa over every rated answer × metric (1 = perfect, 0 = chance).",
  ),
  c('judge_calibration_alpha', 4, 'number', "The same agreement as Krippendorff's alpha, ordinal."),
  c('judge_calibration_n', 4, 'number', 'Ratings (answer × metric) the agreement is computed over.'),
  c('judge_calibration_file', 4, 'string', 'The calibration set the agreement was measured on.'),
  // Step 5 — comparison
  c('cost_per_1k_requests_usd', 5, 'number', 'Measured cost per 1,000 requests (measured tokens × catalogue prices), USD.'),
  c('monthly_cost_usd', 5, 'number', 'Projected monthly cost at the configured request volume, USD.'),
  c(
    'composite_score',
    5,
    'number',
    "Weighted mean of each criterion's improvement relative to the source (0 = the source; +0.12 reads '12% better on the weighted average'), with the weights of compare.weights.",
  ),
  c(
    'rank',
    5,
    'number',
    'Rank by composite score (1 = best); empty for a model outside the constraints of compare (monthlyBudgetUsd, p90LatencyTargetMs, minPrimaryMetric).',
  ),
  c(
    'pareto_optimal',
    5,
    'boolean',
    'True when no other model is at least as good on quality, latency and cost and better on one (among the models within the constraints of compare, when set).',
  ),
  c(
    'non_inferior_quality',
    5,
    'boolean',
    "True when the task's primary metric is not worse than the source's within the margin: paired one-sided test, Holm-adjusted p < 0.025 across the candidates.",
  ),
  c('quality_diff', 5, 'number', 'Mean paired difference of the primary metric, candidate − source, over the items both answered.'),
  c('quality_diff_ci_low', 5, 'number', 'Lower bound of its paired bootstrap 95% interval.'),
  c('quality_diff_ci_high', 5, 'number', 'Upper bound of that interval.'),
  c(
    'quality_test',
    5,
    'string',
    'The non-inferiority test used (Wilcoxon signed-rank for scores, the Nam–Tango paired-proportion score test for right/wrong).',
  ),
  c('quality_p_holm', 5, 'number', 'Its one-sided p-value, Holm-adjusted across the candidates.'),
  c('quality_min_detectable', 5, 'number', 'Smallest shift (margin included) this many paired items resolve at 80% power.'),
  c('latency_p_holm', 5, 'number', 'Wilcoxon signed-rank p-value of the paired latency differences, Holm-adjusted across the candidates.'),
  c(
    'latency_verdict',
    5,
    'string',
    "`faster`, `slower`, `no clear difference` or `not enough data` (paired, Holm-corrected); `not measured (batch inference)` when the candidate's or the source's answers came from a batch job, which reports no latency.",
  ),
  c(
    'recommendation',
    5,
    'string',
    "The verdict for this model and what decided it: the primary metric with its paired interval, the test and the Holm correction, the latency change. A sentence for people, so it is written in the run's language (`recommended — …` in English, `recomendado — …` in pt-BR, numbers as that reader writes them: it is the one line of the CSV a person reads as it is, and the report's tracking table shows it); the figures it quotes are in their own numeric columns in machine format. The verdict words of `latency_verdict`, `quality_test`, `optimized_vs_task_*` and `variant_used` stay English in every edition (values a program filters on); views say them in the reader's language.",
  ),
  c('compare_at', 5, 'string', 'When step 5 last ran.'),
  c(
    'optimized_vs_task_diff',
    5,
    'number',
    'Mean paired difference of the primary metric, optimized prompt − task prompt, on the documents both variants answered (docs/prompt-variants.md).',
  ),
  c('optimized_vs_task_ci_low', 5, 'number', 'Lower bound of its paired bootstrap 95% interval.'),
  c('optimized_vs_task_ci_high', 5, 'number', 'Upper bound of that interval.'),
  c('optimized_vs_task_n', 5, 'number', 'Paired items (same document, both variants) it is computed over.'),
  c(
    'optimized_vs_task_test',
    5,
    'string',
    'The two-sided paired test of "did the optimized prompt change the primary metric": Wilcoxon signed-rank for scores, McNemar\'s exact test for right/wrong.',
  ),
  c('optimized_vs_task_p', 5, 'number', 'Its two-sided p-value (one test per candidate; not corrected across candidates).'),
  c('optimized_vs_task_verdict', 5, 'string', '`better`, `worse`, `no clear difference` (p ≥ 0.05) or `not enough data`.'),
  c(
    'optimized_vs_task_cost_diff_usd',
    5,
    'number',
    'Mean cost per call, optimized − task, on the same documents, USD (a longer prompt costs more).',
  ),
  c('optimized_vs_task_input_tokens_diff', 5, 'number', 'Mean input tokens per call, optimized − task, on the same documents.'),
  c(
    'variant_used',
    5,
    'string',
    'The variant compared with the source in `variant_vs_source_*`: `optimized` only when it was clearly better than the task prompt (`optimized_vs_task_verdict` = `better`), else `task`.',
  ),
  c(
    'variant_vs_source_diff',
    5,
    'number',
    'Mean paired difference of the primary metric, the used variant − the source, on the items both answered.',
  ),
  c(
    'variant_vs_source_p_holm',
    5,
    'number',
    'One-sided non-inferiority p-value of that difference (the margin of compare), Holm-adjusted across the candidates — the test of `non_inferior_quality`, on the used variant.',
  ),
  c(
    'variant_vs_source_non_inferior',
    5,
    'boolean',
    'True when the used variant is not worse than the source within the margin (Holm-adjusted p < 0.025).',
  ),
];

export const STEP_NAMES: Record<TrackingColumn['step'], string> = {
  1: 'Step 1 — setup (01_setup)',
  2: 'Step 2 — plan (02_tracking)',
  3: 'Step 3 — latency (03_latency)',
  4: 'Step 4 — quality (04_quality)',
  5: 'Step 5 — comparison (05_compare)',
};

/** The column documentation as a Markdown table (used by the README and docs). */
export function trackingColumnsMarkdown(): string {
  const rows = TRACKING_COLUMNS.map((col) => `| \`${col.name}\` | ${col.step} | ${col.type} | ${col.description} |`);
  return ['| column | step | type | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
