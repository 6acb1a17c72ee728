import type { Participant } from '../model/session.js';

/**
 * Vonage groups a person's connections into one "user" (tracked by a cookie,
 * vonage-session-inspector.md "Users"). OpenVidu's CDR has no such id, so rtcscope groups
 * connections with the same non-empty clientData, platform and location; a connection without
 * clientData is its own user.
 */
export const USER_RULE =
	'Users: connections with the same clientData, platform and location count as one user (OpenVidu has no user id); a connection without clientData is its own user.';

export function userKeyOf(
	p: Pick<Participant, 'participantId' | 'clientData' | 'platform' | 'location'>
): string {
	const clientData = p.clientData?.trim();
	if (!clientData) return `connection:${p.participantId}`;
	return `user:${clientData}\u0000${p.platform ?? ''}\u0000${p.location ?? ''}`;
}
