export { startLocalBedrock, streamChunks, type InProcessResponse, type LocalBedrock } from './server';
export type { LocalBedrockOptions, FaultRates } from './settings';
export type { Replay, ReplayOptions, ReplayStats } from './replay';
export { generateAnswer } from './emulator';
