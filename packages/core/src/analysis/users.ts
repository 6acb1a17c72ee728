import type { Participant } from '../model/session.js';

/**
 * Vonage groups a person's connections into one "user" (tracked by a cookie,
 * vonage-session-inspector.md "Users"). Where the source names the user (a dump's browser tab,
 * an rtcstats client), its connections are that user. OpenVidu's CDR has no such id, so
 * rtcscope groups connections with the same non-empty clientData, platform and location; a
 * connection without either is its own user.
 */
export const USER_RULE =
	'Users: connections the source names as one user (a dump’s browser tab, an rtcstats client) are one user; otherwise connections with the same clientData, platform and location (OpenVidu has no user id); a connection with neither is its own user.';

export function userKeyOf(
	p: Pick<Participant, 'participantId' | 'clientData' | 'platform' | 'location'> &
		Partial<Pick<Participant, 'userId'>>
): string {
	if (p.userId) return `id:${p.userId}`;
	const clientData = p.clientData?.trim();
	if (!clientData) return `connection:${p.participantId}`;
	return `user:${clientData}\u0000${p.platform ?? ''}\u0000${p.location ?? ''}`;
}
