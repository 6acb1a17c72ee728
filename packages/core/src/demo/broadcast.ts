/**
 * A broadcast written so every figure can be counted by hand (Vonage's large-session views,
 * > 100 subscribers): 1 publisher (con_host) and 120 viewers (con_v000…con_v119, 80 on Chrome 120
 * and 40 on Safari 17); viewers 0–9 lose the stream to the network, 10–14 are kicked by the
 * server, 15–119 stay to the end of the data. OpenVidu CDR as JSON Lines.
 */
export function generateBroadcast(options: { startAt?: number; clientData?: boolean } = {}): string {
	const t = options.startAt ?? 1_700_000_000_000;
	const sid = 'ses_Big';
	const lines: object[] = [{ sessionCreated: { sessionId: sid, timestamp: t } }];
	const join = (pid: string, at: number, platform: string) => ({
		participantJoined: { sessionId: sid, participantId: pid, timestamp: at, platform, ...(options.clientData ? { clientData: pid.replace('con_', '') } : {}) }
	});
	lines.push(join('con_host', t + 10, 'Chrome 120.0 on Windows 10'));
	lines.push({ webrtcConnectionCreated: { sessionId: sid, participantId: 'con_host', connection: 'OUTBOUND', streamId: 'str_host', timestamp: t + 20, audioEnabled: true, videoEnabled: true } });
	for (let i = 0; i < 120; i++) {
		const pid = `con_v${String(i).padStart(3, '0')}`;
		const at = t + 1_000 + i;
		lines.push(join(pid, at, i < 80 ? 'Chrome 120.0 on Windows 10' : 'Safari 17.0 on iOS 17.1'));
		lines.push({ webrtcConnectionCreated: { sessionId: sid, participantId: pid, connection: 'INBOUND', streamId: 'str_host', receivingFrom: 'con_host', timestamp: at + 100, audioEnabled: true, videoEnabled: true } });
		const reason = i < 10 ? 'networkDisconnect' : i < 15 ? 'forceDisconnectByServer' : null;
		if (reason) {
			lines.push({ webrtcConnectionDestroyed: { sessionId: sid, participantId: pid, connection: 'INBOUND', streamId: 'str_host', receivingFrom: 'con_host', timestamp: at + 60_000, startTime: at + 100, duration: 60, reason } });
			lines.push({ participantLeft: { sessionId: sid, participantId: pid, timestamp: at + 60_100, startTime: at, duration: 60, reason } });
		}
	}
	return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}
