export * from './types';
export * from './retry';
export * from './clients';
export * from './converse';
export * from './count-tokens';
export * from './recorder';
