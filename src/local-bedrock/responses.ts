/**
 * The emulated answer written as each API returns it: the Converse body, the ConverseStream
 * events, the InvokeModel body of each provider, and the InvokeModelWithResponseStream chunks
 * (each chunk a `chunk` event whose payload is `{"bytes": base64(provider JSON)}`).
 *
 * Converse: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * ConverseStream events (text blocks have no contentBlockStart; tool-use blocks start with
 * their id and name, then stream their input as JSON text):
 * https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html
 * Provider bodies and stream chunks: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html
 */
import type { ChatRequest } from './chat-request';
import type { AnswerBlock, ChatAnswer } from './emulator/chat';
import type { CacheUsage } from './prompt-cache';

type Json = Record<string, unknown>;

export interface Figures {
  inputTokens: number;
  outputTokens: number;
  cache: CacheUsage;
  latencyMs: number;
  firstByteMs: number;
}

/** Split text into stream chunks of a few words each (whitespace kept). */
export function streamChunks(text: string, wordsPerChunk = 4): string[] {
  const pieces = text.match(/\S+\s*/g) ?? [];
  const leading = text.match(/^\s*/)?.[0] ?? '';
  const chunks: string[] = [];
  for (let i = 0; i < pieces.length; i += wordsPerChunk) chunks.push(pieces.slice(i, i + wordsPerChunk).join(''));
  if (chunks.length && leading) chunks[0] = leading + chunks[0];
  return chunks.length ? chunks : [text];
}

function jsonChunks(json: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out.length ? out : [json];
}

/** Converse's TokenUsage (cache members only when the request set cache checkpoints). */
export function usageOf(req: ChatRequest, f: Figures): Json {
  const usage: Json = {
    inputTokens: f.inputTokens,
    outputTokens: f.outputTokens,
    totalTokens: f.inputTokens + f.outputTokens + f.cache.read + f.cache.write,
  };
  if (req.checkpoints.length) {
    usage.cacheReadInputTokens = f.cache.read;
    usage.cacheWriteInputTokens = f.cache.write;
  }
  return usage;
}

function echoed(req: ChatRequest, target: Json): Json {
  if (req.latency) target.performanceConfig = { latency: req.latency };
  if (req.serviceTier) target.serviceTier = { type: req.serviceTier };
  return target;
}

function converseBlock(b: AnswerBlock): Json {
  if (b.type === 'text') return { text: b.text };
  if (b.type === 'toolUse') return { toolUse: { toolUseId: b.id, name: b.name, input: b.input } };
  return { reasoningContent: { reasoningText: { text: b.text, signature: b.signature } } };
}

export function converseBody(req: ChatRequest, answer: ChatAnswer, f: Figures): Json {
  return echoed(req, {
    output: { message: { role: 'assistant', content: answer.blocks.map(converseBlock) } },
    stopReason: answer.stopReason,
    usage: usageOf(req, f),
    metrics: { latencyMs: f.latencyMs },
  });
}

/** One stream event: its type, payload, and whether it carries generated tokens (paced). */
export interface StreamEvent {
  type: string;
  payload: unknown;
  paced: boolean;
}

export function converseStreamEvents(req: ChatRequest, answer: ChatAnswer, f: Figures): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'messageStart', payload: { role: 'assistant' }, paced: false }];
  answer.blocks.forEach((b, contentBlockIndex) => {
    if (b.type === 'toolUse') {
      events.push({
        type: 'contentBlockStart',
        payload: { start: { toolUse: { toolUseId: b.id, name: b.name } }, contentBlockIndex },
        paced: true,
      });
      for (const input of jsonChunks(JSON.stringify(b.input)))
        events.push({ type: 'contentBlockDelta', payload: { delta: { toolUse: { input } }, contentBlockIndex }, paced: true });
    } else if (b.type === 'reasoning') {
      for (const text of streamChunks(b.text))
        events.push({ type: 'contentBlockDelta', payload: { delta: { reasoningContent: { text } }, contentBlockIndex }, paced: true });
      events.push({
        type: 'contentBlockDelta',
        payload: { delta: { reasoningContent: { signature: b.signature } }, contentBlockIndex },
        paced: false,
      });
    } else {
      for (const text of streamChunks(b.text))
        events.push({ type: 'contentBlockDelta', payload: { delta: { text }, contentBlockIndex }, paced: true });
    }
    events.push({ type: 'contentBlockStop', payload: { contentBlockIndex }, paced: false });
  });
  events.push({ type: 'messageStop', payload: { stopReason: answer.stopReason }, paced: false });
  events.push({ type: 'metadata', payload: echoed(req, { usage: usageOf(req, f), metrics: { latencyMs: f.latencyMs } }), paced: false });
  return events;
}

// ---------------------------------------------------------------------------------------
// InvokeModel bodies

const anthropicId = (id: string) => `toolu_bdrk_${id.slice('tooluse_'.length)}`;

function matchedStop(req: ChatRequest, answer: ChatAnswer): string | null {
  if (answer.stopReason !== 'stop_sequence') return null;
  return req.stopSequences?.find((s) => s) ?? null;
}

function invocationMetrics(f: Figures): Json {
  return {
    inputTokenCount: f.inputTokens,
    outputTokenCount: f.outputTokens,
    invocationLatency: f.latencyMs,
    firstByteLatency: f.firstByteMs,
  };
}

export function invokeBody(req: ChatRequest, answer: ChatAnswer, f: Figures, requestId: string): Json {
  const text = answer.blocks
    .filter((b) => b.type === 'text')
    .map((b) => (b as { text: string }).text)
    .join('');
  if (req.provider === 'anthropic') {
    const usage: Json = { input_tokens: f.inputTokens, output_tokens: f.outputTokens };
    if (req.checkpoints.length) Object.assign(usage, { cache_creation_input_tokens: f.cache.write, cache_read_input_tokens: f.cache.read });
    return {
      id: `msg_bdrk_${requestId.replace(/-/g, '').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model: req.model.modelId.replace(/^anthropic\./, '').replace(/-v\d+:\d+$/, ''),
      content: answer.blocks.map((b) =>
        b.type === 'text'
          ? { type: 'text', text: b.text }
          : b.type === 'toolUse'
            ? { type: 'tool_use', id: anthropicId(b.id), name: b.name, input: b.input }
            : { type: 'thinking', thinking: b.text, signature: b.signature },
      ),
      stop_reason: answer.stopReason,
      stop_sequence: matchedStop(req, answer),
      usage,
    };
  }
  if (req.provider === 'llama') {
    return {
      generation: text,
      prompt_token_count: f.inputTokens,
      generation_token_count: f.outputTokens,
      stop_reason: answer.stopReason === 'max_tokens' ? 'length' : 'stop',
    };
  }
  const usage: Json = {
    inputTokens: f.inputTokens,
    outputTokens: f.outputTokens,
    totalTokens: f.inputTokens + f.outputTokens + f.cache.read + f.cache.write,
  };
  if (req.checkpoints.length) Object.assign(usage, { cacheReadInputTokenCount: f.cache.read, cacheWriteInputTokenCount: f.cache.write });
  return { output: { message: { role: 'assistant', content: answer.blocks.map(converseBlock) } }, stopReason: answer.stopReason, usage };
}

/** The chunks of InvokeModelWithResponseStream, as provider JSON objects (before base64). */
export function invokeStreamChunks(req: ChatRequest, answer: ChatAnswer, f: Figures, requestId: string): { chunk: Json; paced: boolean }[] {
  const out: { chunk: Json; paced: boolean }[] = [];
  if (req.provider === 'anthropic') {
    const whole = invokeBody(req, answer, f, requestId);
    out.push({
      chunk: {
        type: 'message_start',
        message: { ...whole, content: [], stop_reason: null, stop_sequence: null, usage: { ...(whole.usage as Json), output_tokens: 1 } },
      },
      paced: false,
    });
    answer.blocks.forEach((b, index) => {
      if (b.type === 'text') {
        out.push({ chunk: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, paced: false });
        for (const text of streamChunks(b.text))
          out.push({ chunk: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, paced: true });
      } else if (b.type === 'toolUse') {
        out.push({
          chunk: {
            type: 'content_block_start',
            index,
            content_block: { type: 'tool_use', id: anthropicId(b.id), name: b.name, input: {} },
          },
          paced: true,
        });
        for (const partial_json of jsonChunks(JSON.stringify(b.input)))
          out.push({ chunk: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }, paced: true });
      } else {
        out.push({ chunk: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } }, paced: false });
        for (const thinking of streamChunks(b.text))
          out.push({ chunk: { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }, paced: true });
        out.push({
          chunk: { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: b.signature } },
          paced: false,
        });
      }
      out.push({ chunk: { type: 'content_block_stop', index }, paced: false });
    });
    out.push({
      chunk: {
        type: 'message_delta',
        delta: { stop_reason: answer.stopReason, stop_sequence: matchedStop(req, answer) },
        usage: { output_tokens: f.outputTokens },
      },
      paced: false,
    });
    out.push({ chunk: { type: 'message_stop', 'amazon-bedrock-invocationMetrics': invocationMetrics(f) }, paced: false });
    return out;
  }
  if (req.provider === 'llama') {
    const text = answer.blocks
      .filter((b) => b.type === 'text')
      .map((b) => (b as { text: string }).text)
      .join('');
    const chunks = streamChunks(text);
    let generated = 0;
    chunks.forEach((generation, i) => {
      generated = Math.round(((i + 1) / chunks.length) * f.outputTokens);
      out.push({
        chunk: { generation, prompt_token_count: i === 0 ? f.inputTokens : null, generation_token_count: generated, stop_reason: null },
        paced: true,
      });
    });
    out.push({
      chunk: {
        generation: '',
        prompt_token_count: null,
        generation_token_count: f.outputTokens,
        stop_reason: answer.stopReason === 'max_tokens' ? 'length' : 'stop',
        'amazon-bedrock-invocationMetrics': invocationMetrics(f),
      },
      paced: false,
    });
    return out;
  }
  for (const e of converseStreamEvents(req, answer, f)) {
    if (e.type === 'metadata') {
      const usage = { inputTokens: f.inputTokens, outputTokens: f.outputTokens };
      out.push({
        chunk: { metadata: { usage, metrics: {}, trace: {} }, 'amazon-bedrock-invocationMetrics': invocationMetrics(f) },
        paced: false,
      });
    } else out.push({ chunk: { [e.type]: e.payload }, paced: e.paced });
  }
  return out;
}
