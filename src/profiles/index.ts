/** Profiles: model, parsing, targeting, desired sets, drift evaluation, attribution, guard, state (pure). */
export * from './accept.js';
export * from './attribution.js';
export * from './desired.js';
export * from './drift.js';
export * from './errors.js';
export * from './events.js';
export * from './exclusions.js';
export * from './guard.js';
export * from './parse.js';
export * from './project.js';
export * from './quantity.js';
export * from './schema.js';
export * from './state.js';
export * from './status.js';
export * from './summary.js';
export * from './targeting.js';
export * from './types.js';
