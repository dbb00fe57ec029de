export * from './wire-types.js';
export * from './errors.js';
export * from './tags.js';
export * from './messages.js';
export * from './codec.js';
export * from './framer.js';
export * from './constants.js';
export * from './validate.js';
