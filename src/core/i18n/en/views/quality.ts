/** Step 4: the judge's sanity check and calibration, judging runs, quality tables and charts (English). */
export const quality = {
  /** The judge's metrics as people read them (the CSV keeps the rubric names). */
  metric: {
    correctness: 'correctness',
    completeness: 'completeness',
    faithfulness: 'faithfulness',
    following_instructions: 'following instructions',
    professional_style: 'professional style',
    coherence: 'coherence',
    relevance: 'relevance',
    overall: 'overall',
  },
  sanity: {
    classification: ({ metric }: { metric: string }) =>
      `the task is a classification task, decided on its labels (${metric}) — no judge is used`,
    noReferences:
      'the dataset has no reference answers, which the control answers are built from — the check was not run (this says nothing about the judge)',
    noJudge: 'no judge model is usable (denied or unknown in step 1) — the check was not run',
    label: 'judge sanity check',
    notRun: ({ reason }: { reason: string }) => `Judge sanity check not run: ${reason}.`,
    everyScore: ({ file }: { file: string }) => ` Every score: ${file}.`,
    passed: ({ n, file }: { n: string; file: string }) =>
      `The judge ranks the control answers as it should on all ${n} document(s): reference > invented fact > off-topic ≥ empty, and the reference scores high on faithfulness.${file}`,
    failed: ({ violations, file }: { violations: string; file: string }) =>
      `The judge does NOT rank the control answers as it should — treat its scores with caution:\n${violations}\n${file}`,
    wrong: 'WRONG',
    ok: 'ok',
    col: {
      judge: 'judge',
      document: 'document',
      reference: 'reference',
      invented: 'invented_fact',
      offTopic: 'off_topic',
      empty: 'empty',
      referenceFaithfulness: 'reference faithfulness',
      inventedFaithfulness: 'invented-fact faithfulness',
      ranking: 'ranking',
    },
  },
  calibration: {
    classification: ({ task, metric }: { task: string; metric: string }) =>
      `the task "${task}" is a classification task, decided on its labels (${metric}) — it uses no judge, so there is no judge to calibrate`,
    noSet: ({ file }: { file: string }) =>
      `there is no calibration set at ${file} — restore data/judge/calibration.csv from git, or write one (data/judge/CALIBRATION.md)`,
    noJudge: 'no judge model is usable (denied or unknown in step 1)',
    someFailed: ({ failed, total, errors }: { failed: string; total: string; errors: string }) =>
      `${failed} of ${total} answer(s) could not be judged (${errors}) — they are left out of the agreement`,
    notRun: ({ reason }: { reason: string }) => `Judge calibration not run: ${reason}.`,
    tooFew: ({ judge }: { judge: string }) => `${judge}: too few judged ratings to measure agreement.`,
    close: 'close to the person',
    usable: 'usable, but read the disagreements',
    far: 'too far from the person to trust its scores alone',
    na: 'n/a',
    hard: ({ n, kappa, alpha }: { n: string; kappa: string; alpha: string }) =>
      ` Without the easy empty and off-topic answers (${n} ratings): kappa ${kappa}, alpha ${alpha} — the figure to judge it by.`,
    summary: (p: { judge: string; kappa: string; alpha: string; n: string; answers: string; file: string; words: string; hard: string }) =>
      `${p.judge} against the human ratings: kappa ${p.kappa} (quadratic), alpha ${p.alpha} (ordinal), ${p.n} ratings of ${p.answers} answers in ${p.file} — ${p.words}.${p.hard}`,
    note: ({ reason }: { reason: string }) => `Note: ${reason}.`,
    col: {
      judgeModel: 'judge model',
      metric: 'metric',
      answers: 'answers',
      kappa: 'kappa (quadratic)',
      alpha: 'alpha (ordinal)',
      exact: 'exact match',
      withinOne: 'within 1 point',
      difference: 'judge − human',
      answer: 'answer',
      quality: 'quality',
      human: 'human',
      judge: 'judge',
      judgeSays: 'judge says',
    },
  },
  run: {
    judgeBlocked: ({ judge, status, message }: { judge: string; status: string; message: string }) =>
      `judge ${judge} is "${status}" in step 1 (${message})`,
    classification: ({ task, metric }: { task: string; metric: string }) =>
      `the task "${task}" is a classification task, decided on its labels (${metric}), not by a judge`,
    noJudgeCalled: ({ reason }: { reason: string }) => `${reason}: no judge is called.`,
    notCalled: ({ reason }: { reason: string }) =>
      `${reason} — not called; the reference metrics are still computed. Fix: enable the judge model (or choose another in judge.models) and re-run notebooks 01 and 04.`,
    skipped: ({ model, variant, reason }: { model: string; variant: string | null; reason: string }) =>
      `${model}${variant ? ` (${variant} prompt)` : ''}: skipped — ${reason}`,
    label: ({ model, variant }: { model: string; variant: string | null }) => `judging ${model}${variant ? ` (${variant} prompt)` : ''}`,
    referenceOnly: ({ problems }: { problems: string }) => `${problems} — reference metrics only`,
    notJudged: ({
      missing,
      total,
      judgeErrors,
      failed,
      log,
    }: {
      missing: string;
      total: string;
      judgeErrors: string;
      failed: string;
      log: string;
    }) =>
      `${missing} of ${total} not judged (${judgeErrors} judge error(s) or unreadable answers, ${failed} failed step-3 call(s)) — see ${log}`,
    message: ({ n, resumed }: { n: string; resumed: string | null }) =>
      `${n} judgement(s)${resumed ? `, ${resumed} resumed from the checkpoint` : ''}`,
    optimizedMessage: ({ n, resumed }: { n: string; resumed: string }) => `${n} judgement(s), ${resumed} resumed`,
  },
  variants: {
    noJudged: 'no judged answer',
    sameDocuments: 'the same documents; step 5 tests the difference (paired)',
  },
  labels: {
    noMatch: 'no answer matches a labelled row of the current dataset',
  },
  highlights: {
    caughtFact: 'the fact the judge caught',
    ignoredInstruction: 'the instruction ignored',
    truncated: 'cut off at maxTokens',
    notJudged: 'not judged',
    na: 'n/a',
    col: {
      what: 'what',
      model: 'model',
      document: 'document',
      metricScore: 'metric: score',
      reason: 'judge’s reason',
      answer: 'answer',
    },
  },
  charts: {
    metrics: 'Judge scores per metric (0–1, 95% CI)',
    meanScore: 'mean normalised score',
    radar: 'Quality profile per model',
    overall: 'Overall judge score per response (0–1)',
  },
  ranking: {
    where: ({ judge, document }: { judge: string; document: string }) => `${judge}, document ${document}`,
    noScore: 'no score',
    referenceUnfaithful: ({ where, score, floor }: { where: string; score: string; floor: string }) =>
      `${where}: the reference scored ${score} on faithfulness, below ${floor} — a faithful human summary was judged unfaithful`,
    inventedNotBelow: ({ where, invented, reference }: { where: string; invented: string; reference: string }) =>
      `${where}: the answer with an invented fact scored ${invented} overall, not below the reference (${reference})`,
    notPenalised: ({ where, invented, reference }: { where: string; invented: string; reference: string }) =>
      `${where}: the invented fact was not penalised (faithfulness ${invented} vs reference ${reference})`,
    offTopicNotBelow: ({ where, offTopic, invented }: { where: string; offTopic: string; invented: string }) =>
      `${where}: the off-topic answer scored ${offTopic} overall, not below the invented-fact answer (${invented})`,
    emptyAbove: ({ where, empty, offTopic }: { where: string; empty: string; offTopic: string }) =>
      `${where}: the empty answer scored ${empty} overall, above the off-topic one (${offTopic})`,
  },
};
