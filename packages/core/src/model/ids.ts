/**
 * Identifiers used across the store. Branded so a participant id can't be passed where a
 * session key is expected. Persisted: renaming a prefix needs a storage migration.
 */

/** Which product wrote the data. One value per provider whose ids live in their own namespace. */
export type Provider = 'openvidu' | 'webrtc' | 'vonage' | 'sparkrtc';

export const PROVIDERS: readonly Provider[] = ['openvidu', 'webrtc', 'vonage', 'sparkrtc'];

/** How the views name a provider. */
export const PROVIDER_LABELS: Record<Provider, string> = {
	openvidu: 'OpenVidu',
	webrtc: 'WebRTC dump',
	vonage: 'Vonage / OpenTok',
	sparkrtc: 'SparkRTC'
};

/** `<provider>:<sessionId>` — one room of one provider (DESIGN.md "session"). */
export type SessionKey = string & { readonly __brand: 'SessionKey' };

/** Import id: the fingerprint of the file's bytes (see import/fingerprint.ts). */
export type ImportId = string & { readonly __brand: 'ImportId' };

/**
 * Where a block of events belongs: `s:<sessionKey>` for a session's events,
 * `c:<provider>:<clusterId>` for media-node and autoscaling events of a cluster.
 */
export type Scope = string & { readonly __brand: 'Scope' };

export function sessionKey(provider: Provider, sessionId: string): SessionKey {
	return `${provider}:${sessionId}` as SessionKey;
}

export function sessionScope(key: SessionKey): Scope {
	return `s:${key}` as Scope;
}

export function clusterScope(provider: Provider, clusterId: string): Scope {
	return `c:${provider}:${clusterId}` as Scope;
}

/** Splits a session key back into provider and the provider's own session id. */
export function parseSessionKey(key: string): { provider: Provider; sessionId: string } | null {
	const colon = key.indexOf(':');
	if (colon <= 0) return null;
	const provider = key.slice(0, colon) as Provider;
	if (!PROVIDERS.includes(provider)) return null;
	return { provider, sessionId: key.slice(colon + 1) };
}
