export { startLocalBedrock, streamChunks, type LocalBedrock } from './server';
export type { LocalBedrockOptions, FaultRates } from './settings';
export { generateAnswer } from './emulator';
