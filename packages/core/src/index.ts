/**
 * @rtcscope/core — the DOM-free half of rtcscope. Subpath exports keep the app's imports explicit:
 * `@rtcscope/core/model`, `/analysis`, `/storage`, `/worker-api`, `/demo`.
 */
export * from './model/index.js';
export { FORMATS, detectFormat, supportedFormatsText } from './formats/registry.js';
export type { FormatId } from './formats/types.js';
export { INPUT_LABELS, INPUT_ORDER } from './formats/inputs.js';
export { STALE_HEARTBEAT_MS, type ImportInput, type ImportOutcome } from './import/pipeline.js';
export { LINK_WINDOW_MS } from './import/link-dumps.js';
export { DUMP_SEARCH_MS } from './import/link-waiting.js';
export { isFinalPhase, type ImportProgress, type ImportPhase } from './import/progress.js';
export { helperLaneCount } from './import/lane-count.js';
