/**
 * Call type, as the Vonage Inspector's Meeting Statistics name it (multiparty, one-to-one,
 * one-to-zero, broadcast: vonage-session-inspector.md "Summary and Statistics"). Vonage does not
 * publish its rule; rtcscope's rule is below and shown next to the figure.
 */
export type CallType = 'one-to-zero' | 'one-to-one' | 'multiparty' | 'broadcast';

export const CALL_TYPE_RULE =
	'One-to-zero: one user, nobody to talk to. One-to-one: two users. With three or more users: broadcast when at most a third of them publish (the rest only watch), multiparty otherwise.';

/**
 * @param users distinct users in the selection (see users.ts)
 * @param publishingUsers users that published at least one stream
 */
export function callType(users: number, publishingUsers: number): CallType {
	if (users <= 1) return 'one-to-zero';
	if (users === 2) return 'one-to-one';
	return publishingUsers * 3 <= users ? 'broadcast' : 'multiparty';
}
