/** A Bedrock call that failed after its retries (`core/bedrock`): the fix by SDK error type, and CountTokens (English). Bedrock's own messages stay as Bedrock wrote them. */
export const bedrock = {
  accessDeniedFix: (p: { model: string }) =>
    `enable ${p.model} under "Model access" in the Bedrock console for this region (or check your IAM permissions for bedrock:InvokeModel).`,
  validationFix: 'check the model id (or use its inference profile id, e.g. "us." + id) and that the input fits the context window.',
  notFoundFix: 'check the model id and the region.',
  throttlingFix: 'lower num_parallel_calls, add delay_between_calls, or ask for a higher quota.',
  timeoutFix: 'raise timeout_seconds, or lower maxTokens.',
  noAnswer: (p: { ms: number }) => `no complete answer within ${p.ms} ms`,
  afterAttempts: (p: { attempts: number }) => ` (after ${p.attempts} attempts)`,
  countTokens: (p: { model: string; type: string; reason: string }) => `CountTokens for ${p.model}: ${p.type} — ${p.reason}`,
  countTokensFix: 'the plan falls back to the token estimate for this model; nothing to do unless you need exact counts.',
  countTokensNoInput: 'the answer has no inputTokens',
};
