/**
 * Call type, as the Vonage Inspector's Meeting Statistics name it (multiparty, one-to-one,
 * one-to-zero, broadcast: vonage-session-inspector.md "Summary and Statistics"), plus the two
 * cases a real file can be in that Vonage never shows: no user at all (an archive list), and
 * users with no media (data channels only). Vonage does not publish its rule; rtcscope's rule
 * is below and shown next to the figure.
 *
 * A dump knows only its own browser: the other parties are counted from what it receives
 * (analysis/statistics.ts `remoteSenders`).
 */
export type CallType = 'no-users' | 'no-media' | 'one-to-zero' | 'one-to-one' | 'multiparty' | 'broadcast';

export const CALL_TYPE_RULE =
	'Parties: the users in the data plus, for a dump, the senders it received streams from. No users: nobody connected (the data lists only archives or page events). One-to-zero: one party, nobody to talk to. No media: two or more parties but no stream published or received (data channels only). One-to-one: two parties. With three or more: broadcast when at most a third of them send (the rest only watch), multiparty otherwise.';

export const CALL_TYPE_LABELS: Record<CallType, string> = {
	'no-users': 'no users',
	'no-media': 'no media',
	'one-to-zero': 'one-to-zero',
	'one-to-one': 'one-to-one',
	multiparty: 'multiparty',
	broadcast: 'broadcast'
};

/**
 * @param parties users in the selection (users.ts) plus remote senders seen only in received streams
 * @param senders parties that sent at least one stream
 * @param streams publications and subscriptions in the selection
 */
export function callType(parties: number, senders: number, streams = senders): CallType {
	if (parties <= 0) return 'no-users';
	if (parties === 1) return 'one-to-zero';
	if (streams === 0 && senders === 0) return 'no-media';
	if (parties === 2) return 'one-to-one';
	return senders * 3 <= parties ? 'broadcast' : 'multiparty';
}
