/**
 * Fleet views (SparkRTC Data Insights, Real-Time Data, Diagnostics, Duration Statistics):
 * definitions, facts, roll-ups and the pure functions the views call.
 */
export * from '../util/intervals.js';
export * from '../util/csv.js';
export * from './definitions.js';
export * from './diagnostics.js';
export * from './dimensions.js';
export * from './durations.js';
export * from './facts.js';
export * from './insights.js';
export * from './range.js';
export * from './realtime.js';
export * from './resolution.js';
export * from './rollup.js';
export * from './thresholds.js';
export * from './top-five.js';
export * from './exports.js';
export * from './room-profile.js';
export * from './source.js';
export * from './browser-source.js';
export * from './thresholds-store.js';
