/** Step 3's batch inference section: prepared jobs, their table and the imported answers (English). */
export const batch = {
  recordedSource: 'an outside (recorded) source model: its answers are in the dataset, Bedrock cannot run it',
  pastEndOfLife: ({ date }: { date: string }) => `past its Bedrock end of life (${date}): Bedrock no longer runs it, in batch or on demand`,
  notInCatalogue: 'not in data/model_catalog.json: the local endpoint does not serve it',
  noBatchPrice: ({ model }: { model: string }) =>
    `the catalogue has no batch price for ${model} (unknown, not 0): check that Bedrock offers it in batch in your region (https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html) before submitting`,
  wouldRefuse: ({ problems }: { problems: string }) => ` Bedrock would refuse it as written: ${problems}.`,
  emulatedJob: 'EMULATED batch job (local endpoint, not Bedrock)',
  bedrockJob: ({ job }: { job: string }) => `Bedrock batch job ${job}`,
  imported: (p: { job: string; success: string; total: string; unusable: string | null; batchPrice: boolean; refused: string }) =>
    `${p.job}: ${p.success} of ${p.total} records answered${p.unusable ? `, ${p.unusable} output line(s) unusable` : ''}. Batch inference reports no latency: latency columns are empty (not measured)${p.batchPrice ? '; cost at the batch price' : '; batch price unknown in the catalogue, so cost is empty'}.${p.refused}`,
  unknown: 'unknown',
  yes: 'yes',
  no: 'no',
  notYet: 'not yet',
  set: ({ names }: { names: string }) => `set ${names}`,
  /** Headings of `describeBatchJobs`. */
  col: {
    model: 'model',
    status: 'status',
    jobType: 'job type',
    records: 'records',
    onDemand: 'on-demand $/1M in / out',
    batch: 'batch $/1M in / out',
    canSubmit: 'can submit',
    why: 'why',
  },
};
