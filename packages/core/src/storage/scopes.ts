import {
	parseSessionKey,
	PROVIDERS,
	type Provider,
	type Scope,
	type SessionKey
} from '../model/ids.js';

export type ParsedScope =
	| { kind: 'session'; session: { key: SessionKey; provider: Provider; sessionId: string } }
	| { kind: 'cluster'; provider: Provider; clusterId: string };

/** Reads a block scope (`s:<sessionKey>` or `c:<provider>:<clusterId>`). */
export function parseScope(scope: Scope | string): ParsedScope | null {
	if (scope.startsWith('s:')) {
		const key = scope.slice(2);
		const parsed = parseSessionKey(key);
		return parsed ? { kind: 'session', session: { key: key as SessionKey, ...parsed } } : null;
	}
	if (scope.startsWith('c:')) {
		const rest = scope.slice(2);
		const colon = rest.indexOf(':');
		const provider = rest.slice(0, colon) as Provider;
		if (colon <= 0 || !PROVIDERS.includes(provider)) return null;
		return { kind: 'cluster', provider, clusterId: rest.slice(colon + 1) };
	}
	return null;
}
