export * from './connection-status.js';
export * from './calls.js';
export * from './agent.js';
export * from './app-state.js';
export * from './commands.js';
export * from './softphone-api.js';
export * from './browser-protocol.js';
export * from './content-security-policy.js';
