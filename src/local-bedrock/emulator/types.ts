/**
 * The contract between the local endpoint's HTTP layer (which speaks Bedrock's wire
 * protocol) and its emulated models (which decide what a model answers).
 */
import type { CatalogModel } from '../../core/catalog';

/** One conversation turn, with its text blocks joined. */
export interface EmulatorMessage {
  role: 'user' | 'assistant';
  text: string;
}

export interface EmulatorRequest {
  model: CatalogModel;
  system: string[];
  messages: EmulatorMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  /** Endpoint seed: same model + request + seed → same answer. */
  seed: number;
}

export interface EmulatorAnswer {
  text: string;
  stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence';
  /** What kind of request the emulator recognised. */
  kind: 'summarization' | 'classification' | 'judge' | 'ping' | 'generic';
  inputTokens: number;
  outputTokens: number;
}
