import {
	classifyReason,
	FAILURE_REASONS,
	FORCED_REASONS
} from '../formats/openvidu-cdr/reasons.js';
import type { SessionSlice } from './meeting-slice.js';

/**
 * Failure rates of the Error Log (vonage-session-inspector.md "Error Log": "dividing the number
 * of failures by the total number of attempts"). The CDR records how things ended, so a failure
 * is an attempt that ended for a failure reason; forced ends are counted beside it.
 */
export interface FailureRate {
	what: 'connections' | 'publications' | 'subscriptions' | 'recordings';
	attempts: number;
	failures: number;
	/** Ended by the application or a moderator (forceDisconnectBy*, forceUnpublishBy*, sessionClosedByServer). */
	forced: number;
	/** failures / attempts, 0..1; null when there were no attempts. */
	rate: number | null;
	/** The definition shown beside the rate. */
	definition: string;
}

const failureList = [...FAILURE_REASONS].join(', ');
const forcedList = [...FORCED_REASONS].join(', ');

export const FAILURE_DEFINITIONS = {
	connections: `Failed connections ÷ connections. A connection failed when it ended with ${failureList}. Forced ends (${forcedList}) are counted separately.`,
	publications: `Failed publications ÷ published streams. A stream failed when its webrtcConnectionDestroyed reason is ${failureList}.`,
	subscriptions: `Failed subscriptions ÷ subscriptions. A subscription failed when its webrtcConnectionDestroyed reason is ${failureList}.`,
	recordings: 'Failed recordings ÷ recordings. A recording failed when it reached status "failed".'
} as const;

export function failureRates(slice: SessionSlice): FailureRate[] {
	const rate = (what: FailureRate['what'], reasons: (string | null)[]): FailureRate => {
		let failures = 0;
		let forced = 0;
		for (const reason of reasons) {
			const cls = classifyReason(reason);
			if (cls === 'failure') failures++;
			else if (cls === 'forced') forced++;
		}
		return {
			what,
			attempts: reasons.length,
			failures,
			forced,
			rate: reasons.length > 0 ? failures / reasons.length : null,
			definition: FAILURE_DEFINITIONS[what]
		};
	};
	const recordings = slice.recordings;
	const failedRecordings = recordings.filter((r) =>
		r.history.some((h) => h.status === 'failed')
	).length;
	return [
		rate(
			'connections',
			slice.participants.map((p) => p.leaveReason)
		),
		rate(
			'publications',
			slice.publications.map((p) => p.endReason)
		),
		rate(
			'subscriptions',
			slice.subscriptions.map((s) => s.endReason)
		),
		{
			what: 'recordings',
			attempts: recordings.length,
			failures: failedRecordings,
			forced: 0,
			rate: recordings.length > 0 ? failedRecordings / recordings.length : null,
			definition: FAILURE_DEFINITIONS.recordings
		}
	];
}
