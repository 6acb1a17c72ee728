import { mediaRequests } from '../analysis/media-requests.js';
import { sliceSession } from '../analysis/meeting-slice.js';
import { buildSessionModel } from '../analysis/session-model.js';
import { userLabel } from '../analysis/user-data.js';
import type { SessionKey } from '../model/ids.js';
import type { QualityStreamRow } from '../model/rows.js';
import type { RtcscopeDb } from '../storage/db.js';
import { loadThresholdOverrides } from '../fleet/thresholds-store.js';
import { listPcDetails } from '../storage/pc-details.js';
import { listQualityStreams, loadSeries, seriesPackReader } from '../storage/quality.js';
import { listClusters, loadClusterEvents, loadSessionEvents } from '../storage/queries.js';
import type { ObserveInput, StreamSeries } from './types.js';

/**
 * A dump's connection linked to a user of a provider session (import/link-dumps.ts) is named
 * after that user, so its sentences say "Ben" rather than the page URL.
 */
async function nameLinkedDumps(db: RtcscopeDb, key: SessionKey, streams: readonly QualityStreamRow[], labels: Map<string, string>): Promise<void> {
	const linked = streams.filter((s) => s.sessionKey === key && s.linkedSessionKey && s.linkedParticipantId);
	for (const linkedKey of new Set(linked.map((s) => s.linkedSessionKey as SessionKey))) {
		const other = buildSessionModel(linkedKey, await loadSessionEvents(db, linkedKey));
		for (const s of linked.filter((x) => x.linkedSessionKey === linkedKey)) {
			const user = other.participants.find((p) => p.participantId === s.linkedParticipantId);
			if (user) labels.set(s.participantId, userLabel(user));
		}
	}
}

/**
 * Reads what the rules need for one session from the store: its events (the model and the
 * meeting's slice), the quality streams shown with it and their samples, the forensic detail of
 * its connections and of the dumps linked to it, media-node statuses of its time, and the
 * threshold overrides. Null when the session is not stored.
 */
export async function gatherObserveInput(db: RtcscopeDb, key: SessionKey, meeting: number | null, now = Date.now()): Promise<ObserveInput | null> {
	const events = await loadSessionEvents(db, key);
	if (events.length === 0) return null;
	const model = buildSessionModel(key, events);
	const slice = sliceSession(model, meeting);
	const streams = await listQualityStreams(db, key);
	const inSlice = streams.filter((s) => s.lastAt >= slice.startAt && s.firstAt <= slice.endAt);
	const series = new Map<string, StreamSeries>();
	await db.transaction('r', [db.seriesChunks, db.seriesPacks], async () => {
		const packs = seriesPackReader(db);
		const loaded = await Promise.all(inSlice.map((s) => loadSeries(db, s, slice.startAt, slice.endAt, packs)));
		inSlice.forEach((s, i) => series.set(s.key, loaded[i] as StreamSeries));
	});
	const dumpKeys = [key, ...new Set(inSlice.map((s) => s.sessionKey).filter((k) => k !== key))];
	const details = (await Promise.all(dumpKeys.map((k) => listPcDetails(db, k)))).flat();
	const nodeEvents: ObserveInput['nodeEvents'] = [];
	if (model.provider === 'openvidu') {
		for (const cluster of await listClusters(db)) {
			for (const e of await loadClusterEvents(db, cluster.scope)) {
				if (e.detail.kind !== 'node' || e.at < slice.startAt || e.at > slice.endAt) continue;
				nodeEvents.push({ at: e.at, nodeId: e.detail.nodeId, status: e.detail.newStatus, importId: e.importId, line: e.line });
			}
		}
	}
	const labels = new Map(model.participants.map((p) => [p.participantId, userLabel(p)]));
	await nameLinkedDumps(db, key, inSlice, labels);
	return {
		model,
		slice,
		streams: inSlice,
		series,
		details,
		mediaRequests: mediaRequests(slice.events),
		nodeEvents,
		thresholds: await loadThresholdOverrides(db),
		labelOf: (id) => labels.get(id) ?? id,
		now
	};
}
