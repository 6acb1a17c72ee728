export * from './ids.js';
export * from './problems.js';
export * from './events.js';
export * from './imports.js';
export * from './session.js';
export * from './rows.js';
export * from './event-key.js';
export * from './settings.js';
