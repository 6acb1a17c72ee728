import { alarmTable, AUDIO_FREEZE_MIN_MS, VIDEO_FREEZE_MIN_MS } from '../../fleet/thresholds.js';
import { statsObjectLabel } from '../../model/pc-detail.js';
import { participantFacts, participantOfPc } from '../facts.js';
import { bandTime } from '../runs.js';
import { stitchStreams } from '../stitch.js';
import type { Evidence, Observation, Rule } from '../types.js';
import { clock, kbps, pct, possessive, spoken } from '../words.js';

/** A band's limited time must be at least this long, and this share of its time, to be told. */
const LIMITED_MIN_MS = 10_000;
const LIMITED_MIN_SHARE = 0.1;

export const qualityLimited: Rule = {
	info: {
		id: 'quality-limited',
		title: 'Encoders held back',
		rule: `An outbound video’s qualityLimitationReason (W3C webrtc-stats) was “bandwidth” or “cpu” for at least ${LIMITED_MIN_MS / 1000} s and ${LIMITED_MIN_SHARE * 100} % of its time: the browser lowered resolution or frame rate to fit.`,
		source: 'W3C webrtc-stats',
		needs: 'dump-forensics'
	},
	run(input) {
		const { details, series, streams, labelOf } = input;
		const bands = details.flatMap((d) => d.bands.filter((b) => b.field === 'qualityLimitationReason').map((b) => ({ d, b })));
		if (bands.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no outbound video with qualityLimitationReason in these files' } };
		const out: Observation[] = [];
		for (const { d, b } of bands) {
			const who = participantOfPc(input, d);
			const span = b.runs.reduce((n, r) => n + Math.max(0, r.to - r.from), 0);
			for (const [reason, time] of bandTime(b.runs)) {
				if (reason !== 'bandwidth' && reason !== 'cpu') continue;
				if (time.totalMs < LIMITED_MIN_MS || time.totalMs < span * LIMITED_MIN_SHARE) continue;
				const share = span > 0 ? time.totalMs / span : 0;
				const object = d.objects.find((o) => o.id === b.objectId);
				const evidence: Evidence[] = [
					{ from: time.longest.from, to: time.longest.to, pcId: d.pcId, participantId: who, ...(b.objectId ? limitedSeries(reason, b.objectId, object) : {}) }
				];
				let bandwidth = '';
				if (reason === 'bandwidth') {
					// The estimate's lowest point in the longest limited run (the connection stream's series).
					const conn = streams.find((s) => s.pcId === d.pcId && s.direction === 'connection');
					const data = conn ? series.get(conn.key) : undefined;
					const aob = data?.cols.availableOutgoingBitrateBps;
					if (conn && data && aob) {
						let low: { at: number; v: number } | null = null;
						for (let i = 0; i < data.t.length; i++) {
							const at = data.t[i] as number;
							const v = aob[i] as number;
							if (at < time.longest.from || at > time.longest.to || !Number.isFinite(v)) continue;
							if (!low || v < low.v) low = { at, v };
						}
						if (low) {
							bandwidth = `; the available send bandwidth fell to ${kbps(low.v)} at ${clock(low.at)}`;
							evidence.push({ from: time.longest.from, to: time.longest.to, streamKey: conn.key, metric: 'availableOutgoingBitrateBps', participantId: conn.participantId });
						}
					}
				}
				out.push({
					id: `quality-limited:${d.pcId}:${b.objectId}:${reason}`,
					rule: 'quality-limited',
					severity: share >= 0.5 ? 'problem' : 'warning',
					participantId: who,
					sentence: `${possessive(labelOf(who))} ${object?.kind === 'video' || !object ? 'camera' : object.kind} (${object ? statsObjectLabel(object) : b.label}) was limited by ${reason} for ${spoken(time.totalMs)} (${pct(share * 100, 0)} of its time), the longest from ${clock(time.longest.from)} to ${clock(time.longest.to)}${bandwidth}.`,
					fired: `qualityLimitationReason = ${reason} ${pct(share * 100, 0)} of the time`,
					evidence
				});
			}
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${bands.length} outbound video(s) checked` } };
	}
};

export const freezes: Rule = {
	info: {
		id: 'freezes',
		title: 'Frozen video and audio',
		rule: `Received video freezes (from ${VIDEO_FREEZE_MIN_MS} ms, Chrome’s freezeCount/totalFreezesDuration) and audio concealment (from ${AUDIO_FREEZE_MIN_MS} ms); a freeze rate above Table 4-2’s “Downlink video/audio freeze” threshold is a problem.`,
		source: 'SparkRTC Table 4-2',
		needs: 'dumps'
	},
	run(input) {
		const table = alarmTable(input.thresholds);
		const video = table.find((r) => r.id === 'downlinkVideoFreeze');
		const audio = table.find((r) => r.id === 'downlinkAudioFreeze');
		const facts = participantFacts(input).filter((f) => f.fact.stats);
		if (facts.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no received streams with freeze statistics in these files' } };
		const out: Observation[] = [];
		for (const f of facts) {
			for (const [kind, row, minMs] of [
				['video', video, VIDEO_FREEZE_MIN_MS],
				['audio', audio, AUDIO_FREEZE_MIN_MS]
			] as const) {
				const rate = f.fact.stats?.metrics[row?.id ?? 'downlinkVideoFreeze'];
				const received = f.streams.filter((s) => s.direction === 'inbound' && s.kind === kind);
				const counted = received.flatMap((s) => s.freezes.filter((fr) => (fr.durationMs ?? 0) >= minMs).map((fr) => ({ s, fr })));
				if (rate === undefined || counted.length === 0) continue;
				const longest = counted.reduce((a, b) => ((b.fr.durationMs ?? 0) > (a.fr.durationMs ?? 0) ? b : a));
				const over = row !== undefined && rate > row.threshold;
				out.push({
					id: `freezes:${f.participantId ?? 'dump'}:${kind}`,
					rule: 'freezes',
					severity: over ? 'problem' : 'info',
					...(f.participantId ? { participantId: f.participantId } : {}),
					sentence: `${f.label} saw ${counted.length} ${kind} freeze${counted.length === 1 ? '' : 's'} of ${minMs} ms or more (${pct(rate)} of the received ${kind} time), the longest ${spoken(longest.fr.durationMs ?? 0)} at ${clock(longest.fr.at)}.`,
					fired: `freeze rate ${pct(rate)}${row ? ` ${over ? '>' : '≤'} ${row.threshold} %` : ''}`,
					evidence: [{ from: longest.fr.at - 15_000, to: longest.fr.at + 5000, streamKey: longest.s.key, metric: 'fps', participantId: longest.s.participantId, pcId: longest.s.pcId }]
				});
			}
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${facts.length} receiver(s) checked` } };
	}
};

export const receivedBelowSent: Rule = {
	info: {
		id: 'received-below-sent',
		title: 'Received worse than sent',
		rule: 'Both ends of a video stream are in the files (the sender’s outbound-rtp and a receiver’s inbound-rtp share the SSRC): the receiver got under 80 % of the frame rate, or a smaller resolution, than was sent.',
		source: 'rtcscope',
		needs: 'dumps'
	},
	run({ streams, labelOf }) {
		const pairs = stitchStreams(streams).filter((p) => p.sender.kind === 'video');
		if (pairs.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no video stream with both its sender and a receiver in these files' } };
		const out: Observation[] = [];
		for (const { sender, receiver } of pairs) {
			const sentFps = sender.summary.fpsAvg;
			const gotFps = receiver.summary.fpsAvg;
			const sentH = sender.summary.heightPxMax;
			const gotH = receiver.summary.heightPxMax;
			const fpsLow = sentFps !== null && gotFps !== null && gotFps < 0.8 * sentFps;
			const sizeLow = sentH !== null && gotH !== null && gotH < sentH;
			if (!fpsLow && !sizeLow) continue;
			const parts = [
				fpsLow ? `${gotFps?.toFixed(1)} fps of the ${sentFps?.toFixed(1)} fps sent` : '',
				sizeLow ? `at most ${gotH} px high of the ${sentH} px sent` : ''
			].filter(Boolean);
			out.push({
				id: `received-below-sent:${receiver.key}`,
				rule: 'received-below-sent',
				severity: 'warning',
				participantId: receiver.participantId,
				sentence: `${labelOf(receiver.participantId)} received ${possessive(labelOf(sender.participantId))} video (SSRC ${sender.ssrc}) at ${parts.join(' and ')}.`,
				fired: parts.join('; '),
				evidence: [
					{ from: receiver.firstAt, to: receiver.lastAt, streamKey: receiver.key, metric: fpsLow ? 'fps' : 'heightPx', participantId: receiver.participantId },
					{ from: sender.firstAt, to: sender.lastAt, streamKey: sender.key, metric: fpsLow ? 'fps' : 'heightPx', participantId: sender.participantId }
				]
			});
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${pairs.length} stitched video stream(s) compared` } };
	}
};

export const mediaStopped: Rule = {
	info: {
		id: 'media-stopped',
		title: 'Streams that carried no media',
		rule: 'A sent stream’s byte counter stopped moving while the stream stayed negotiated (muted, camera off, track ended), or never moved.',
		source: 'W3C webrtc-stats',
		needs: 'dumps'
	},
	run({ slice, streams, labelOf }) {
		const sent = streams.filter((s) => s.direction === 'outbound');
		if (sent.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no sent stream statistics in these files' } };
		const out: Observation[] = [];
		for (const pub of slice.publications) {
			if (pub.endReason !== 'mediaStopped' && pub.endReason !== 'noMedia') continue;
			const row = sent.find((s) => `${s.pcId}/${s.objectId}` === pub.streamId);
			const kind = pub.hasVideo ? (pub.source === 'screen' ? 'screen share' : 'camera') : 'microphone';
			out.push({
				id: `media-stopped:${pub.streamId}`,
				rule: 'media-stopped',
				severity: 'info',
				participantId: pub.participantId,
				sentence:
					pub.endReason === 'noMedia'
						? `${possessive(labelOf(pub.participantId))} ${kind} stream ${row?.ssrc ?? ''} never sent media.`.replace(/\s+\./, '.')
						: `${possessive(labelOf(pub.participantId))} ${kind}${row?.ssrc ? ` (SSRC ${row.ssrc})` : ''} stopped sending at ${clock(pub.endedAt ?? pub.startedAt)} (muted, turned off or the track ended) while its stream stayed negotiated${row ? ` until ${clock(row.lastAt)}` : ''}.`,
				fired: pub.endReason === 'noMedia' ? 'no byte sent' : 'bytesSent stopped moving',
				evidence: [{ from: (pub.endedAt ?? pub.startedAt) - 10_000, to: row?.lastAt ?? (pub.endedAt ?? pub.startedAt) + 10_000, participantId: pub.participantId, ...(row ? { streamKey: row.key, metric: 'bitrateBps' as const } : {}) }]
			});
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${sent.length} sent stream(s) checked` } };
	}
};

export const audioOnly: Rule = {
	info: {
		id: 'audio-only',
		title: 'Audio-only participants',
		rule: 'A participant published audio and no video while others published video.',
		source: 'rtcscope',
		needs: 'events'
	},
	run({ slice, labelOf }) {
		const byUser = new Map<string, { audio: boolean; video: boolean }>();
		for (const p of slice.publications) {
			const e = byUser.get(p.participantId) ?? { audio: false, video: false };
			if (p.hasVideo) e.video = true;
			else if (p.hasAudio) e.audio = true;
			byUser.set(p.participantId, e);
		}
		const anyVideo = [...byUser.values()].some((e) => e.video);
		const out: Observation[] = [];
		if (anyVideo)
			for (const [id, e] of byUser) {
				if (!e.audio || e.video) continue;
				const pub = slice.publications.find((p) => p.participantId === id) as (typeof slice.publications)[number];
				out.push({
					id: `audio-only:${id}`,
					rule: 'audio-only',
					severity: 'info',
					participantId: id,
					sentence: `${labelOf(id)} published audio only while others sent video.`,
					fired: 'no video publication',
					evidence: [{ from: pub.startedAt, to: pub.endedAt ?? slice.horizonAt, participantId: id, importId: pub.src.importId, lines: [pub.src.line].filter((l) => l > 0) }]
				});
			}
		return { observations: out, status: { status: slice.publications.length === 0 ? 'not-measurable' : out.length ? 'fired' : 'passed', note: slice.publications.length === 0 ? 'no publication in these files' : `${byUser.size} publisher(s) checked` } };
	}
};

/**
 * The series that shows what a limitation did: a CPU limit lowers the encoded resolution or frame
 * rate (`frameHeight`, `framesPerSecond` as sent), a bandwidth limit the send rate (Δ`bytesSent`);
 * the reason itself is the forensics' band over the chart.
 */
function limitedSeries(reason: string, id: string, object: { fields: readonly { name: string }[] } | undefined): Pick<Evidence, 'objectId' | 'field' | 'view'> {
	const has = (name: string) => !!object?.fields.some((f) => f.name === name);
	if (reason === 'cpu') {
		for (const field of ['frameHeight', 'framesPerSecond']) if (has(field)) return { objectId: id, field, view: 'value' };
	}
	return has('bytesSent') ? { objectId: id, field: 'bytesSent', view: 'rate' } : { objectId: id, field: 'framesPerSecond', view: 'value' };
}
