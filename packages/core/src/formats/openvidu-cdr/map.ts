import type {
	AutoscalingNode,
	EventCategory,
	EventDetail,
	EventPhase,
	EventSeverity,
	ModelEvent,
	VideoSource
} from '../../model/events.js';
import {
	clusterScope,
	sessionKey,
	sessionScope,
	type Scope,
	type SessionKey
} from '../../model/ids.js';
import { PROBLEM_CODES, type ProblemLog } from '../../model/problems.js';
import type { ParsedRecord } from '../types.js';
import { endSeverity } from './reasons.js';
import { DECLARED_KEYS, type CdrEvent, type CdrPayload } from './schema.js';

/**
 * Maps a validated OpenVidu CDR event onto the provider-neutral {@link ModelEvent}.
 * Field meanings and units: ../shared/spec/sources/openvidu-cdr.txt.
 */

/** Longest text kept in an event detail (clientData, serverData, filter data), in characters. */
export const MAX_DETAIL_CHARS = 64 * 1024;

/** Fields that repeat another one (2018 `endTime` = `timestamp`) and are not kept as extra. */
const REDUNDANT_KEYS = new Set(['endTime', 'connectionId']);

const DEFAULT_CLUSTER = 'default';

export interface MapContext {
	line: number;
	problems: ProblemLog;
	extra: Record<string, unknown> | undefined;
}

export function mapCdrEvent(event: CdrEvent, ctx: MapContext): ParsedRecord {
	const extra = collectExtra(event, ctx.extra);
	// No closures per line: this runs for every event of a file (issue 14's profile).
	const line = ctx.line;

	switch (event.name) {
		case 'sessionCreated': {
			const p = event.payload;
			return inSession(
				p.sessionId,
				modelEvent(event, line, extra, 'session', 'start', 'info', { kind: 'session' })
			);
		}
		case 'sessionDestroyed': {
			const p = event.payload;
			const severity = endSeverity(p.reason) === 'error' ? 'error' : 'info';
			return inSession(
				p.sessionId,
				modelEvent(
					event,
					line,
					extra,
					'session',
					'end',
					severity,
					compact({ kind: 'session', startAt: p.startTime, durationS: p.duration }),
					{
						reason: p.reason
					}
				)
			);
		}
		case 'participantJoined':
		case 'participantLeft': {
			const p = event.payload as CdrPayload<'participantLeft'>;
			const isEnd = event.name === 'participantLeft';
			const detail = compact({
				kind: 'connection' as const,
				location: p.location,
				platform: p.platform,
				clientData: bounded(p.clientData, 'clientData', event.name, ctx),
				serverData: bounded(p.serverData, 'serverData', event.name, ctx),
				startAt: isEnd ? p.startTime : undefined,
				durationS: isEnd ? p.duration : undefined
			});
			return inSession(
				p.sessionId,
				modelEvent(
					event,
					line,
					extra,
					'connection',
					isEnd ? 'end' : 'start',
					isEnd ? endSeverity(p.reason) : 'info',
					detail,
					{
						participantId: p.participantId,
						reason: isEnd ? p.reason : undefined
					}
				)
			);
		}
		case 'webrtcConnectionCreated':
		case 'webrtcConnectionDestroyed': {
			const p = event.payload as CdrPayload<'webrtcConnectionDestroyed'>;
			const isEnd = event.name === 'webrtcConnectionDestroyed';
			const dims = parseDimensions(p.videoDimensions);
			if (p.videoDimensions != null && !dims) {
				ctx.problems.add({
					code: PROBLEM_CODES.wrongType,
					severity: 'warning',
					line: ctx.line,
					message: `Line ${ctx.line}: videoDimensions ${JSON.stringify(p.videoDimensions).slice(0, 60)} could not be read as width and height; the stream was kept without them.`
				});
			}
			const detail = compact({
				kind: 'stream' as const,
				source: videoSource(p.videoSource),
				hasAudio: p.audioEnabled,
				hasVideo: p.videoEnabled,
				framerateFps: p.videoFramerate,
				widthPx: dims?.width,
				heightPx: dims?.height,
				startAt: isEnd ? p.startTime : undefined,
				durationS: isEnd ? p.duration : undefined
			});
			const inbound = p.connection === 'INBOUND';
			return inSession(
				p.sessionId,
				modelEvent(
					event,
					line,
					extra,
					inbound ? 'subscribe' : 'publish',
					isEnd ? 'end' : 'start',
					isEnd ? endSeverity(p.reason) : 'info',
					detail,
					{
						participantId: p.participantId,
						streamId: p.streamId,
						peerId: inbound ? p.receivingFrom : undefined,
						reason: isEnd ? p.reason : undefined
					}
				)
			);
		}
		case 'recordingStatusChanged':
		case 'recordingStarted':
		case 'recordingStopped': {
			const p = event.payload as CdrPayload<'recordingStatusChanged'>;
			const status =
				event.name === 'recordingStarted'
					? 'started'
					: event.name === 'recordingStopped'
						? 'stopped'
						: p.status.toLowerCase();
			const severity: EventSeverity =
				status === 'failed' ? 'error' : endSeverity(p.reason) === 'error' ? 'warning' : 'info';
			const detail = compact({
				kind: 'recording' as const,
				recordingId: p.id,
				status,
				name: p.name,
				outputMode: p.outputMode,
				layout: p.recordingLayout ?? p.layout,
				resolution: p.resolution,
				hasAudio: p.hasAudio,
				hasVideo: p.hasVideo,
				sizeBytes: p.size,
				durationS: p.duration,
				// recordingStarted has no startTime: it is the start.
				startAt: p.startTime ?? (status === 'started' ? p.timestamp : undefined),
				url: p.url
			});
			return inSession(
				p.sessionId,
				modelEvent(event, line, extra, 'recording', 'status', severity, detail, {
					reason: p.reason
				})
			);
		}
		case 'filterEventDispatched': {
			const p = event.payload;
			const data =
				typeof p.data === 'string' ? p.data : p.data == null ? undefined : JSON.stringify(p.data);
			return inSession(
				p.sessionId,
				modelEvent(
					event,
					line,
					extra,
					'filter',
					'point',
					'info',
					compact({
						kind: 'filter' as const,
						filterType: p.filterType,
						eventType: p.eventType,
						data: bounded(data, 'data', event.name, ctx)
					}),
					{ participantId: p.participantId, streamId: p.streamId }
				)
			);
		}
		case 'signalSent': {
			const p = event.payload;
			return inSession(
				p.sessionId,
				modelEvent(
					event,
					line,
					extra,
					'signal',
					'point',
					'info',
					compact({
						kind: 'signal' as const,
						from: p.from,
						to: p.to ?? undefined,
						signalType: p.type,
						data: bounded(p.data, 'data', event.name, ctx)
					}),
					{ participantId: p.from }
				)
			);
		}
		case 'mediaNodeStatusChanged': {
			const p = event.payload;
			const clusterId = p.clusterId ?? DEFAULT_CLUSTER;
			return {
				scope: clusterScope('openvidu', clusterId),
				event: modelEvent(
					event,
					line,
					extra,
					'node',
					'status',
					p.newStatus === 'failed' ? 'error' : 'info',
					compact({
						kind: 'node' as const,
						nodeId: p.id,
						clusterId: p.clusterId,
						oldStatus: p.oldStatus,
						newStatus: p.newStatus,
						ip: p.ip,
						uri: p.uri,
						environmentId: p.environmentId
					})
				)
			};
		}
		case 'autoscaling': {
			const p = event.payload;
			const status = p.system?.status;
			const config = p.system?.config;
			const nodes: AutoscalingNode[] = [];
			for (const list of [
				status?.runningNodes,
				status?.launchingNodes,
				status?.waitingIdleToTerminateNodes,
				status?.canceledNodes
			]) {
				for (const node of list ?? []) {
					nodes.push(
						compact({
							id: node.id,
							status: node.status,
							loadPct: node.load,
							ip: node.ip,
							environmentId: node.environmentId
						})
					);
				}
			}
			return {
				scope: clusterScope('openvidu', p.clusterId ?? DEFAULT_CLUSTER),
				event: modelEvent(
					event,
					line,
					extra,
					'node',
					'status',
					'info',
					compact({
						kind: 'autoscaling' as const,
						clusterId: p.clusterId,
						reason: p.reason,
						launchTotal: p.mediaNodes?.launch?.total,
						terminateTotal: p.mediaNodes?.terminate?.total,
						numNodes: status?.numNodes,
						totalLoadPct: status?.totalLoad,
						avgLoadPct: status?.avgLoad,
						minNodes: config?.minNodes,
						maxNodes: config?.maxNodes,
						minAvgLoadPct: config?.minAvgLoad,
						maxAvgLoadPct: config?.maxAvgLoad,
						nodes
					})
				)
			};
		}
		case 'webrtcStats': {
			const p = event.payload;
			const fields: Record<string, number> = {};
			for (const [k, value] of Object.entries(p)) {
				if (typeof value === 'number' && k !== 'timestamp') fields[k] = value;
			}
			return inSession(
				p.sessionId,
				modelEvent(
					event,
					line,
					extra,
					'quality',
					'point',
					'info',
					compact({ kind: 'quality' as const, mediaType: p.mediaType, fields }),
					{
						participantId: p.participantId,
						streamId: p.endpoint
					}
				)
			);
		}
	}
}

/** The ids an event names besides its session (each kept only when non-empty). */
interface EventIds {
	participantId?: string | null | undefined;
	streamId?: string | null | undefined;
	peerId?: string | null | undefined;
	reason?: string | null | undefined;
}

function modelEvent(
	event: CdrEvent,
	line: number,
	extra: Record<string, unknown> | undefined,
	category: EventCategory,
	phase: EventPhase,
	severity: EventSeverity,
	detail: EventDetail,
	ids?: EventIds
): ModelEvent {
	const out: ModelEvent = {
		at: event.payload.timestamp,
		type: event.name,
		category,
		phase,
		severity,
		detail,
		line
	};
	if (ids) {
		if (ids.participantId) out.participantId = ids.participantId;
		if (ids.streamId) out.streamId = ids.streamId;
		if (ids.peerId) out.peerId = ids.peerId;
		if (ids.reason) out.reason = ids.reason;
	}
	if (extra) out.extra = extra;
	return out;
}

/**
 * A session's scope and row identity, made once per session id: a CDR names the same few
 * sessions line after line, and each line's record would otherwise build (and the window hash)
 * two new strings. The objects are shared by the records and never changed.
 */
const SESSION_PARTS = new Map<
	string,
	{ scope: Scope; session: { key: SessionKey; provider: 'openvidu'; sessionId: string } }
>();
const SESSION_PARTS_KEPT = 4096;

function inSession(sessionId: string, modelEvent: ModelEvent): ParsedRecord {
	let parts = SESSION_PARTS.get(sessionId);
	if (!parts) {
		const key = sessionKey('openvidu', sessionId);
		parts = { scope: sessionScope(key), session: { key, provider: 'openvidu', sessionId } };
		if (SESSION_PARTS.size >= SESSION_PARTS_KEPT) SESSION_PARTS.clear();
		SESSION_PARTS.set(sessionId, parts);
	}
	return { scope: parts.scope, session: parts.session, event: modelEvent };
}

/** A generic event for a well-formed line with an event name this version does not know. */
export function mapUnknownEvent(
	name: string,
	payload: Record<string, unknown>,
	ctx: Omit<MapContext, 'extra'> & { key: string }
): ParsedRecord | null {
	const at = typeof payload.timestamp === 'number' ? payload.timestamp : Number(payload.timestamp);
	if (!Number.isFinite(at)) {
		ctx.problems.add({
			code: PROBLEM_CODES.missingField,
			severity: 'error',
			line: ctx.line,
			message: `Line ${ctx.line}: event "${name}" has no numeric timestamp, so it cannot be placed in time; the line was skipped.`
		});
		return null;
	}
	const event: ModelEvent = {
		at,
		type: name,
		category: 'other',
		phase: 'point',
		severity: 'info',
		detail: { kind: 'raw', fields: payload },
		line: ctx.line,
		key: ctx.key
	};
	if (typeof payload.participantId === 'string') event.participantId = payload.participantId;
	const sessionId = typeof payload.sessionId === 'string' ? payload.sessionId : null;
	if (sessionId) {
		const key = sessionKey('openvidu', sessionId);
		return { scope: sessionScope(key), session: { key, provider: 'openvidu', sessionId }, event };
	}
	const clusterId = typeof payload.clusterId === 'string' ? payload.clusterId : DEFAULT_CLUSTER;
	return { scope: clusterScope('openvidu', clusterId), event };
}

/**
 * OpenVidu writes videoDimensions as JSON inside a string (`"{\"width\":640,\"height\":480}"`);
 * its docs describe "1920x1080"; an object is accepted too. A fresh object each call.
 */
export function parseDimensions(
	value: string | { width: number; height: number } | null | undefined
): { width: number; height: number } | null {
	if (value == null) return null;
	if (typeof value === 'object') return { width: value.width, height: value.height };
	let known = DIMENSIONS.get(value);
	if (known === undefined) {
		known = dimensionsOfText(value);
		// A CDR repeats a handful of these strings on every stream line: parse each once.
		if (DIMENSIONS.size >= DIMENSIONS_KEPT) DIMENSIONS.clear();
		DIMENSIONS.set(value, known);
	}
	return known && { width: known.width, height: known.height };
}

const DIMENSIONS = new Map<string, { width: number; height: number } | null>();
const DIMENSIONS_KEPT = 256;

function dimensionsOfText(value: string): { width: number; height: number } | null {
	const wxh = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(value);
	if (wxh) return { width: Number(wxh[1]), height: Number(wxh[2]) };
	try {
		const parsed: unknown = JSON.parse(value);
		if (
			typeof parsed === 'object' &&
			parsed !== null &&
			typeof (parsed as { width?: unknown }).width === 'number' &&
			typeof (parsed as { height?: unknown }).height === 'number'
		) {
			return {
				width: (parsed as { width: number }).width,
				height: (parsed as { height: number }).height
			};
		}
	} catch {
		// fall through: not JSON
	}
	return null;
}

function videoSource(value: string | null | undefined): VideoSource | undefined {
	switch (value?.toUpperCase()) {
		case 'CAMERA':
			return 'camera';
		case 'SCREEN':
			return 'screen';
		case 'CUSTOM':
			return 'custom';
		case 'IPCAM':
			return 'ipcam';
		default:
			return undefined;
	}
}

function collectExtra(
	event: CdrEvent,
	invalid: Record<string, unknown> | undefined
): Record<string, unknown> | undefined {
	const declared = DECLARED_KEYS[event.name];
	let extra: Record<string, unknown> | undefined;
	const payload = event.payload as Record<string, unknown>;
	for (const key in payload) {
		if (declared.has(key) || REDUNDANT_KEYS.has(key)) continue;
		if (event.name === 'webrtcStats' && typeof payload[key] === 'number') continue;
		(extra ??= {})[key] = payload[key];
	}
	if (invalid) Object.assign((extra ??= {}), invalid);
	return extra;
}

function bounded(
	value: string | null | undefined,
	field: string,
	eventName: string,
	ctx: MapContext
): string | undefined {
	if (value == null) return undefined;
	if (value.length <= MAX_DETAIL_CHARS) return value;
	ctx.problems.add({
		code: PROBLEM_CODES.detailTruncated,
		severity: 'warning',
		line: ctx.line,
		message: `Line ${ctx.line}: ${eventName}.${field} is ${value.length.toLocaleString('en')} characters; the first ${MAX_DETAIL_CHARS.toLocaleString('en')} were kept.`
	});
	return `${value.slice(0, MAX_DETAIL_CHARS)}…`;
}

/** Drops undefined and null fields so stored events stay small. */
function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
	const out = {} as Record<string, unknown>;
	const source = value as Record<string, unknown>;
	for (const k in source) {
		const v = source[k];
		if (v !== undefined && v !== null) out[k] = v;
	}
	return out as { [K in keyof T]: Exclude<T[K], null> };
}
