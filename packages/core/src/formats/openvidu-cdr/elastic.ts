import type { EventSeverity, ModelEvent } from '../../model/events.js';
import { sessionKey, sessionScope } from '../../model/ids.js';
import type { ParsedRecord } from '../types.js';
import { boundedText } from '../webrtc-stats/session.js';
import type { CdrEventName } from './schema.js';

/**
 * OpenVidu Pro's Elasticsearch documents other than CDR copies (openvidu.io-docs
 * `openvidu-pro/monitoring-elastic-stack.md`; ../shared/data/real/openvidu-cdr/extracted/
 * `openvidu.io-docs__pro-elasticsearch-doc-examples.jsonl`): an export of the `openvidu` index
 * mixes them with the CDR events.
 *
 * - The summaries (session, user, connection, publisher, subscriber, recording) are written when
 *   the thing ends and say what the CDR would have said over its life: each becomes the CDR
 *   events it stands for (created/joined at its start, destroyed/left at its end, with its
 *   duration and reason), so the model reads them like any CDR, and the same call exported as
 *   CDR lines and as summaries is one call.
 * - `networkQualityStats`, `kms` (media-server events) and `webrtcDebug` (SDP exchanges) are
 *   point events of their connection.
 *
 * Units: `createdAt`, `destroyedAt`, `startTime`, `timestamp` UTC ms; `duration` whole seconds.
 */

export const SUMMARY_TYPES = [
	'sessionSummary',
	'userSummary',
	'connectionSummary',
	'publisherSummary',
	'subscriberSummary',
	'recordingSummary'
] as const;

export const POINT_TYPES = ['networkQualityStats', 'kms', 'webrtcDebug'] as const;

export type SummaryType = (typeof SUMMARY_TYPES)[number];
export type PointType = (typeof POINT_TYPES)[number];

export function isSummaryType(t: unknown): t is SummaryType {
	return (SUMMARY_TYPES as readonly unknown[]).includes(t);
}

export function isPointType(t: unknown): t is PointType {
	return (POINT_TYPES as readonly unknown[]).includes(t);
}

type Doc = Record<string, unknown>;

/** One CDR event a summary stands for, before validation. */
export interface CdrLike {
	name: CdrEventName;
	payload: Doc;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** `{numberOfElements, content: [...]}`, OpenVidu REST's list envelope. */
const content = (v: unknown): Doc[] =>
	v && typeof v === 'object' && Array.isArray((v as { content?: unknown }).content)
		? ((v as { content: unknown[] }).content.filter((x) => x && typeof x === 'object') as Doc[])
		: [];

/** The end of something that started at `start` and lasted `durationS` whole seconds. */
function endOf(start: number | undefined, durationS: number | undefined, fallback: number | undefined): number | undefined {
	if (start !== undefined && durationS !== undefined) return start + durationS * 1000;
	return fallback;
}

/** The CDR events a summary document stands for (nested summaries included). */
export function summaryEvents(doc: Doc, parent: { location?: string; platform?: string } = {}): CdrLike[] {
	const sessionId = str(doc.sessionId);
	if (!sessionId) return [];
	switch (doc.elastic_type as SummaryType) {
		case 'sessionSummary': {
			const created = num(doc.createdAt);
			const destroyed = num(doc.destroyedAt) ?? endOf(created, num(doc.duration), num(doc.timestamp));
			const out: CdrLike[] = [];
			if (created !== undefined) out.push({ name: 'sessionCreated', payload: { sessionId, timestamp: created } });
			for (const user of content(doc.users)) out.push(...summaryEvents({ ...user, elastic_type: 'userSummary', sessionId }));
			if (destroyed !== undefined)
				out.push({
					name: 'sessionDestroyed',
					payload: { sessionId, timestamp: destroyed, startTime: created, duration: num(doc.duration), reason: str(doc.reason) }
				});
			return out;
		}
		case 'userSummary': {
			const who = { location: str(doc.location), platform: str(doc.platform) };
			return content(doc.connections).flatMap((c) =>
				summaryEvents({ ...c, elastic_type: 'connectionSummary', sessionId, user: c.user ?? doc.id }, who)
			);
		}
		case 'connectionSummary': {
			const participantId = str(doc.connectionId);
			const created = num(doc.createdAt);
			if (!participantId || created === undefined) return [];
			const destroyed = num(doc.destroyedAt) ?? endOf(created, num(doc.duration), undefined);
			const who = {
				sessionId,
				participantId,
				location: parent.location ?? str(doc.location),
				platform: parent.platform ?? str(doc.platform),
				clientData: str(doc.clientData),
				serverData: str(doc.serverData)
			};
			const out: CdrLike[] = [{ name: 'participantJoined', payload: { ...who, timestamp: created } }];
			for (const p of content(doc.publishers)) out.push(...summaryEvents({ ...p, elastic_type: 'publisherSummary', sessionId }));
			for (const s of content(doc.subscribers)) out.push(...summaryEvents({ ...s, elastic_type: 'subscriberSummary', sessionId }));
			if (destroyed !== undefined)
				out.push({
					name: 'participantLeft',
					payload: { ...who, timestamp: destroyed, startTime: created, duration: num(doc.duration), reason: str(doc.reason) }
				});
			return out;
		}
		case 'publisherSummary':
		case 'subscriberSummary': {
			const participantId = str(doc.connectionId);
			const start = num(doc.startTime);
			if (!participantId || start === undefined) return [];
			const inbound = doc.elastic_type === 'subscriberSummary';
			const stream = {
				sessionId,
				participantId,
				connection: inbound ? 'INBOUND' : 'OUTBOUND',
				streamId: str(doc.streamId),
				receivingFrom: inbound ? str(doc.receivingFrom) : undefined,
				audioEnabled: doc.audioEnabled,
				videoEnabled: doc.videoEnabled,
				videoSource: doc.videoSource,
				videoFramerate: doc.videoFramerate,
				videoDimensions: doc.videoDimensions
			};
			const end = endOf(start, num(doc.duration), undefined);
			return [
				{ name: 'webrtcConnectionCreated', payload: { ...stream, timestamp: start } },
				...(end === undefined
					? []
					: [
							{
								name: 'webrtcConnectionDestroyed' as const,
								payload: { ...stream, timestamp: end, startTime: start, duration: num(doc.duration), reason: str(doc.reason) }
							}
						])
			];
		}
		case 'recordingSummary': {
			const id = str(doc.id);
			const start = num(doc.startTime);
			if (!id || start === undefined) return [];
			const recording = {
				sessionId,
				id,
				name: str(doc.name),
				outputMode: str(doc.outputMode),
				hasAudio: doc.hasAudio,
				hasVideo: doc.hasVideo,
				resolution: str(doc.resolution),
				recordingLayout: str(doc.recordingLayout),
				size: num(doc.size),
				duration: num(doc.duration),
				startTime: start
			};
			// Written when the recording ended: its timestamp is that end.
			const end = num(doc.timestamp) ?? endOf(start, num(doc.duration), undefined);
			return [
				{ name: 'recordingStatusChanged', payload: { ...recording, timestamp: start, status: 'started' } },
				...(end === undefined
					? []
					: [{ name: 'recordingStatusChanged' as const, payload: { ...recording, timestamp: end, status: 'stopped', reason: str(doc.reason) } }])
			];
		}
		default:
			return [];
	}
}

/**
 * OpenVidu's network quality levels (`networkQualityStats` newValue): 5 excellent … 0 broken
 * (openvidu-browser NetworkQualityLevelChangedEvent). 2 and below is poor.
 */
export const POOR_NETWORK_QUALITY = 2;

/** A point document (networkQualityStats, kms, webrtcDebug) as an event of its session. */
export function mapPointDocument(doc: Doc, line: number): ParsedRecord | null {
	const sessionId = str(doc.sessionId);
	const at = num(doc.timestamp);
	if (!sessionId || at === undefined) return null;
	const participantId = str(doc.connectionId);
	const streamId = str(doc.endpoint);
	let event: ModelEvent;
	switch (doc.elastic_type as PointType) {
		case 'networkQualityStats': {
			const level = num(doc.newValue);
			const fields: Record<string, number> = {};
			if (level !== undefined) fields.newValue = level;
			if (num(doc.oldValue) !== undefined) fields.oldValue = num(doc.oldValue) as number;
			event = base('networkQualityLevelChanged', 'quality', level !== undefined && level <= POOR_NETWORK_QUALITY ? 'warning' : 'info', {
				kind: 'quality',
				fields
			});
			break;
		}
		case 'kms': {
			const state = str(doc.state);
			const severity: EventSeverity = state && /NOT_FLOWING|DISCONNECTED|FAILED/.test(state) ? 'warning' : 'info';
			event = base(str(doc.type) ?? 'kms', 'other', severity, {
				kind: 'webrtc',
				...(state ? { state } : {}),
				value: [str(doc.mediaType), str(doc.padName) ? `pad ${str(doc.padName)}` : undefined].filter(Boolean).join(', ') || undefined
			});
			break;
		}
		case 'webrtcDebug':
			event = base(`${str(doc.type) ?? 'webrtcDebug'}`, 'other', 'info', {
				kind: 'webrtc',
				value: boundedText(`${str(doc.issuer) ?? '?'} ${str(doc.operation) ?? ''}: ${str(doc.content) ?? ''}`)
			});
			break;
		default:
			return null;
	}
	const { elastic_type, sessionId: _s, connectionId: _c, endpoint: _e, timestamp: _t, ...rest } = doc;
	event.extra = { elastic_type, ...rest };
	const key = sessionKey('openvidu', sessionId);
	return { scope: sessionScope(key), session: { key, provider: 'openvidu', sessionId }, event };

	function base(type: string, category: ModelEvent['category'], severity: EventSeverity, detail: ModelEvent['detail']): ModelEvent {
		const e: ModelEvent = { at: at as number, type, category, phase: 'point', severity, detail, line };
		if (participantId) e.participantId = participantId;
		if (streamId) e.streamId = streamId;
		return e;
	}
}
