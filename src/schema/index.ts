export * from './kinds.js';
export * from './relations.js';
export * from './attributes.js';
export type * from './pipeline.js';
export * from './compact.js';
