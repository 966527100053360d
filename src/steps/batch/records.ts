/**
 * Bedrock batch inference records: one JSON line `{"recordId", "modelInput"}` per document,
 * and the answer read back from an output line's `modelOutput`.
 *
 * `modelInput` is the body the model takes in InvokeModel (the job's default
 * `modelInvocationType`), or the Converse request body for a `Converse` job
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-data.html). Bodies,
 * from https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html:
 * - Anthropic Claude: Messages API, `anthropic_version: "bedrock-2023-05-31"`, `max_tokens`,
 *   `messages` (model-parameters-anthropic-claude-messages.html);
 * - Amazon Nova: `schemaVersion: "messages-v1"`, `messages` of `{text}` blocks,
 *   `inferenceConfig` {maxTokens, temperature, topP} (nova user guide, "Complete request schema");
 * - Meta Llama: `prompt` in the model's chat format, `max_gen_len`, `temperature`, `top_p`
 *   (model-parameters-meta.html);
 * - every other provider (OpenAI gpt-oss, Mistral, DeepSeek, Qwen): a `Converse` job. Their
 *   InvokeModel bodies exist (gpt-oss: OpenAI Chat Completions, model-parameters-openai.html),
 *   but the local endpoint does not emulate them, so a record written in that form could be
 *   neither checked nor answered offline; Converse bodies are checked and answered by it, and
 *   Bedrock batch takes them (`modelInvocationType: "Converse"`).
 */
import type { CatalogModel } from '../../core/catalog';

export type BatchInvocationType = 'InvokeModel' | 'Converse';
export type BatchBodyFormat = 'anthropic' | 'nova' | 'llama' | 'converse';

export interface InferenceSettings {
  maxTokens: number;
  temperature: number | null;
  topP: number | null;
}

/** The body format and job type used for a model (by the catalogue's family and the model id). */
export function bodyFormatOf(model: Pick<CatalogModel, 'family' | 'modelId'> | { family?: string; modelId: string }): {
  format: BatchBodyFormat;
  invocationType: BatchInvocationType;
} {
  const id = model.modelId.replace(/^(us|eu|apac|au|jp|ca|global)\./, '');
  if (model.family === 'claude' || id.startsWith('anthropic.')) return { format: 'anthropic', invocationType: 'InvokeModel' };
  if (model.family === 'nova' || id.startsWith('amazon.nova')) return { format: 'nova', invocationType: 'InvokeModel' };
  if (model.family === 'llama' || id.startsWith('meta.llama')) return { format: 'llama', invocationType: 'InvokeModel' };
  return { format: 'converse', invocationType: 'Converse' };
}

/** Meta Llama 3/4 chat format for one user turn (model-parameters-meta.html). */
export function llamaPrompt(prompt: string): string {
  return `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`;
}

/** The `modelInput` of one record: the same prompt every model gets in step 3, in the model's own body. */
export function modelInput(format: BatchBodyFormat, prompt: string, s: InferenceSettings): Record<string, unknown> {
  const sampling = <T extends string>(t: T, p: T) => ({
    ...(s.temperature === null ? {} : { [t]: s.temperature }),
    ...(s.topP === null ? {} : { [p]: s.topP }),
  });
  switch (format) {
    case 'anthropic':
      return {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: s.maxTokens,
        messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
        ...sampling('temperature', 'top_p'),
      };
    case 'nova':
      return {
        schemaVersion: 'messages-v1',
        messages: [{ role: 'user', content: [{ text: prompt }] }],
        inferenceConfig: { maxTokens: s.maxTokens, ...sampling('temperature', 'topP') },
      };
    case 'llama':
      return { prompt: llamaPrompt(prompt), max_gen_len: s.maxTokens, ...sampling('temperature', 'top_p') };
    case 'converse':
      return {
        messages: [{ role: 'user', content: [{ text: prompt }] }],
        inferenceConfig: { maxTokens: s.maxTokens, ...sampling('temperature', 'topP') },
      };
  }
}

/** Record ids are alphanumeric (as the documentation's examples): `R` + the 1-based row, zero-padded, + the document hash. */
export function recordIdOf(documentIndex: number, documentId: string): string {
  return `R${String(documentIndex).padStart(7, '0')}${documentId}`;
}

export interface ParsedAnswer {
  text: string;
  inputTokens: number | null;
  outputTokens: number | null;
  stopReason: string;
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The answer in a `modelOutput` (the model's InvokeModel response body, or a Converse
 * response for a Converse job). Returns a reason instead when the body is not of that shape.
 */
export function parseModelOutput(format: BatchBodyFormat, output: unknown): ParsedAnswer | { problem: string } {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return { problem: 'modelOutput is not a JSON object' };
  const o = output as Json;
  if (format === 'anthropic') {
    if (!Array.isArray(o.content)) return { problem: 'modelOutput has no "content" array (Anthropic Messages response expected)' };
    const usage = (o.usage ?? {}) as Json;
    return {
      text: (o.content as Json[])
        .filter((b) => b?.type === 'text')
        .map((b) => String(b.text ?? ''))
        .join(''),
      inputTokens: num(usage.input_tokens),
      outputTokens: num(usage.output_tokens),
      stopReason: String(o.stop_reason ?? ''),
    };
  }
  if (format === 'llama') {
    if (typeof o.generation !== 'string') return { problem: 'modelOutput has no "generation" text (Meta Llama response expected)' };
    return {
      text: o.generation,
      inputTokens: num(o.prompt_token_count),
      outputTokens: num(o.generation_token_count),
      stopReason: String(o.stop_reason ?? ''),
    };
  }
  // Nova and Converse share the shape {output: {message: {content: [{text}]}}, stopReason, usage}.
  const content = ((o.output as Json | undefined)?.message as Json | undefined)?.content;
  if (!Array.isArray(content)) return { problem: 'modelOutput has no "output.message.content" array (Nova / Converse response expected)' };
  const usage = (o.usage ?? {}) as Json;
  return {
    text: (content as Json[])
      .filter((b) => typeof b?.text === 'string')
      .map((b) => b.text as string)
      .join(''),
    inputTokens: num(usage.inputTokens),
    outputTokens: num(usage.outputTokens),
    stopReason: String(o.stopReason ?? ''),
  };
}
