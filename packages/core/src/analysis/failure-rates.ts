import {
	classifyReason,
	DUMP_FAILURE_REASONS,
	OPENVIDU_FAILURE_REASONS,
	OPENVIDU_FORCED_REASONS,
	VONAGE_FAILURE_REASONS,
	VONAGE_FORCED_REASONS
} from '../model/end-reasons.js';
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

const openviduFailures = OPENVIDU_FAILURE_REASONS.join(', ');
const forcedList = [...OPENVIDU_FORCED_REASONS, ...VONAGE_FORCED_REASONS].join(', ');

export const FAILURE_DEFINITIONS = {
	connections: `Failed connections ÷ connections. A connection failed when it ended for a failure reason: OpenVidu ${openviduFailures}; Vonage ${VONAGE_FAILURE_REASONS.join(', ')}; in a dump, a peer connection whose connection, ICE or DTLS state became “failed” and never recovered (${DUMP_FAILURE_REASONS.join(', ')}). Forced ends (${forcedList}) are counted separately.`,
	publications: `Failed publications ÷ published streams. A stream failed when its end reason is a failure (OpenVidu webrtcConnectionDestroyed ${openviduFailures}; Vonage ${VONAGE_FAILURE_REASONS.join(', ')}).`,
	subscriptions: `Failed subscriptions ÷ subscriptions. A subscription failed when its end reason is a failure (OpenVidu webrtcConnectionDestroyed ${openviduFailures}).`,
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
