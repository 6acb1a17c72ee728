/** OpenVidu's end reasons are classed in the one provider-neutral table (model/end-reasons.ts). */
export { classifyReason, endSeverity, FAILURE_REASONS, FORCED_REASONS } from '../../model/end-reasons.js';
