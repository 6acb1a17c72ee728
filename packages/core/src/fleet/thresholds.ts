import type { AlarmId, ThresholdOverrides } from '../model/alarms.js';

// The ids and the stored overrides are the model's (model/alarms.ts); the table and its rules are here.
export { ALARM_IDS, type AlarmId, type ThresholdOverrides } from '../model/alarms.js';

/**
 * SparkRTC's abnormal events and their detection thresholds (sparkrtc-console-guide.txt §4.3
 * Table 4-2, the same list as §4.4 Table 4-3 "Exception cause description"). The Real-Time Data
 * alarms and the Diagnostics causes both read this one table; Settings can override a threshold.
 *
 * Direction follows the document: uplink = what a user sends (outbound streams), downlink = what
 * a user receives (inbound streams). Each metric is a user's worst per-stream average over the
 * range, in the unit of the threshold (see {@link StatsFact.metrics}).
 */

export interface AlarmDefinition {
	id: AlarmId;
	/** The document's wording ("Heavy system CPU usage", "Uplink audio latency"). */
	label: string;
	/** Breached when the value is strictly greater than this, in `unit`. */
	threshold: number;
	unit: '%' | 'ms';
	direction: 'uplink' | 'downlink' | 'device';
	/** Where the value comes from, for the footnote. */
	source: string;
}

const RTT_UP = 'RTT the receiver reports for the sent stream (remote-inbound-rtp roundTripTime)';
const RTT_DOWN = 'RTT of the receiving connection’s selected candidate pair (currentRoundTripTime)';
const JIT_UP = 'jitter the receiver reports for the sent stream (remote-inbound-rtp jitter)';
const JIT_DOWN = 'jitter of the received stream (inbound-rtp jitter)';
const LOSS_UP = 'packet loss the receiver reports (remote-inbound-rtp fractionLost / packetsLost)';
const LOSS_DOWN = 'packetsLost ÷ (packetsReceived + packetsLost) of the received stream';

/** Table 4-2, in the document's order. */
export const ALARM_TABLE: readonly AlarmDefinition[] = [
	{ id: 'systemCpu', label: 'Heavy system CPU usage', threshold: 80, unit: '%', direction: 'device', source: 'system CPU usage — no supported input carries it' },
	{ id: 'appCpu', label: 'Heavy app CPU usage', threshold: 70, unit: '%', direction: 'device', source: 'app CPU usage — no supported input carries it' },
	{ id: 'uplinkAudioLatency', label: 'Uplink audio latency', threshold: 500, unit: 'ms', direction: 'uplink', source: RTT_UP },
	{ id: 'uplinkAudioJitter', label: 'Uplink audio jitter', threshold: 500, unit: 'ms', direction: 'uplink', source: JIT_UP },
	{ id: 'uplinkVideoLatency', label: 'Uplink video latency', threshold: 500, unit: 'ms', direction: 'uplink', source: RTT_UP },
	{ id: 'uplinkVideoJitter', label: 'Uplink video jitter', threshold: 500, unit: 'ms', direction: 'uplink', source: JIT_UP },
	{ id: 'downlinkAudioLatency', label: 'Downlink audio latency', threshold: 500, unit: 'ms', direction: 'downlink', source: RTT_DOWN },
	{ id: 'downlinkAudioJitter', label: 'Downlink audio jitter', threshold: 500, unit: 'ms', direction: 'downlink', source: JIT_DOWN },
	{ id: 'downlinkVideoLatency', label: 'Downlink video latency', threshold: 500, unit: 'ms', direction: 'downlink', source: RTT_DOWN },
	{ id: 'downlinkVideoJitter', label: 'Downlink video jitter', threshold: 500, unit: 'ms', direction: 'downlink', source: JIT_DOWN },
	{ id: 'uplinkAudioLoss', label: 'Uplink audio packet loss', threshold: 20, unit: '%', direction: 'uplink', source: LOSS_UP },
	{ id: 'uplinkVideoLoss', label: 'Uplink video packet loss', threshold: 20, unit: '%', direction: 'uplink', source: LOSS_UP },
	{ id: 'downlinkAudioLoss', label: 'Downlink audio packet loss', threshold: 20, unit: '%', direction: 'downlink', source: LOSS_DOWN },
	{ id: 'downlinkVideoLoss', label: 'Downlink video packet loss', threshold: 20, unit: '%', direction: 'downlink', source: LOSS_DOWN },
	{ id: 'downlinkVideoFreeze', label: 'Downlink video freeze', threshold: 5, unit: '%', direction: 'downlink', source: 'video freeze rate of received video (freezes from 600 ms)' },
	{ id: 'downlinkAudioFreeze', label: 'Downlink audio freeze', threshold: 3, unit: '%', direction: 'downlink', source: 'audio freeze rate of received audio (freezes from 200 ms)' }
];


/** The table with overrides applied (invalid overrides — negative, not finite — are ignored). */
export function alarmTable(overrides: ThresholdOverrides = {}): AlarmDefinition[] {
	return ALARM_TABLE.map((row) => {
		const value = overrides[row.id];
		return typeof value === 'number' && Number.isFinite(value) && value >= 0
			? { ...row, threshold: value }
			: row;
	});
}

/**
 * Freeze rules (sparkrtc-console-guide.txt §4.2 User Experience): a video freeze counts once it
 * reaches 600 ms, an audio freeze once it reaches 200 ms.
 */
export const VIDEO_FREEZE_MIN_MS = 600;
export const AUDIO_FREEZE_MIN_MS = 200;

/** "HQ" transmission: packet loss rate ≤ 5 % (§4.2 User Experience). */
export const HQ_MAX_LOSS_PCT = 5;

/** "Room loaded in 5s" (§4.2 Room Loading). */
export const ROOM_LOADED_FAST_MS = 5_000;
