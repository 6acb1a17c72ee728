import type {
	Frequency,
	HealthCondition,
	HealthSnapshotRow,
	LivepeerEventRow
} from '../model/livepeer.js';
import { transcodeSample, transcodeSamples, type TranscodeSample } from '../model/livepeer-digest.js';

// Sample extraction lives with the stored digest (one definition for the view and the store).
export { transcodeSamples, type TranscodeSample };

/**
 * Livepeer Stream Health, computed from stored health responses and events. Every rule and
 * sentence below comes from ../shared/spec/sources/livepeer-stream-health.txt ("Monitoring
 * Stream Health"); event shapes from livepeer/livepeer-data `pkg/data` (transcode,
 * media_server_metrics, stream_state, webhook_event with multistream.* events).
 */

export type GlobalState = 'healthy' | 'unhealthy' | 'idle' | 'unknown';

export const GLOBAL_RULE =
	'Healthy when the stream is Active and transcoding in real time (TranscodeRealTime), and — when multistream targets are configured — Multistreaming is healthy too. Unhealthy when one of those checks fails. Idle when the stream is not active.';

export interface GlobalHealth {
	state: GlobalState;
	/** Which checks decided it, in words. */
	reasons: string[];
	/** Where the answer came from: the API's own `healthy`, computed from conditions, or from events. */
	basis: 'api' | 'conditions' | 'events' | 'none';
	/** Probe (or event) time the state holds at, UTC ms. */
	at: number | null;
}

const byType = (s: HealthSnapshotRow | null, type: string): HealthCondition | undefined =>
	s?.conditions.find((c) => c.type === type);

/**
 * The overall state at the latest health response, or from events when no response was stored.
 * @param latest the newest health response of the stream, or null
 * @param events the stream's events in time order (used when `latest` is null)
 */
export function globalHealth(
	latest: HealthSnapshotRow | null,
	events: readonly LivepeerEventRow[],
	samples?: readonly TranscodeSample[]
): GlobalHealth {
	if (latest) {
		const active = byType(latest, 'Active');
		const realtime = byType(latest, 'TranscodeRealTime');
		const multi = byType(latest, 'Multistreaming');
		const reasons: string[] = [];
		if (active?.status === false || (active && active.status === null)) {
			return {
				state: 'idle',
				reasons: ['Active is false: the stream is not currently active.'],
				basis: 'conditions',
				at: latest.probeAt
			};
		}
		if (realtime?.status === false)
			reasons.push('TranscodeRealTime is failing: transcoding is slower than real time.');
		if (multi?.status === false)
			reasons.push('Multistreaming is failing: a multistream target is not connected.');
		if (byType(latest, 'Transcoding')?.status === false)
			reasons.push('Transcoding is failing: only the original rendition is available.');
		if (latest.healthy && typeof latest.healthy.status === 'boolean') {
			if (latest.healthy.status && reasons.length === 0)
				reasons.push('Every check the rule needs is healthy.');
			return {
				state: latest.healthy.status ? 'healthy' : 'unhealthy',
				reasons,
				basis: 'api',
				at: latest.probeAt
			};
		}
		if (!active)
			return {
				state: 'unknown',
				reasons: ['The response has no Active condition.'],
				basis: 'none',
				at: latest.probeAt
			};
		const healthy = active.status === true && realtime?.status === true && multi?.status !== false;
		if (healthy)
			reasons.push('Active and TranscodeRealTime are true, and Multistreaming is not failing.');
		else if (!realtime) reasons.push('The response has no TranscodeRealTime condition.');
		return {
			state: healthy ? 'healthy' : 'unhealthy',
			reasons,
			basis: 'conditions',
			at: latest.probeAt
		};
	}
	return healthFromEvents(events, samples ?? transcodeSamples(events));
}

/** Without health responses: the last stream_state says idle/active; recent transcodes say the rest. */
function healthFromEvents(events: readonly LivepeerEventRow[], samples: readonly TranscodeSample[]): GlobalHealth {
	const last = events[events.length - 1];
	if (!last)
		return {
			state: 'unknown',
			reasons: ['No health response or event is stored for this stream.'],
			basis: 'none',
			at: null
		};
	const state = events.findLast((e) => e.type === 'stream_state');
	if (state && (state.data.state as { active?: boolean } | undefined)?.active === false) {
		return {
			state: 'idle',
			reasons: ['The last stream_state event says the stream is not active.'],
			basis: 'events',
			at: state.timestamp
		};
	}
	const recent = samples.filter((s) => s.at >= last.timestamp - 60_000);
	if (recent.length === 0)
		return {
			state: 'unknown',
			reasons: ['No transcode event in the last minute of events.'],
			basis: 'events',
			at: last.timestamp
		};
	const failed = recent.filter((s) => !s.success).length;
	const slow = recent.filter((s) => s.realtimeRatio !== null && s.realtimeRatio < 1).length;
	// The same rule as with a health response: Multistreaming counts when targets are configured.
	const targets = multistreamTargets(events, true);
	const down = targets.filter((t) => t.state !== 'Online');
	const reasons: string[] = [];
	if (failed > 0)
		reasons.push(`${failed} of ${recent.length} segments failed to transcode in the last minute.`);
	if (slow > 0)
		reasons.push(`${slow} of ${recent.length} segments took longer to transcode than they last.`);
	for (const t of down)
		reasons.push(
			`Multistreaming is failing: target ${t.name} is ${t.state}${t.error ? ` (${t.error})` : ''} since ${new Date(t.since).toISOString().slice(11, 19)} UTC.`
		);
	if (reasons.length === 0)
		reasons.push(
			`${recent.length === 1 ? "The last minute's segment was" : `The last minute's ${recent.length} segments were`} transcoded faster than real time${targets.length > 0 ? ', and every multistream target is online' : ''}.`
		);
	return {
		state: slow > 0 || down.length > 0 ? 'unhealthy' : 'healthy',
		reasons,
		basis: 'events',
		at: last.timestamp
	};
}

export interface CheckCard {
	type: string;
	title: string;
	/** null: not applicable (Multistreaming without targets) or not reported. */
	status: boolean | null;
	frequency: HealthCondition['frequency'];
	lastProbeTime: number | null;
	lastTransitionsTime: number | null;
	/** What the check means, in the document's words. */
	meaning: string;
	/** What to do when it is unhealthy (the document's advice). */
	advice: string;
}

const CHECKS: { type: string; title: string; meaning: string; advice: string }[] = [
	{
		type: 'Transcoding',
		title: 'Transcoding',
		meaning:
			'Video transcoding is occurring and the multiple profiles of the stream are available for playback.',
		advice:
			'Failed to generate the profiles, so only the original video is available. Check the event log for actionable errors, or the status page for platform-wide issues.'
	},
	{
		type: 'TranscodeRealTime',
		title: 'Real-time',
		meaning:
			'The stream is transcoded faster than real time: transcode latency is lower than the video duration.',
		advice:
			'May be caused by unconventional configurations: check the streaming software configuration and restart the stream.'
	},
	{
		type: 'Multistreaming',
		title: 'Multistreaming',
		meaning:
			'Every configured multistream target is connected. Blank when no target is configured, and then not part of the global state.',
		advice:
			'Check each target below; for an Offline one, check the ingest URL and stream key of the destination, re-configure the target and restart the stream.'
	},
	{
		type: 'TranscodeNoErrors',
		title: 'No errors',
		meaning: 'No transcode errors were reported.',
		advice:
			'Check the event log for the error, then the configuration in your streaming software (e.g. OBS), and restart the stream.'
	}
];

/**
 * One card per check of the dashboard, from the latest response. Without one, the cards are
 * estimated from events the way the API defines them: the status of the last reading (the last
 * transcoded segment) and the share of good readings over the 1, 10 and 60 minutes before it.
 */
export function checkCards(
	latest: HealthSnapshotRow | null,
	events: readonly LivepeerEventRow[] = [],
	samples?: readonly TranscodeSample[]
): CheckCard[] {
	const estimated = latest ? null : conditionsFromEvents(events, samples);
	return CHECKS.map((c) => {
		const cond = latest ? byType(latest, c.type) : estimated?.find((e) => e.type === c.type);
		return {
			...c,
			status: cond?.status ?? null,
			frequency: cond?.frequency ?? null,
			lastProbeTime: cond?.lastProbeTime ?? null,
			lastTransitionsTime: cond?.lastTransitionsTime ?? null
		};
	});
}

const WINDOWS = { '1m': 60_000, '10m': 600_000, '60m': 3_600_000 } as const;

/** Transcoding, TranscodeRealTime and TranscodeNoErrors as the API would compute them, from `transcode` events. */
export function conditionsFromEvents(
	events: readonly LivepeerEventRow[],
	samples: readonly TranscodeSample[] = transcodeSamples(events)
): HealthCondition[] {
	const last = samples[samples.length - 1];
	if (!last) return [];
	const checks: { type: string; ok: (s: TranscodeSample) => boolean | null }[] = [
		{ type: 'Transcoding', ok: (s) => s.success },
		{
			type: 'TranscodeRealTime',
			ok: (s) => (s.realtimeRatio === null ? null : s.realtimeRatio >= 1)
		},
		{ type: 'TranscodeNoErrors', ok: (s) => s.success && s.errors.length === 0 }
	];
	const targets = multistreamTargets(events, true);
	const multistreaming: HealthCondition[] =
		targets.length === 0
			? []
			: [
					{
						type: 'Multistreaming',
						status: targets.every((t) => t.state === 'Online'),
						frequency: null,
						lastProbeTime: last.at,
						lastTransitionsTime: Math.max(...targets.map((t) => t.since)),
						extraData: null
					}
				];
	return [
		...multistreaming,
		...checks.map(({ type, ok }) => {
			const frequency: Frequency = {};
			for (const [name, ms] of Object.entries(WINDOWS) as [keyof typeof WINDOWS, number][]) {
				const inWindow = samples
					.filter((s) => s.at > last.at - ms)
					.map(ok)
					.filter((v): v is boolean => v !== null);
				if (inWindow.length > 0)
					frequency[name] = inWindow.filter(Boolean).length / inWindow.length;
			}
			let transition: number | null = null;
			const status = ok(last);
			for (let i = samples.length - 1; i > 0; i--) {
				if (ok(samples[i - 1] as TranscodeSample) !== status) {
					transition = (samples[i] as TranscodeSample).at;
					break;
				}
			}
			return {
				type,
				status,
				frequency,
				lastProbeTime: last.at,
				lastTransitionsTime: transition ?? samples[0]?.at ?? null,
				extraData: null
			};
		})
	];
}

export type TargetState = 'Idle' | 'Pending' | 'Online' | 'Offline';

export interface MultistreamTarget {
	id: string;
	name: string;
	profile: string;
	state: TargetState;
	/** UTC ms of the event that set the state. */
	since: number;
	/** The error of an Offline target, when the event gave one. */
	error: string | null;
}

export const TARGET_STATE_MEANING: Record<TargetState, string> = {
	Idle: 'The stream is not currently active, so neither is multistreaming.',
	Pending: 'Livepeer is trying to connect to this target.',
	Online: 'The target is successfully connected.',
	Offline:
		'An error was received when connecting: check the ingest URL and stream key, re-configure the target and restart the stream.'
};

/**
 * Multistream targets and their states from `webhook_event`s (`multistream.connected`,
 * `.error`, `.disconnected`) and the `multistream` metrics of `media_server_metrics`.
 * @param active whether the stream is active now (false makes every target Idle)
 */
export function multistreamTargets(
	events: readonly LivepeerEventRow[],
	active: boolean
): MultistreamTarget[] {
	const targets = new Map<string, MultistreamTarget>();
	const upsert = (info: unknown, at: number, state: TargetState, error: string | null = null) => {
		const t = (info ?? {}) as { id?: unknown; name?: unknown; profile?: unknown };
		const id = typeof t.id === 'string' && t.id ? t.id : typeof t.name === 'string' ? t.name : '';
		if (!id) return;
		const prev = targets.get(id);
		targets.set(id, {
			id,
			name: typeof t.name === 'string' && t.name ? t.name : (prev?.name ?? id),
			profile: typeof t.profile === 'string' ? t.profile : (prev?.profile ?? ''),
			state,
			since: prev && prev.state === state ? prev.since : at,
			error
		});
	};
	for (const e of events) {
		if (e.type === 'webhook_event') {
			const name = String(e.data.event ?? '');
			if (!name.startsWith('multistream.')) continue;
			const payload = parsePayload(e.data.payload) as { target?: unknown; error?: unknown } | null;
			const kind = name.slice('multistream.'.length);
			const state: TargetState =
				kind === 'connected' ? 'Online' : kind === 'error' ? 'Offline' : 'Pending';
			upsert(
				payload?.target,
				e.timestamp,
				state,
				kind === 'error' ? String(payload?.error ?? 'connection error') : null
			);
		} else if (e.type === 'media_server_metrics' && Array.isArray(e.data.multistream)) {
			for (const m of e.data.multistream as {
				target?: unknown;
				metrics?: { activeSec?: number } | null;
			}[]) {
				const info = m?.target as { id?: string } | undefined;
				const prev = info?.id ? targets.get(info.id) : undefined;
				// Metrics with active seconds mean data flows; a target first seen without them is still connecting.
				const state: TargetState =
					(m?.metrics?.activeSec ?? 0) > 0 ? 'Online' : (prev?.state ?? 'Pending');
				upsert(m?.target, e.timestamp, state, state === 'Offline' ? (prev?.error ?? null) : null);
			}
		}
	}
	const out = [...targets.values()];
	return active ? out : out.map((t) => ({ ...t, state: 'Idle' as const, error: null }));
}

function parsePayload(p: unknown): unknown {
	if (typeof p !== 'string') return p ?? null;
	try {
		return JSON.parse(p) as unknown;
	} catch {
		return null;
	}
}

/** Columnar series for uPlot: x in UTC seconds. */
export interface Series2 {
	t: Float64Array;
	y: Float64Array;
}

export const INGEST_BUCKET_MS = 10_000;

/**
 * Session ingest rate: the bitrate of the video received by Livepeer's ingest, every 10 s
 * (the document's update period), as Σ segment bytes × 8 ÷ Σ segment durations of the segments
 * transcoded in each 10-s bucket. bits/s; buckets without segments are left out.
 */
export function ingestRate(
	samples: readonly TranscodeSample[],
	bucketMs = INGEST_BUCKET_MS
): Series2 {
	const buckets = new Map<number, { bits: number; seconds: number }>();
	for (const s of samples) {
		if (s.durationS <= 0 || s.byteSize <= 0) continue;
		const b = Math.floor(s.at / bucketMs) * bucketMs;
		const acc = buckets.get(b) ?? { bits: 0, seconds: 0 };
		acc.bits += s.byteSize * 8;
		acc.seconds += s.durationS;
		buckets.set(b, acc);
	}
	const keys = [...buckets.keys()].sort((a, b) => a - b);
	return {
		t: Float64Array.from(keys, (k) => k / 1000),
		y: Float64Array.from(keys, (k) => {
			const acc = buckets.get(k) as { bits: number; seconds: number };
			return acc.bits / acc.seconds;
		})
	};
}

/** Transcode latency (ms) and real-time ratio per segment, x in UTC seconds. */
export function transcodeSeries(samples: readonly TranscodeSample[]): {
	t: Float64Array;
	latencyMs: Float64Array;
	realtimeRatio: Float64Array;
} {
	const rows = samples.filter((s) => s.latencyMs !== null);
	return {
		t: Float64Array.from(rows, (s) => s.at / 1000),
		latencyMs: Float64Array.from(rows, (s) => s.latencyMs as number),
		realtimeRatio: Float64Array.from(rows, (s) => s.realtimeRatio ?? Number.NaN)
	};
}

/** A health metric over the stored responses (for example TranscodeRealtimeRatio), x in UTC seconds. */
export function metricSeries(snapshots: readonly HealthSnapshotRow[], name: string): Series2 {
	const points = new Map<number, number>();
	for (const s of snapshots)
		for (const m of s.metrics) if (m.name === name) points.set(m.at, m.value);
	const keys = [...points.keys()].sort((a, b) => a - b);
	return {
		t: Float64Array.from(keys, (k) => k / 1000),
		y: Float64Array.from(keys, (k) => points.get(k) as number)
	};
}

export type LogSeverity = 'info' | 'warning' | 'fatal';

export interface LogEntry {
	at: number;
	eventId: string;
	type: string;
	severity: LogSeverity;
	/** Plain text, never markup (event fields are third-party input). */
	text: string;
	advice: string | null;
}

export const FATAL_ADVICE =
	'Check the configuration in your streaming software (e.g. OBS) and restart the stream.';

/**
 * The event log: stream started/stopped, multistream destinations connected/disconnected, and
 * fatal transcode errors ("Transcode error from <node> for segment <n>: <error>") with the
 * document's advice. Metrics events are periodic readings, not log lines: left out unless
 * `withMetrics`.
 */
export function eventLog(
	events: readonly LivepeerEventRow[],
	options: { withMetrics?: boolean } = {},
	/** The events' `transcode` samples in order, when the caller has them (as {@link streamHealthView}). */
	samples?: readonly TranscodeSample[]
): LogEntry[] {
	const out: LogEntry[] = [];
	let transcodes = 0;
	for (const e of events) {
		const base = { at: e.timestamp, eventId: e.id, type: e.type };
		switch (e.type) {
			case 'transcode': {
				const s = samples?.[transcodes++] ?? transcodeSample(e);
				if (!s.success || s.errors.length > 0) {
					const errs =
						s.errors.length > 0
							? s.errors
							: [{ orchestrator: String(e.data.nodeId ?? 'a node'), error: 'transcoding failed' }];
					for (const err of errs) {
						out.push({
							...base,
							severity: s.success ? 'warning' : 'fatal',
							text: `Transcode error from ${err.orchestrator} for segment ${s.seqNo ?? '?'}: ${err.error}`,
							advice: FATAL_ADVICE
						});
					}
				} else if (options.withMetrics) {
					out.push({
						...base,
						severity: 'info',
						text: `Segment ${s.seqNo ?? '?'} transcoded in ${s.latencyMs ?? '?'} ms (${s.durationS.toFixed(2)} s of video)`,
						advice: null
					});
				}
				break;
			}
			case 'stream_state': {
				const active = (e.data.state as { active?: boolean } | undefined)?.active;
				out.push({
					...base,
					severity: 'info',
					text: active ? 'Stream started' : 'Stream stopped (idle)',
					advice: null
				});
				break;
			}
			case 'webhook_event': {
				const name = String(e.data.event ?? 'webhook');
				const payload = parsePayload(e.data.payload) as {
					target?: { name?: string; id?: string };
					error?: unknown;
				} | null;
				const target = payload?.target?.name ?? payload?.target?.id ?? 'a target';
				if (name === 'multistream.connected')
					out.push({
						...base,
						severity: 'info',
						text: `Multistream destination ${target} connected`,
						advice: null
					});
				else if (name === 'multistream.disconnected')
					out.push({
						...base,
						severity: 'info',
						text: `Multistream destination ${target} disconnected`,
						advice: null
					});
				else if (name === 'multistream.error')
					out.push({
						...base,
						severity: 'warning',
						text: `Multistream destination ${target} failed${payload?.error ? `: ${String(payload.error)}` : ''}`,
						advice: TARGET_STATE_MEANING.Offline
					});
				else if (name === 'stream.started')
					out.push({ ...base, severity: 'info', text: 'Stream started', advice: null });
				else if (name === 'stream.idle')
					out.push({ ...base, severity: 'info', text: 'Stream stopped (idle)', advice: null });
				else out.push({ ...base, severity: 'info', text: name, advice: null });
				break;
			}
			case 'media_server_metrics': {
				if (!options.withMetrics) break;
				const ms = (e.data.stats as { mediaTimeMs?: number } | undefined)?.mediaTimeMs;
				out.push({
					...base,
					severity: 'info',
					text: `Media server ${String(e.data.nodeId ?? '')}: media time ${ms !== undefined ? `${(ms / 1000).toFixed(1)} s` : 'unknown'}`,
					advice: null
				});
				break;
			}
			default:
				out.push({ ...base, severity: 'info', text: `${e.type} event`, advice: null });
		}
	}
	return out;
}

/**
 * Everything the Stream Health view draws from one stream's events (time order) and health
 * responses (probe order): the latest response, the global state, the check cards, multistream
 * targets, ingest rate, transcode series, the API's TranscodeRealtimeRatio and the ingest node
 * (the Active condition's extraData, livepeer-stream-health.txt example), with the row counts.
 * The event log is apart ({@link eventLog}): it follows its own "with metrics" switch.
 */
export function streamHealthView(
	events: readonly LivepeerEventRow[],
	snapshots: readonly HealthSnapshotRow[],
	/** The events' `transcode` samples when the caller has them (storage/livepeer.ts loadStreamHealth). */
	samples: readonly TranscodeSample[] = transcodeSamples(events)
) {
	const latest = snapshots[snapshots.length - 1] ?? null;
	const global = globalHealth(latest, events, samples);
	return {
		latest,
		global,
		cards: checkCards(latest, events, samples),
		targets: multistreamTargets(events, global.state !== 'idle'),
		ingest: ingestRate(samples),
		transcode: transcodeSeries(samples),
		apiRatio: metricSeries(snapshots, 'TranscodeRealtimeRatio'),
		ingestNode: latest?.conditions.find((c) => c.type === 'Active')?.extraData ?? null,
		events: events.length,
		snapshots: snapshots.length
	};
}

export type StreamHealthView = ReturnType<typeof streamHealthView>;
