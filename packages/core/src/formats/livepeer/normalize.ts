import * as v from 'valibot';
import {
	MAX_EVENT_CHARS,
	UNKNOWN_STREAM,
	type HealthCondition,
	type HealthMetric,
	type HealthSnapshotRow,
	type LivepeerEventRow
} from '../../model/livepeer.js';
import { cyrb53 } from '../../util/hash.js';

/**
 * Livepeer Stream Health API objects → stored rows (livepeer-stream-health.txt; Go types of
 * livepeer/livepeer-data `pkg/data`). Only what every event has is required (`type`,
 * `timestamp`); the rest is kept as received so new event types still show.
 */

const millis = v.pipe(v.number(), v.finite());
const eventSchema = v.looseObject({
	type: v.pipe(v.string(), v.minLength(1)),
	timestamp: millis,
	id: v.optional(v.nullable(v.string())),
	streamId: v.optional(v.nullable(v.string()))
});

const frequencySchema = v.nullish(v.record(v.string(), v.number()));
const conditionSchema = v.looseObject({
	type: v.optional(v.string()),
	status: v.nullish(v.boolean()),
	frequency: frequencySchema,
	lastProbeTime: v.nullish(millis),
	lastTransitionsTime: v.nullish(millis),
	lastTransitionTime: v.nullish(millis),
	extraData: v.nullish(v.record(v.string(), v.unknown()))
});
const metricSchema = v.looseObject({
	name: v.optional(v.string()),
	dimensions: v.nullish(v.record(v.string(), v.unknown())),
	last: v.tuple([millis, v.number()])
});
const healthSchema = v.looseObject({
	id: v.optional(v.string()),
	healthy: v.optional(conditionSchema),
	conditions: v.optional(v.array(conditionSchema)),
	metrics: v.nullish(v.record(v.string(), v.array(v.unknown())))
});

export type Normalized<T> =
	{ ok: true; row: T; warnings: string[] } | { ok: false; reason: string };

/** True when an object looks like a health response rather than an event. */
export function isHealthObject(o: unknown): boolean {
	if (!o || typeof o !== 'object' || Array.isArray(o)) return false;
	const r = o as Record<string, unknown>;
	return ('healthy' in r || 'conditions' in r) && !('type' in r && 'timestamp' in r);
}

/**
 * One event object → row. Events without an `id` get `nid:<hash>` of their JSON, so the same
 * object imported twice is still stored once (and the import says so).
 */
export function toEventRow(
	value: unknown,
	context: { importId: string; line: number; streamId?: string | null }
): Normalized<LivepeerEventRow> {
	const parsed = v.safeParse(eventSchema, value);
	if (!parsed.success)
		return { ok: false, reason: `not a Livepeer event (${issueText(parsed.issues)})` };
	const o = parsed.output;
	const warnings: string[] = [];
	let id = o.id ?? '';
	const json = JSON.stringify(o);
	if (!id) {
		id = `nid:${cyrb53(json).toString(36)}`;
		warnings.push('the event has no id; it is kept under a hash of its content');
	}
	let data: Record<string, unknown> = o;
	if (json.length > MAX_EVENT_CHARS) {
		warnings.push(
			`the event is ${json.length.toLocaleString('en')} characters; only its main fields were kept`
		);
		data = pickMain(o);
	}
	return {
		ok: true,
		warnings,
		row: {
			id,
			streamId: o.streamId || context.streamId || UNKNOWN_STREAM,
			type: o.type,
			timestamp: o.timestamp,
			importId: context.importId,
			line: context.line,
			data
		}
	};
}

/** One health response → row. A response without `conditions` is kept with the reason as a warning. */
export function toHealthRow(
	value: unknown,
	context: { importId: string; line: number; streamId?: string | null; receivedAt?: number }
): Normalized<HealthSnapshotRow> {
	const parsed = v.safeParse(healthSchema, value);
	if (!parsed.success)
		return { ok: false, reason: `not a health response (${issueText(parsed.issues)})` };
	const o = parsed.output;
	const warnings: string[] = [];
	if (!o.conditions)
		warnings.push('the response has no `conditions`: only the overall state is known');
	if (!o.healthy && !o.conditions)
		return { ok: false, reason: 'the response has neither `healthy` nor `conditions`' };
	const healthy = o.healthy ? condition(o.healthy, 'healthy') : null;
	const conditions = (o.conditions ?? []).map((c, i) =>
		condition(c, c.type ?? `condition ${i + 1}`)
	);
	const metrics: HealthMetric[] = [];
	for (const [name, list] of Object.entries(o.metrics ?? {})) {
		for (const m of list) {
			const metric = v.safeParse(metricSchema, m);
			if (!metric.success) {
				warnings.push(`metric ${name} has no [time, value] reading`);
				continue;
			}
			const dims: Record<string, string> = {};
			for (const [k, d] of Object.entries(metric.output.dimensions ?? {})) dims[k] = String(d);
			metrics.push({
				name: metric.output.name ?? name,
				dimensions: dims,
				at: metric.output.last[0],
				value: metric.output.last[1]
			});
		}
	}
	const probes = [healthy?.lastProbeTime, ...conditions.map((c) => c.lastProbeTime)].filter(
		(t): t is number => typeof t === 'number'
	);
	const probeAt =
		healthy?.lastProbeTime ??
		(probes.length > 0 ? Math.max(...probes) : (context.receivedAt ?? null));
	if (probeAt === null) return { ok: false, reason: 'the response has no probe time' };
	return {
		ok: true,
		warnings,
		row: {
			streamId: o.id || context.streamId || UNKNOWN_STREAM,
			probeAt,
			importId: context.importId,
			line: context.line,
			healthy,
			conditions,
			metrics
		}
	};
}

function condition(c: v.InferOutput<typeof conditionSchema>, type: string): HealthCondition {
	return {
		type,
		status: c.status ?? null,
		frequency: c.frequency ?? null,
		lastProbeTime: c.lastProbeTime ?? null,
		// The API writes `lastTransitionsTime`; its own prose says `lastTransitionTime`.
		lastTransitionsTime: c.lastTransitionsTime ?? c.lastTransitionTime ?? null,
		extraData: c.extraData ?? null
	};
}

const MAIN_FIELDS = [
	'type',
	'id',
	'timestamp',
	'streamId',
	'nodeId',
	'region',
	'event',
	'success',
	'latencyMs',
	'startTime',
	'segment',
	'stats',
	'state'
];

function pickMain(o: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of MAIN_FIELDS) if (k in o) out[k] = o[k];
	return out;
}

function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
	const first = issues[0];
	if (!first) return 'unknown shape';
	const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
	return path ? `${path}: ${first.message}` : first.message;
}
