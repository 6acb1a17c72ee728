/**
 * webrtc-internals stats keys are `<statsId>-<property>`, and stats ids themselves contain `-`,
 * `:`, `/`, `;` and `=` (`CIT01_49_level-id=186;profile-id=1`, certificate fingerprints), so the
 * split is on the last `-`. Computed series break that rule: `[framesReceived-framesDecoded-framesDropped]`
 * has dashes inside its brackets, so a key ending in `]` splits before its last `-[`.
 */
export function splitStatsKey(key: string): { id: string; prop: string } | null {
	let at = -1;
	if (key.endsWith(']')) at = key.lastIndexOf('-[');
	if (at < 0) at = key.lastIndexOf('-');
	if (at <= 0 || at === key.length - 1) return null;
	return { id: key.slice(0, at), prop: key.slice(at + 1) };
}
