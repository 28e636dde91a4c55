export * from './expiry.js';
export * from './model.js';
export * from './compliance.js';
export * from './completion-import.js';
export * from './attack-sim-import.js';
