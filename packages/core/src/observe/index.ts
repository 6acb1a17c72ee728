import { connectionFailed, iceDisconnected, iceRestart, relay, slowJoin } from './rules/connection.js';
import { audioOnly, freezes, mediaStopped, qualityLimited, receivedBelowSent } from './rules/media.js';
import { latencyOverTime, lossOverTime, lowBitrate, networkThresholds } from './rules/network.js';
import { getUserMediaFailed, nodeCrashed, recordingFailed } from './rules/other.js';
import type { Observation, ObserveInput, ObserveResult, Rule, RuleInfo, RuleStatus } from './types.js';

export * from './types.js';
export { stitchStreams, type StitchedStream } from './stitch.js';

/** Every rule, in the order the inspector lists what it checked. */
export const RULES: readonly Rule[] = [
	connectionFailed,
	slowJoin,
	iceDisconnected,
	iceRestart,
	relay,
	qualityLimited,
	freezes,
	networkThresholds,
	lossOverTime,
	latencyOverTime,
	lowBitrate,
	receivedBelowSent,
	mediaStopped,
	audioOnly,
	getUserMediaFailed,
	recordingFailed,
	nodeCrashed
];

export const RULE_INFO: Readonly<Record<string, RuleInfo>> = Object.fromEntries(RULES.map((r) => [r.info.id, r.info]));

const RANK = { problem: 0, warning: 1, info: 2 } as const;

/**
 * Runs every rule over a session (or one meeting: the input's slice) and, when `participantIds` are
 * given, keeps the observations about those connections (a user's connections). Problems first, then warnings, then
 * information; within a severity, in time order.
 */
export function observe(input: ObserveInput, participantIds?: readonly string[]): ObserveResult {
	const observations: Observation[] = [];
	const statuses: RuleStatus[] = [];
	const only = participantIds ? new Set(participantIds) : null;
	for (const rule of RULES) {
		const result = rule.run(input);
		const kept = only ? result.observations.filter((o) => o.participantId !== undefined && only.has(o.participantId)) : result.observations;
		observations.push(...kept.map((o) => ({ ...o, sentence: sentenceCase(o.sentence) })));
		// Filtered to some users, a rule that fired only for others passed for them.
		const status = result.status && !(only && result.status.status === 'fired' && kept.length === 0) ? result.status : { status: kept.length ? 'fired' : 'passed', note: '' } as const;
		statuses.push({ rule: rule.info.id, ...status });
	}
	observations.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.evidence[0]?.from ?? 0) - (b.evidence[0]?.from ?? 0));
	return { observations, statuses };
}

/**
 * A sentence begins with a capital: rules start with the subject's label, which may be a common
 * phrase ("this dump’s browser"). A first word that is not plain letters (a host name such as
 * "localhost:3002", an id) is left as written.
 */
function sentenceCase(sentence: string): string {
	return /^[a-z]+[\s’']/.test(sentence) ? sentence[0]?.toUpperCase() + sentence.slice(1) : sentence;
}

/** "3 problems, 2 warnings" for lists. */
export function observationCounts(result: Pick<ObserveResult, 'observations'>): { problems: number; warnings: number; infos: number } {
	let problems = 0;
	let warnings = 0;
	let infos = 0;
	for (const o of result.observations) {
		if (o.severity === 'problem') problems++;
		else if (o.severity === 'warning') warnings++;
		else infos++;
	}
	return { problems, warnings, infos };
}
