import { unionIntervals, type Interval } from '../util/intervals.js';
import type { Provider } from '../model/ids.js';
import type { Recording, SessionModel } from '../model/session.js';

/**
 * The archive state machine of the Vonage Archive Inspector (vonage-archive-inspector.txt,
 * "Archive Information"), applied to any provider's recording:
 *
 * - `started` → recording; `paused` while no client publishes (nothing is recorded);
 * - a pause longer than 60 minutes stops the archive; 60 seconds after all clients disconnect
 *   it stops;
 * - `stopped` → the file is complete and queued for upload; `uploaded` (customer storage) may
 *   arrive *before* `stopped` for very small archives — normal, not an error;
 * - `available` → on the provider's cloud, which keeps it 72 hours from creation, then `expired`;
 * - `failed`.
 *
 * OpenVidu's `ready` is `available` (downloadable from the server); SparkRTC's
 * RECORD_FILE_COMPLETE is `uploaded` (stored in the customer's OBS bucket).
 *
 * Pure: the recording's status history plus, when known, when publishers and clients were
 * present. Times UTC ms; durations in ms unless named otherwise.
 */
export const ARCHIVE_STATES = [
	'started',
	'paused',
	'stopped',
	'uploaded',
	'available',
	'expired',
	'failed'
] as const;
export type ArchiveState = (typeof ARCHIVE_STATES)[number] | 'unknown';

export const PAUSE_TIMEOUT_MS = 60 * 60_000;
export const DISCONNECT_STOP_MS = 60_000;
export const CLOUD_RETENTION_MS = 72 * 3_600_000;
/** How far an observed stop may be from a rule's expected stop and still match it. */
const RULE_SLACK_MS = 15_000;

export interface ArchiveBand {
	state: ArchiveState;
	from: number;
	to: number;
	/** Derived by a rule (pause from publisher presence, expiry at 72 h), not observed. */
	inferred: boolean;
}

export interface ArchiveNote {
	severity: 'info' | 'warning';
	text: string;
}

export interface ArchiveInput {
	recording: Recording;
	provider: Provider;
	/** When a stream was being published in the session (any publisher). */
	publishers: readonly Interval[];
	/** When clients were connected. */
	connections: readonly Interval[];
	/** The end of what the data covers (its newest event, or the wall clock for live feeds). */
	dataEnd: number;
	/** The wall clock, UTC ms: an archive listed "available" in 2014 has expired by now (72-hour rule). */
	now: number;
}

export interface ArchiveAnalysis {
	status: ArchiveState;
	/** The status as the source wrote it. */
	rawStatus: string;
	startedAt: number | null;
	stoppedAt: number | null;
	/** Started → stopped, split into recording and paused time. */
	runningMs: number | null;
	pausedMs: number | null;
	/** Duration the provider reported, seconds. */
	reportedDurationS: number | null;
	/** Time some stream was published between start and stop: what the archive should hold. */
	expectedMs: number | null;
	expiresAt: number | null;
	/**
	 * True when the archive was still recording or paused at the end of the data: its running
	 * and paused times are what the data covers, not the archive's whole length.
	 */
	openEnded: boolean;
	/** The state that ended recording (stopped, uploaded, available, failed…), when one did. */
	endedBy: ArchiveState | null;
	bands: ArchiveBand[];
	pauses: Interval[];
	notes: ArchiveNote[];
}

/** Maps a source's status text onto the state machine. */
export function archiveState(provider: Provider, status: string): ArchiveState {
	const s = status.toLowerCase();
	if (provider === 'openvidu' && s === 'ready') return 'available';
	if ((ARCHIVE_STATES as readonly string[]).includes(s)) return s as ArchiveState;
	return 'unknown';
}

const hhmmOnly = (ms: number) => new Date(ms).toISOString().slice(11, 16);
/** Minutes for a range of minutes or more; seconds when a range would read "10:30 and 10:30". */
const clock = (ms: number, spanMs = Infinity) => (spanMs < 120_000 ? hhmmss(ms) : hhmmOnly(ms));
const hhmm = (ms: number) => hhmmOnly(ms);
const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
const seconds = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : minutes(ms));

export function analyzeArchive(input: ArchiveInput): ArchiveAnalysis {
	const { recording: rec, provider } = input;
	const notes: ArchiveNote[] = [];
	const history = [...rec.history].sort((a, b) => a.at - b.at);
	const states = history.map((h) => ({ ...h, state: archiveState(provider, h.status) }));
	for (const h of states) {
		if (h.state === 'unknown')
			notes.push({
				severity: 'warning',
				text: `Status "${h.status}" at ${hhmmss(h.at)} is not one the Archive Inspector documents; it is shown as written.`
			});
	}
	const first = (s: ArchiveState) => states.find((h) => h.state === s);
	const started = first('started');
	// A status whose time the data does not hold (a "stopped" reply, no updatedAt) gives no time.
	const stopped = states.find((h) => h.state === 'stopped' && !h.atUnknown);
	const stoppedSeen = first('stopped');
	const uploaded = first('uploaded');
	const available = first('available');
	const expired = first('expired');
	const failed = first('failed');
	const last = states[states.length - 1];

	let startedAt = started?.at ?? null;
	if (startedAt === null && history.length > 0) {
		startedAt = rec.startedAt;
		notes.push({
			severity: 'warning',
			text: `No "started" in the data: the start is taken from the recording's start time (${hhmmss(rec.startedAt)}).`
		});
	} else if (started?.inferred) {
		notes.push({
			severity: 'info',
			text: `The start is the archive's createdAt (${hhmmss(started.at)}): the data lists the archive, it did not see it start.`
		});
	}

	// Where recording ended: the stop, else (tiny archives) the upload, else start + duration.
	let stoppedAt = stopped?.at ?? null;
	let endedBy: ArchiveState | null = stopped ? 'stopped' : null;
	if (stoppedAt === null) {
		const after =
			[stoppedSeen, uploaded, available, expired, failed].find((h) => h && !h.atUnknown) ??
			stoppedSeen ??
			uploaded ??
			available ??
			expired ??
			failed;
		if (after && startedAt !== null) {
			endedBy = after.state;
			// A failure observed at its time is the end of recording; an upload or a listing
			// comes after the stop, so the reported duration places the stop better.
			stoppedAt =
				after.state === 'failed' && !after.atUnknown
					? after.at
					: rec.durationS
						? startedAt + rec.durationS * 1000
						: after.atUnknown
							? null
							: after.at;
			if (stoppedAt === null)
				notes.push({
					severity: 'warning',
					text: `The data says "${after.status}" but not when, and gives no duration: how long it recorded is not in the data.`
				});
			else if (after.state !== 'failed' && !stoppedSeen)
				notes.push({
					severity: 'info',
					text: `No "stopped" in the data: the end of recording is taken from ${rec.durationS ? 'the reported duration' : `"${after.status}"`} (${hhmmss(stoppedAt)}).`
				});
			else if (stoppedSeen?.atUnknown && rec.durationS)
				notes.push({
					severity: 'info',
					text: `"stopped" is listed without its time: the end of recording is the start plus the reported duration (${hhmmss(stoppedAt)}).`
				});
		}
	}
	if (stopped && uploaded && uploaded.at < stopped.at) {
		notes.push({
			severity: 'info',
			text: `"uploaded" (${hhmmss(uploaded.at)}) came before "stopped" (${hhmmss(stopped.at)}): normal for very small archives, not an error.`
		});
	}
	if (stopped && !started && !history.some((h) => h.inferred)) {
		notes.push({
			severity: 'warning',
			text: `"stopped" without "started": the archive's start was not in the data.`
		});
	}

	// Pauses: observed ones, else the gaps in publisher presence while recording.
	const pauses: Interval[] = [];
	for (let i = 0; i < states.length; i++) {
		const h = states[i] as (typeof states)[number];
		if (h.state !== 'paused') continue;
		const resume = states.slice(i + 1).find((x) => x.state !== 'paused');
		pauses.push({ start: h.at, end: resume?.at ?? stoppedAt ?? input.dataEnd });
	}
	const openEnded = stoppedAt === null && !!last && ['started', 'paused'].includes(last.state);
	const presence = unionIntervals(input.publishers.map((p) => ({ start: p.start, end: p.end })));
	const end =
		stoppedAt ?? (last && ['started', 'paused'].includes(last.state) ? input.dataEnd : null);
	if (pauses.length === 0 && startedAt !== null && end !== null && presence.length > 0) {
		let cursor = startedAt;
		for (const p of presence) {
			if (p.end <= cursor) continue;
			if (p.start >= end) break;
			if (p.start > cursor) pauses.push({ start: cursor, end: Math.min(p.start, end) });
			cursor = Math.max(cursor, p.end);
		}
		if (cursor < end) pauses.push({ start: cursor, end });
	}
	// A pause still open at the end of the data counts however short the data makes it.
	const significant = pauses.filter(
		(p) => p.end - p.start >= 1_000 || (openEnded && p.end === input.dataEnd)
	);
	for (const p of significant) {
		const observed = states.some((h) => h.state === 'paused');
		const stillPaused = openEnded && last?.state === 'paused' && p.end === input.dataEnd;
		notes.push({
			severity: 'info',
			text: stillPaused
				? `Paused since ${hhmmss(p.start)} and still paused at the end of the data (${hhmmss(p.end)}): how long it stayed paused is not in the data.`
				: `Paused for ${seconds(p.end - p.start)}: ${observed ? 'the data says paused' : 'no stream was published'} between ${clock(p.start, p.end - p.start)} and ${clock(p.end, p.end - p.start)}.`
		});
		if (p.end - p.start >= PAUSE_TIMEOUT_MS - RULE_SLACK_MS) {
			const due = p.start + PAUSE_TIMEOUT_MS;
			const matches = stoppedAt !== null && Math.abs(stoppedAt - due) <= RULE_SLACK_MS;
			notes.push({
				severity: matches ? 'info' : 'warning',
				text: matches
					? `Stopped at ${hhmm(stoppedAt as number)}: paused for 60 minutes (the documented timeout).`
					: `Paused longer than 60 minutes from ${hhmm(p.start)}: the archive should have stopped at ${hhmm(due)}${stoppedAt !== null ? `, but stopped at ${hhmm(stoppedAt)}` : ''}.`
			});
		}
	}
	const pausedMs =
		startedAt !== null && end !== null
			? significant.reduce(
					(s, p) => s + (Math.min(p.end, end) - Math.max(p.start, startedAt as number)),
					0
				)
			: null;
	const runningMs =
		startedAt !== null && end !== null && pausedMs !== null
			? Math.max(0, end - startedAt - pausedMs)
			: null;

	// 60 s after all clients disconnect.
	const clients = unionIntervals(input.connections.map((c) => ({ start: c.start, end: c.end })));
	const lastLeave = clients.length > 0 ? (clients[clients.length - 1] as Interval).end : null;
	if (stoppedAt !== null && lastLeave !== null && stoppedAt >= lastLeave) {
		const due = lastLeave + DISCONNECT_STOP_MS;
		if (Math.abs(stoppedAt - due) <= RULE_SLACK_MS) {
			notes.push({
				severity: 'info',
				text: `Stopped at ${hhmmss(stoppedAt)}, 60 s after all clients disconnected (${hhmmss(lastLeave)}), as documented.`
			});
		} else if (stoppedAt > due + RULE_SLACK_MS) {
			notes.push({
				severity: 'warning',
				text: `All clients had disconnected at ${hhmmss(lastLeave)}: the archive should have stopped 60 s later, but stopped at ${hhmmss(stoppedAt)}.`
			});
		}
	}

	// Reported duration against the timestamps.
	if (rec.durationS !== null && startedAt !== null && stoppedAt !== null) {
		const spanS = (stoppedAt - startedAt) / 1000;
		if (Math.abs(spanS - rec.durationS) > Math.max(2, spanS * 0.02)) {
			notes.push({
				severity: 'warning',
				text: `The reported duration is ${rec.durationS} s, but started → ${endedBy ?? 'stopped'} is ${Math.round(spanS)} s.`
			});
		}
	}
	if (rec.sizeBytes !== null && rec.sizeBytes < 0)
		notes.push({
			severity: 'warning',
			text: `The reported size is negative (${rec.sizeBytes} bytes).`
		});

	// Expected duration: while someone published between start and stop.
	let expectedMs: number | null = null;
	if (presence.length > 0 && startedAt !== null && end !== null) {
		expectedMs = presence.reduce(
			(s, p) => s + Math.max(0, Math.min(p.end, end) - Math.max(p.start, startedAt as number)),
			0
		);
		if (
			rec.durationS !== null &&
			Math.abs(expectedMs / 1000 - rec.durationS) > Math.max(5, rec.durationS * 0.05)
		) {
			notes.push({
				severity: 'warning',
				text: `Publishers were present for ${seconds(expectedMs)} while it recorded, but the reported duration is ${seconds(rec.durationS * 1000)}.`
			});
		}
	}

	// 72 hours on the provider's cloud.
	let expiresAt: number | null = null;
	if (provider === 'vonage' && available && !uploaded) {
		expiresAt = rec.startedAt + CLOUD_RETENTION_MS;
		if (expired && expired.at < expiresAt - RULE_SLACK_MS)
			notes.push({
				severity: 'warning',
				text: `"expired" at ${new Date(expired.at).toISOString().slice(0, 16)} is earlier than 72 hours after creation.`
			});
	}

	// Bands, in time order; each lasts until the next state (or the end of the data).
	const bands: ArchiveBand[] = [];
	const push = (state: ArchiveState, from: number, to: number, inferred: boolean) => {
		if (to > from) bands.push({ state, from, to, inferred });
	};
	if (startedAt !== null) {
		// Still recording or paused at the end of the data: the last state gets a visible minute.
		const recEnd =
			openEnded && last ? Math.max(end ?? startedAt, last.at + 60_000) : (end ?? startedAt);
		let cursor = startedAt;
		for (const p of significant) {
			const pauseEnd = openEnded && p.end === input.dataEnd ? recEnd : Math.min(p.end, recEnd);
			push('started', cursor, Math.max(cursor, p.start), started?.inferred ?? false);
			push(
				'paused',
				Math.max(cursor, p.start),
				pauseEnd,
				!states.some((h) => h.state === 'paused')
			);
			cursor = pauseEnd;
		}
		push('started', cursor, recEnd, started?.inferred ?? false);
	}
	const after = states.filter((h) => !['started', 'paused'].includes(h.state));
	after.forEach((h, i) => {
		const next = after[i + 1];
		let to = next?.at ?? input.dataEnd;
		const from = h.state === 'stopped' || stoppedAt === null ? h.at : Math.max(h.at, stoppedAt);
		if (expiresAt !== null && h.state === 'available' && !next) to = Math.min(to, expiresAt);
		// The last state lasts: when the data ends with it, it still gets a visible minute.
		if (!next) to = Math.max(to, from + 60_000);
		push(h.state, from, Math.max(from, to), (h.inferred ?? false) || (h.atUnknown ?? false));
	});
	// The status now: the last one observed, or "expired" once the 72 hours have passed — by the
	// wall clock, not the end of the data: a 2014 listing that says "available" is long expired.
	const derivedExpiry =
		expiresAt !== null && !expired && Math.max(input.now, input.dataEnd) > expiresAt;
	// Within what the data covers, the expiry is drawn; beyond it (a listing from 2014) it is told.
	if (derivedExpiry && input.dataEnd > (expiresAt as number))
		push('expired', expiresAt as number, input.dataEnd, true);
	if (derivedExpiry) {
		notes.push({
			severity: 'info',
			text: `Listed as "${last?.status ?? 'available'}", but archives stay on the OpenTok cloud 72 hours from creation: it expired on ${new Date(expiresAt as number).toISOString().slice(0, 16).replace('T', ' ')} UTC and cannot be downloaded from there now.`
		});
	}
	const status: ArchiveState = derivedExpiry ? 'expired' : last ? last.state : 'unknown';
	return {
		status,
		rawStatus: rec.status,
		startedAt,
		stoppedAt,
		runningMs,
		pausedMs,
		reportedDurationS: rec.durationS,
		expectedMs,
		expiresAt,
		openEnded,
		endedBy,
		bands,
		pauses: significant,
		notes
	};
}

/**
 * The state machine's input for a recording of a session model: publishers are its publications,
 * clients its participants (open ends close at the end of the data).
 */
export function archiveInputOf(
	model: SessionModel,
	recording: Recording,
	dataEnd = model.lastAt,
	now = Date.now()
): ArchiveInput {
	const endOf = (t: number | null) => t ?? Math.max(dataEnd, model.lastAt);
	return {
		recording,
		provider: model.provider,
		publishers: model.publications.map((p) => ({ start: p.startedAt, end: endOf(p.endedAt) })),
		connections: model.participants.map((p) => ({ start: p.joinedAt, end: endOf(p.leftAt) })),
		dataEnd: Math.max(dataEnd, model.lastAt),
		now
	};
}
