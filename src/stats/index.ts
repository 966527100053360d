export * from './percentile';
export * from './summary';
export * from './random';
export * from './bootstrap';
export * from './distributions';
export * from './mann-whitney';
export * from './welch';
export * from './effect-size';
