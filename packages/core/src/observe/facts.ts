import { dumpRoomFacts, roomFacts, type DumpStreams, type ParticipantFact } from '../fleet/facts.js';
import type { QualityStreamRow } from '../model/rows.js';
import type { ObserveInput } from './types.js';

/**
 * The fleet's participant facts for this session, built exactly as the fleet views build them
 * (fleet/facts.ts: a dump session is one participant; a provider session's participants get the
 * dumps matched to them): the join-timing, freeze and Table 4-2 rules read these, so a session's
 * observations and Diagnostics' causes can never disagree.
 */
export interface FactOf {
	fact: ParticipantFact;
	/** The session connection it is, or undefined for a whole dump (one browser). */
	participantId: string | undefined;
	label: string;
	/** The quality streams behind its stats. */
	streams: QualityStreamRow[];
}

export function participantFacts(input: ObserveInput): FactOf[] {
	const { model, streams } = input;
	if (model.provider === 'webrtc') {
		const room = dumpRoomFacts(model, '', streams);
		const fact = room?.participants[0];
		if (!fact) return [];
		const users = new Set(model.participants.map((p) => p.userKey));
		const only = users.size === 1 ? model.participants[0] : undefined;
		return [{ fact, participantId: undefined, label: only ? input.labelOf(only.participantId) : 'this dump’s browser', streams }];
	}
	const bySession = new Map<string, QualityStreamRow[]>();
	for (const s of streams) bySession.set(s.sessionKey, [...(bySession.get(s.sessionKey) ?? []), s]);
	const dumps: DumpStreams[] = [...bySession.entries()].map(([dumpKey, list]) => ({ dumpKey, streams: list }));
	const room = roomFacts(model, '', dumps);
	if (!room) return [];
	return room.participants.map((fact) => ({
		fact,
		participantId: fact.participantId,
		label: input.labelOf(fact.participantId),
		streams: streams.filter((s) => s.participantId === fact.participantId)
	}));
}

/** The session connection a dump's peer connection is (its streams say, when linked), else the pc id. */
export function participantOfPc(input: Pick<ObserveInput, 'streams'>, detail: { pcId: string; sessionKey: string }): string {
	return input.streams.find((s) => s.pcId === detail.pcId && s.sessionKey === detail.sessionKey)?.participantId ?? detail.pcId;
}
