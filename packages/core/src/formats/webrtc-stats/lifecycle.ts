import { CAPTURE_ENDED } from '../../model/end-reasons.js';

/**
 * The life of one RTCPeerConnection in a dump, from its state changes: when it was created,
 * first connected, failed or closed, and the last sign of life the dump holds. Both dump
 * formats feed it; it decides the connection's one end (W3C webrtc-pc `RTCPeerConnectionState`,
 * `RTCIceConnectionState`, `RTCDtlsTransportState`).
 *
 * State-change names differ by browser and version (`oniceconnectionstatechange`,
 * `iceconnectionstatechange`, `iceConnectionStateChange`, `legacyIceConnectionStateChange`,
 * `ondtlsstatechange`): {@link stateKindOf} maps them onto one kind.
 */
export type StateKind = 'ice' | 'connection' | 'signaling' | 'gathering' | 'dtls' | 'legacy-ice';

const KINDS: Record<string, StateKind> = {
	iceconnectionstatechange: 'ice',
	connectionstatechange: 'connection',
	signalingstatechange: 'signaling',
	icegatheringstatechange: 'gathering',
	dtlsstatechange: 'dtls',
	legacyiceconnectionstatechange: 'legacy-ice'
};

/** The state machine a state-change event belongs to, or null for any other operation. */
export function stateKindOf(type: string): StateKind | null {
	const name = type.toLowerCase().replace(/^on/, '');
	return KINDS[name] ?? null;
}

/** A state change's new state (`"failed"` with or without quotes), or null. */
export function stateValue(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim().replace(/^"|"$/g, '');
	return /^[a-z-]{3,20}$/.test(text) ? text : null;
}

/** True for an ICE/connection state change to `connected` or `completed`. */
export function isConnectedState(type: string, value: unknown): boolean {
	const kind = stateKindOf(type);
	if (kind !== 'ice' && kind !== 'connection') return false;
	const state = stateValue(value);
	return state === 'connected' || state === 'completed';
}

/** How a dump's peer connection ended, with the time and source line that say so. */
export interface PcEnd {
	at: number;
	line: number;
	/** `connectionFailed`, `iceFailed`, `dtlsFailed`, `closed` or `captureEnded` (model/end-reasons.ts). */
	reason: string;
}

const FAILED_REASON: Partial<Record<StateKind, string>> = {
	connection: 'connectionFailed',
	ice: 'iceFailed',
	dtls: 'dtlsFailed'
};

/**
 * Follows one peer connection. Feed it every timed thing the dump says about the connection, in
 * time order; {@link PcLifecycle.end} then gives its one end:
 * - **failed**: its connection, ICE or DTLS state became `failed` and it never reached
 *   `connected`/`completed` again (an ICE restart that recovers is not a failure); the end is
 *   the failure, even when a `close()` follows (closing after a failure is clean-up);
 * - **closed**: `close()` or a `closed` state;
 * - **captureEnded**: neither — it was open when the dump was taken; the end is its last sign
 *   of life (log entry or stats sample).
 */
export class PcLifecycle {
	startAt: number | null = null;
	connectedAt: number | null = null;
	private failure: PcEnd | null = null;
	private closed: PcEnd | null = null;
	private lastAt = -Infinity;
	private lastLine = 0;

	/** Any dated sign of life (a log entry, a stats sample). */
	seen(at: number, line: number): void {
		if (!Number.isFinite(at)) return;
		if (this.startAt === null || at < this.startAt) this.startAt = at;
		if (at >= this.lastAt) {
			this.lastAt = at;
			this.lastLine = line;
		}
	}

	/** An operation or state change of the connection. */
	event(at: number, type: string, value: unknown, line: number): void {
		this.seen(at, line);
		if (/^(on)?close$/i.test(type)) {
			this.closed ??= { at, line, reason: 'closed' };
			return;
		}
		const kind = stateKindOf(type);
		if (!kind) return;
		const state = stateValue(value);
		if (state === 'closed') this.closed ??= { at, line, reason: 'closed' };
		if ((kind === 'ice' || kind === 'connection') && (state === 'connected' || state === 'completed')) {
			this.connectedAt ??= at;
			// Recovered: an earlier failure was not the end.
			if (!this.closed) this.failure = null;
		}
		const failedReason = FAILED_REASON[kind];
		if (state === 'failed' && failedReason && !this.closed) {
			// The connection state is the summary of ICE and DTLS: prefer its word at the same failure.
			if (!this.failure || (kind === 'connection' && this.failure.reason !== 'connectionFailed'))
				this.failure = { at: this.failure?.at ?? at, line: this.failure?.line ?? line, reason: failedReason };
		}
	}

	/** True when the connection ended failed. */
	get failed(): boolean {
		return this.failure !== null;
	}

	/** Its one end, or null when the dump has no dated trace of it at all. */
	end(): PcEnd | null {
		if (this.failure) return this.failure;
		if (this.closed) return this.closed;
		if (!Number.isFinite(this.lastAt)) return null;
		return { at: this.lastAt, line: this.lastLine, reason: CAPTURE_ENDED };
	}
}
