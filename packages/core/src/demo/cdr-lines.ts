/**
 * Writers of OpenVidu CDR lines in the 2.2x shape of openvidu-cdr.txt (`{"<event>": {…}}`),
 * used by the demo and benchmark generators. They write what OpenVidu writes — including
 * `videoDimensions` as JSON inside a string — so generated data goes through the real parser.
 */

export interface CdrLine {
	/** UTC ms; lines are written in this order. */
	at: number;
	/** Tie-breaker for lines at the same ms, so the output order is deterministic. */
	seq: number;
	text: string;
}

export interface StreamSpec {
	streamId: string;
	videoSource: 'CAMERA' | 'SCREEN';
	audioEnabled: boolean;
	videoEnabled: boolean;
	videoFramerate: number;
	width: number;
	height: number;
}

export interface ParticipantSpec {
	participantId: string;
	location: string;
	platform: string;
	clientData: string;
	serverData: string;
}

export class CdrWriter {
	readonly lines: CdrLine[] = [];
	private seq = 0;

	private add(at: number, event: string, payload: Record<string, unknown>): void {
		this.lines.push({ at, seq: this.seq++, text: JSON.stringify({ [event]: { ...payload } }) });
	}

	sessionCreated(at: number, sessionId: string): void {
		this.add(at, 'sessionCreated', { sessionId, timestamp: at });
	}

	sessionDestroyed(at: number, sessionId: string, startTime: number, reason: string): void {
		this.add(at, 'sessionDestroyed', {
			sessionId,
			timestamp: at,
			startTime,
			duration: Math.round((at - startTime) / 1000),
			reason
		});
	}

	participantJoined(at: number, sessionId: string, p: ParticipantSpec): void {
		this.add(at, 'participantJoined', { sessionId, timestamp: at, ...p });
	}

	participantLeft(
		at: number,
		sessionId: string,
		p: ParticipantSpec,
		startTime: number,
		reason: string
	): void {
		this.add(at, 'participantLeft', {
			sessionId,
			timestamp: at,
			startTime,
			duration: Math.round((at - startTime) / 1000),
			reason,
			...p
		});
	}

	webrtcConnection(
		phase: 'created' | 'destroyed',
		at: number,
		sessionId: string,
		participantId: string,
		stream: StreamSpec,
		inbound: { receivingFrom: string } | null,
		ended?: { startTime: number; reason: string }
	): void {
		const payload: Record<string, unknown> = {
			sessionId,
			timestamp: at,
			...(ended
				? {
						startTime: ended.startTime,
						duration: Math.round((at - ended.startTime) / 1000),
						reason: ended.reason
					}
				: {}),
			streamId: stream.streamId,
			participantId,
			connection: inbound ? 'INBOUND' : 'OUTBOUND',
			...(inbound ? { receivingFrom: inbound.receivingFrom } : {}),
			videoSource: stream.videoSource,
			videoFramerate: stream.videoFramerate,
			videoDimensions: JSON.stringify({ width: stream.width, height: stream.height }),
			audioEnabled: stream.audioEnabled,
			videoEnabled: stream.videoEnabled
		};
		this.add(
			at,
			phase === 'created' ? 'webrtcConnectionCreated' : 'webrtcConnectionDestroyed',
			payload
		);
	}

	recordingStatusChanged(at: number, payload: Record<string, unknown>): void {
		this.add(at, 'recordingStatusChanged', { timestamp: at, ...payload });
	}

	signalSent(
		at: number,
		sessionId: string,
		from: string,
		to: string[],
		type: string,
		data: string
	): void {
		this.add(at, 'signalSent', { timestamp: at, sessionId, from, to, type, data });
	}

	mediaNodeStatusChanged(
		at: number,
		node: { id: string; environmentId: string | null; ip: string | null },
		clusterId: string,
		oldStatus: string | null,
		newStatus: string
	): void {
		this.add(at, 'mediaNodeStatusChanged', {
			timestamp: at,
			id: node.id,
			environmentId: node.environmentId,
			ip: node.ip,
			uri: node.ip ? `ws://${node.ip}:8888/kurento` : null,
			newStatus,
			oldStatus,
			clusterId
		});
	}

	autoscaling(at: number, payload: Record<string, unknown>): void {
		this.add(at, 'autoscaling', { ...payload, timestamp: at });
	}

	/** The file's text: lines in time order, each ending with "\n". */
	toText(): string {
		return this.sortedLines().join('\n') + '\n';
	}

	sortedLines(): string[] {
		return [...this.lines].sort((a, b) => a.at - b.at || a.seq - b.seq).map((l) => l.text);
	}
}
