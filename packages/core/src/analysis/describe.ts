import type { ModelEvent } from '../model/events.js';
import { assertNever } from '../util/assert.js';
import { redactAddresses } from '../util/redact.js';
import { CAPTURE_ENDED, REASON_WORDS } from '../model/end-reasons.js';

/** A reason in words: rtcscope's own reasons explained, a source's reasons as written. */
export function reasonText(reason: string): string {
	return REASON_WORDS[reason] ?? reason;
}

/**
 * One line of plain text per event for the Event Log and Error Log. The result is text: the UI
 * must render it as text (it contains third-party strings such as clientData).
 */
export function describeEvent(e: ModelEvent): string {
	const d = e.detail;
	const who = e.participantId ? ` ${e.participantId}` : '';
	const why = e.reason ? ` — ${reasonText(e.reason)}` : '';
	switch (d.kind) {
		case 'session':
			return e.phase === 'end'
				? `Session destroyed${why}${d.durationS !== undefined ? ` after ${d.durationS} s` : ''}`
				: 'Session created';
		case 'connection':
			if (e.type === 'peerConnectionEnded')
				return `Peer connection${who} ${e.reason === CAPTURE_ENDED ? 'still open when the dump was taken' : `ended${why}`}`;
			if (e.type === 'peerConnectionCreated')
				return `Peer connection${who} created${d.name ? ` (${d.name})` : ''}${d.platform ? ` in ${d.platform}` : ''}`;
			if (e.phase === 'end') {
				return `Participant${who} left${why}${d.durationS !== undefined ? ` after ${d.durationS} s` : ''}`;
			}
			return `Participant${who} joined${d.location ? ` from ${d.location}` : ''}${d.platform ? ` (${d.platform})` : ''}`;
		case 'stream': {
			const media = [d.hasVideo ? (d.source ?? 'video') : null, d.hasAudio ? 'audio' : null]
				.filter(Boolean)
				.join('+');
			// Dimensions and frame rate describe video: an audio-only stream (videoEnabled false)
			// keeps whatever the source wrote there, but says none of it.
			const video = d.hasVideo !== false;
			const size = video && d.widthPx && d.heightPx ? ` ${d.widthPx}×${d.heightPx}` : '';
			const fps = video && d.framerateFps ? ` ${d.framerateFps} fps` : '';
			const stream = e.streamId ? ` ${e.streamId}` : '';
			if (e.category === 'subscribe') {
				const from = e.peerId ? ` from ${e.peerId}` : '';
				return e.phase === 'end'
					? `${who.trim() || 'Participant'} stopped receiving${stream}${from}${why}`
					: `${who.trim() || 'Participant'} subscribed to${stream}${from} (${media || 'no media'}${size}${fps})`;
			}
			return e.phase === 'end'
				? `${who.trim() || 'Participant'} stopped publishing${stream}${why}`
				: `${who.trim() || 'Participant'} published${stream} (${media || 'no media'}${size}${fps})`;
		}
		case 'recording':
			return `Recording ${d.recordingId}${d.name && d.name !== d.recordingId ? ` "${d.name}"` : ''} ${d.status}${why}${d.durationS ? `, ${d.durationS} s` : ''}${d.sizeBytes ? `, ${d.sizeBytes.toLocaleString('en')} bytes` : ''}`;
		case 'node':
			return `Media node ${d.nodeId}: ${d.oldStatus ?? '—'} → ${d.newStatus}`;
		case 'autoscaling':
			return `Autoscaling: ${d.reason ?? 'cluster size changed'}`;
		case 'filter':
			return `Filter ${d.filterType ?? ''} ${d.eventType ?? ''}${who ? ` on${who}` : ''}: ${d.data ?? ''}`.trim();
		case 'signal':
			return `Signal${d.signalType ? ` "${d.signalType}"` : ''} from ${d.from ?? '?'} to ${(d.to ?? []).join(', ') || 'everyone'}${d.data ? `: ${d.data}` : ''}`;
		case 'quality':
			return `Quality sample${who}${d.mediaType ? ` (${d.mediaType})` : ''}: ${Object.entries(
				d.fields
			)
				.slice(0, 6)
				.map(([k, v]) => `${k}=${v}`)
				.join(', ')}`;
		case 'webrtc': {
			const pc = d.pcId ? ` [${d.pcId}]` : '';
			if (d.state) return `${e.type}${pc}: ${d.state}`;
			// Candidates and SDP hold IP addresses: they are shown only in connection details.
			return `${e.type}${pc}${d.value ? `: ${redactAddresses(d.value.slice(0, 300))}` : ''}`;
		}
		case 'raw':
			return `${e.type}: ${JSON.stringify(d.fields).slice(0, 300)}`;
		default:
			return assertNever(d, 'event detail');
	}
}
