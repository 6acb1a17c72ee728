import type { RtcscopeDb } from '../storage/db.js';
import { ALARM_IDS, type ThresholdOverrides } from './thresholds.js';

/** Settings' threshold overrides (only known ids with finite, non-negative values). */
export async function loadThresholdOverrides(db: RtcscopeDb): Promise<ThresholdOverrides> {
	const row = await db.settings.get('thresholds');
	const out: ThresholdOverrides = {};
	if (!row || row.key !== 'thresholds' || typeof row.value !== 'object' || row.value === null) return out;
	for (const id of ALARM_IDS) {
		const v = (row.value as Record<string, unknown>)[id];
		if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[id] = v;
	}
	return out;
}
