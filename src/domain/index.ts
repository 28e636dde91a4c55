/**
 * The domain core: Systemkoll's rules as pure functions (no I/O, no clock, no React, no Node APIs).
 * "now" and settings are parameters. Features, the bot, jobs and CLIs call these.
 */
export * from './calendar.js';
export * from './classification.js';
export * from './incident-reference.js';
export * from './roles.js';
