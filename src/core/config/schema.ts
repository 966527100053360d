/**
 * The workshop configuration's one schema: every key of `workshop.config.json`, its type,
 * its allowed values and what it means (`.describe()`). The TypeScript types are derived
 * from it (`z.infer`), and docs/configuration.md's key table is generated from it
 * (`scripts/update-docs.ts`; a test fails when the docs drift) — a new key is one edit here,
 * plus its default in workshop.config.json.
 */
import { z } from 'zod';
import { LANGUAGES } from '../i18n/state';

const modelRef = z
  .object({
    modelId: z.string().min(1).describe('Bedrock model id or inference-profile id as called.'),
    promptTemplate: z
      .string()
      .min(1)
      .optional()
      .describe("Template file with a `{{document}}` placeholder; default: the family's file in `data/prompts/`."),
  })
  .strict();

const rate = z.number().min(0).max(1);

/** Default of `dataset.maxMegabytes`: the largest dataset file read, in MB. */
export const DATASET_MAX_MEGABYTES = 256;

export const configSchema = z
  .object({
    backend: z
      .enum(['local', 'aws'])
      .describe(
        "`local`: the offline emulated endpoint, started in the notebook's process. `aws`: real Amazon Bedrock (needs credentials).",
      ),
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'a region name such as us-east-1')
      .describe('AWS region of the calls (recorded in every row).'),
    language: z
      .enum(LANGUAGES)
      .nullable()
      .default(null)
      .describe(
        "Language of banners, tables, messages, errors and the report: `en` or `pt-BR`; `null` = the notebook's own language (English for `npm run workshop`). `WORKSHOP_LANGUAGE` overrides it. CSV files and their column names are the same in every language.",
      ),
    task: z.string().min(1).describe('Name of the workload; used in output file names.'),
    dataset: z
      .object({
        path: z.string().min(1).describe('CSV or JSON Lines file (UTF-8), or an Excel workbook (.xlsx).'),
        sheet: z
          .string()
          .min(1)
          .nullable()
          .default(null)
          .describe('Excel workbooks: the sheet that holds the documents (needed when there are several), or `null`.'),
        maxMegabytes: z
          .number()
          .positive()
          .default(DATASET_MAX_MEGABYTES)
          .describe(
            'Largest dataset read, in MB (1 MB = 1,048,576 bytes; for an .xlsx, its unpacked size): a bigger file is refused before it is read, with this key named. Memory grows with the rows: see "Scale-out" in the README for a measured 1,000,000-row file.',
          ),
        columns: z
          .object({
            document: z.string().min(1).describe('Column with the input text.'),
            reference: z.string().min(1).nullable().describe('Column with the reference answer, or `null`.'),
            label: z.string().min(1).nullable().describe('Column with a class label (classification datasets), or `null`.'),
            sourceResponse: z
              .string()
              .min(1)
              .nullable()
              .describe("Column with an outside source model's answers (`models.source.kind` = `recorded`)."),
            sourceLatencyMs: z.string().min(1).nullable().describe("Column with that model's latencies in ms."),
          })
          .strict(),
      })
      .strict(),
    models: z
      .object({
        source: modelRef
          .extend({
            kind: z
              .enum(['bedrock', 'recorded'])
              .describe('`bedrock` (benchmarked like the candidates) or `recorded` (an outside model whose answers are in the dataset).'),
          })
          .strict()
          .describe('The model migrated from.'),
        candidates: z
          .array(
            modelRef
              .extend({
                optimizedPromptTemplate: z
                  .string()
                  .min(1)
                  .optional()
                  .describe(
                    "A hand-written optimized prompt template for this candidate (a file with `{{document}}`), recorded by step 2 as its optimized prompt (`prompt_optimized_by` = `hand`) instead of Bedrock's; steps 3–5 run it as the candidate's second variant.",
                  ),
              })
              .strict(),
          )
          .min(1, 'at least one candidate model')
          .describe(
            '`{ "modelId", "promptTemplate"? }` each. Use an inference-profile id (`us.…`, `global.…`) for a model Bedrock serves only through a profile — step 1 says which (`inferenceTypesSupported` in data/model_catalog.json).',
          ),
      })
      .strict(),
    inference: z
      .object({
        maxTokens: z.number().int().positive().describe('Largest answer, in tokens.'),
        temperature: z.number().min(0).max(1).describe('0–1.'),
        topP: z
          .number()
          .gt(0)
          .max(1)
          .nullable()
          .default(null)
          .describe(
            '(0–1], or `null` to leave it out: Claude 4.5-generation models refuse `temperature` and `top_p` together (Bedrock ValidationException), so set one of the two.',
          ),
      })
      .strict(),
    benchmark: z
      .object({
        invocations_per_scenario: z.number().int().min(1).describe('Repetitions per document (production: 10+).'),
        experiment_counts: z
          .number()
          .int()
          .min(1)
          .describe('Repetitions of the whole experiment (production: several, at different times).'),
        num_parallel_calls: z.number().int().min(1).max(256).describe('Requests in flight at once (production: your real concurrency).'),
        timeout_seconds: z.number().positive().describe('Per-attempt timeout.'),
        retry_attempts: z.number().int().min(1).max(20).describe('Attempts per call, first included; retries only transient errors.'),
        delay_between_calls: z.number().min(0).describe('Seconds to wait between calls of one worker.'),
        streaming: z.boolean().describe('ConverseStream (measures time to first token) or Converse.'),
      })
      .strict(),
    plan: z
      .object({
        countTokens: z
          .boolean()
          .describe(
            "Step 2 asks Bedrock's CountTokens for exact prompt tokens where the model supports it (free); `false`: estimate only.",
          ),
        countTokensMaxPrompts: z
          .number()
          .int()
          .min(1)
          .describe('Most prompts counted per model; the rest are estimates scaled by the counted/estimated ratio (large datasets).'),
      })
      .strict()
      .default({ countTokens: true, countTokensMaxPrompts: 200 })
      .describe('Step 2: how prompt tokens are counted.'),
    promptOptimization: z
      .object({
        simple: z
          .boolean()
          .default(true)
          .describe(
            "Step 2 asks Bedrock's simple prompt optimization (`OptimizePrompt`) to rewrite each candidate's prompt — no call for a model the catalogue marks unsupported (`features.promptOptimization`).",
          ),
        advanced: z
          .boolean()
          .default(true)
          .describe(
            "Step 2 writes an Advanced Prompt Optimization job (the source's prompt, the source as baseline and up to 4 candidates per job) and runs it: emulated offline; on AWS only with `BEDROCK_APO_S3_URI` set.",
          ),
        samples: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(3)
          .describe(
            'Evaluation samples per template in the advanced job: the first N documents of the dataset (AWS allows up to 100). Keep it small in a workshop: every sample is answered and judged for every model and every rewrite.',
          ),
        carry: z
          .enum(['advanced', 'simple'])
          .default('advanced')
          .describe(
            "Which optimized prompt step 2 records for steps 3–5 when both exist: the advanced job's (scored on your samples) or simple optimization's; the other is the fallback. A candidate's `optimizedPromptTemplate` wins over both.",
          ),
        pollSeconds: z
          .number()
          .positive()
          .default(60)
          .describe(
            "How often step 2 asks Bedrock for the advanced job's status on AWS (jobs take tens of minutes); offline it polls every 0.2 s.",
          ),
      })
      .strict()
      .default({})
      .describe('Step 2: prompt optimization (docs/prompt-optimization.md).'),
    prompts: z
      .object({
        variants: z
          .enum(['task', 'both'])
          .default('both')
          .describe(
            'Steps 3–5: `task` runs every model with its task prompt only; `both` also runs each candidate that step 2 gave an optimized prompt (`prompt_optimized_status` = `optimized`) as a second variant, `optimized`, and step 5 tests whether it changed the primary metric (docs/prompt-variants.md).',
          ),
        optimizedDocuments: z
          .number()
          .int()
          .min(2)
          .default(8)
          .describe(
            "How many documents (the first N of the dataset) the `optimized` variant runs on in step 3 and is judged on in step 4; the task variant keeps every document. At least 2, but below 6 pairs step 5's exact two-sided test cannot reach p < 0.05 whatever the answers; more documents = smaller changes seen, and more calls.",
          ),
      })
      .strict()
      .default({})
      .describe('Steps 3–5: which prompt variants each candidate runs (docs/prompt-variants.md).'),
    judge: z
      .object({
        models: z
          .array(z.string().min(1))
          .min(1)
          .describe('LLM-as-a-judge model(s) of step 4 — ACTIVE, and not one of the compared models.'),
        maxTokens: z.number().int().positive().describe('Longest judge answer.'),
        concurrency: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(8)
          .describe(
            "Judge calls in flight at once in step 4 (judging, the sanity check and calibration). Separate from `benchmark.num_parallel_calls`, which shapes the latency step 3 measures: judging is not timed, so it may run wider — within the judge model's quota in your account.",
          ),
      })
      .strict(),
    compare: z
      .object({
        weights: z
          .object({
            quality: z.number().min(0).describe('Weight of quality in the composite score.'),
            latency: z.number().min(0).describe('Weight of latency.'),
            cost: z.number().min(0).describe('Weight of cost.'),
          })
          .strict()
          .refine(
            (w) => w.quality + w.latency + w.cost > 0,
            'the weights sum to 0: give at least one of quality, latency and cost a positive weight',
          ),
        margin: z
          .number()
          .gt(0, 'a margin > 0 (a superiority test is a different question)')
          .max(1)
          .describe('Non-inferiority margin on the 0–1 quality scale: how much worse a candidate may be and still count as "not worse".'),
        monthlyRequests: z.number().int().min(0).describe('Production volume, for the monthly cost projection.'),
        monthlyBudgetUsd: z
          .number()
          .min(0)
          .nullable()
          .default(null)
          .describe(
            'A monthly budget in USD at `monthlyRequests`, or `null` for none: a model whose projected monthly cost is higher — or unknown — is not recommended, ranked or on the Pareto front.',
          ),
        p90LatencyTargetMs: z
          .number()
          .positive()
          .nullable()
          .default(null)
          .describe(
            'A P90 latency target in ms, or `null` for none: a model whose measured P90 latency (step 3) is higher — or not measured, e.g. batch answers — is not recommended, ranked or on the Pareto front.',
          ),
        minPrimaryMetric: z
          .number()
          .min(0)
          .max(1)
          .nullable()
          .default(null)
          .describe(
            "A minimum value of the task's primary quality metric (0–1, e.g. judge_overall or accuracy), or `null` for none: a model below it is not recommended, ranked or on the Pareto front.",
          ),
      })
      .strict(),
    deploymentOptions: z
      .object({
        documents: z
          .number()
          .int()
          .min(0)
          .default(3)
          .describe(
            'Step 3 also measures each candidate under every deployment option it supports (service tier, latency-optimized, prompt cache, in-region / geography / global profile) on the first N documents; 0 turns it off.',
          ),
        invocations: z.number().int().min(1).default(1).describe('Calls per document and option.'),
        models: z
          .array(z.string().min(1))
          .nullable()
          .default(null)
          .describe('Models to measure the options of (ids as configured), or `null` for every candidate.'),
        sharedPrefixFile: z
          .string()
          .min(1)
          .nullable()
          .default(null)
          .describe(
            "A text file sent before the task's instructions in the system prompt of every option call — your real shared system prompt, few-shot examples… — or `null`. A prompt cache only takes effect on a prefix of at least the model's minimum (1,024–4,096 tokens).",
          ),
      })
      .strict()
      .default({}),
    localEndpoint: z
      .object({
        seed: z.number().int().describe('Seed of emulated latencies, faults and answer variation.'),
        latencyScale: z.number().min(0).describe('1 = realistic latencies, 0 = answer at once.'),
        faults: z
          .object({
            throttlingRate: rate.describe('Share of calls answered with 429 ThrottlingException.'),
            serverErrorRate: rate.describe('Share answered with 500/503.'),
            timeoutRate: rate.describe('Share answered with 408 ModelTimeoutException.'),
          })
          .strict(),
      })
      .strict(),
    cassette: z
      .object({
        record: z
          .string()
          .min(1)
          .nullable()
          .default(null)
          .describe(
            'A folder to record every Bedrock call of the `aws` backend into — a cassette: `manifest.json` and `interactions.jsonl`, no credentials (docs/record-replay.md) — or `null`.',
          ),
        replay: z
          .string()
          .min(1)
          .nullable()
          .default(null)
          .describe(
            'A cassette folder the local endpoint replays: answers and latencies as recorded on AWS, paced by `localEndpoint.latencyScale` (1 = as recorded). Needs `backend` `local`. `null` = emulate.',
          ),
        unmatched: z
          .enum(['error', 'emulate'])
          .default('error')
          .describe(
            'Replay: a call the cassette does not hold is refused with an error naming it and the cassette (`error`), or answered by the emulator (`emulate`: the rows say `+emulated`).',
          ),
      })
      .strict()
      .default({})
      .describe('Record a workshop run on AWS once, replay it offline anywhere (docs/record-replay.md).'),
    paths: z
      .object({
        outputs: z.string().min(1).describe('Folder for everything generated.'),
        tracking: z.string().min(1).describe('The evaluation-tracking CSV.'),
      })
      .strict(),
  })
  .strict();

/** The configuration file as written (templates optional). */
export type ConfigFile = z.infer<typeof configSchema>;
export type DatasetColumns = ConfigFile['dataset']['columns'];
export type BenchmarkConfig = ConfigFile['benchmark'];
export type CompareConfig = ConfigFile['compare'];
export type DeploymentOptionsConfig = ConfigFile['deploymentOptions'];
export type PromptOptimizationConfig = ConfigFile['promptOptimization'];
export type CassetteConfig = ConfigFile['cassette'];
export type PromptsConfig = ConfigFile['prompts'];
export type Weights = CompareConfig['weights'];

/** The schema inside refinements, optional, nullable and default wrappers. */
export function unwrapSchema(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  while (s instanceof z.ZodEffects || s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s instanceof z.ZodEffects ? s.innerType() : s instanceof z.ZodDefault ? s.removeDefault() : s.unwrap();
  return s;
}

/** Every leaf key of the schema as a JSON path (`benchmark.num_parallel_calls`), with its description. */
export function configKeys(schema: z.ZodTypeAny = configSchema, prefix = ''): { key: string; description: string }[] {
  const s = unwrapSchema(schema);
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      const inner = configKeys(v, path);
      return inner.length ? inner : [{ key: path, description: v.description ?? '' }];
    });
  }
  if (s instanceof z.ZodArray && prefix === 'models.candidates') return [{ key: `${prefix}[]`, description: schema.description ?? '' }];
  return prefix ? [{ key: prefix, description: schema.description ?? s.description ?? '' }] : [];
}
