/**
 * The ids of SparkRTC's abnormal events (sparkrtc-console-guide.txt §4.3 Table 4-2; the table with
 * thresholds and directions is fleet/thresholds.ts), and the threshold overrides Settings stores
 * by id (model/settings.ts). Persisted: renaming an id needs a storage migration.
 */
export const ALARM_IDS = [
	'systemCpu',
	'appCpu',
	'uplinkAudioLatency',
	'uplinkAudioJitter',
	'uplinkVideoLatency',
	'uplinkVideoJitter',
	'downlinkAudioLatency',
	'downlinkAudioJitter',
	'downlinkVideoLatency',
	'downlinkVideoJitter',
	'uplinkAudioLoss',
	'uplinkVideoLoss',
	'downlinkAudioLoss',
	'downlinkVideoLoss',
	'downlinkVideoFreeze',
	'downlinkAudioFreeze'
] as const;

export type AlarmId = (typeof ALARM_IDS)[number];

/** Threshold overrides as Settings stores them; missing ids keep the document's value. */
export type ThresholdOverrides = Partial<Record<AlarmId, number>>;
