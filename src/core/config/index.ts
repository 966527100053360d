/** The workshop configuration: one schema, environment overrides, loading, description. */
export * from './describe';
export * from './load';
export * from './overrides';
export * from './schema';
