import type { StatsFieldInfo, StatsObjectInfo, StatsObjectSamples } from '../model/pc-detail.js';

/**
 * How any getStats field is charted (dump forensics, issue 12). Cumulative counters become rates
 * per second, and sums of durations become averages per frame or per sample, as
 * chrome://webrtc-internals' `stats_rates_calculator.js` and the rtcStats importer show them:
 *
 * - bytes (`bytesSent`, `headerBytesReceived`, `retransmittedBytesSent`, …): Δbytes·8/Δt, in kbps;
 * - counts (`packetsSent`, `nackCount`, `pliCount`, `framesDecoded`, …): Δcount/Δt, per second;
 * - durations per event (`totalDecodeTime`/`framesDecoded`, `jitterBufferDelay`/`jitterBufferEmittedCount`,
 *   `totalRoundTripTime`/`roundTripTimeMeasurements`, …): Δsum/Δcount, in ms (QP for `qpSum`);
 * - `totalSquaredInterFrameDelay`: the inter-frame delay's standard deviation over the interval, ms;
 * - `totalAudioEnergy`/`totalSamplesDuration`: the interval's audio level, √(ΔE/Δd);
 * - `totalFreezesDuration`, `totalPausesDuration`, `totalSamplesDuration`: seconds per second, %;
 * - gauges in seconds (`jitter`, `roundTripTime`, `currentRoundTripTime`) in ms, bitrates
 *   (`availableOutgoingBitrate`, `targetBitrate`, legacy `googAvailableSendBandwidth`, …) in kbps.
 *
 * A rate between two samples is drawn at the later one; it is NaN (a gap) when either sample
 * lacks the field, when the counter went down (a reset) or when time did not advance.
 */

/** One way of showing a field. */
export interface FieldView {
	/** Stable id used in links: `value`, `rate`, `per:<field>`, `stdev`, `level`. */
	id: string;
	/** What the chart's caption says, e.g. "bytesSent as bitrate". */
	label: string;
	unit: string;
	/** The definition a user reads beside the chart. */
	definition: string;
}

/** A field shown one way: its times and values, ready for a chart. */
export interface FieldSeries {
	view: FieldView;
	t: Float64Array;
	v: Float64Array;
}

const BYTE_COUNTERS = /^(bytes|headerBytes|retransmittedBytes|fecBytes|bytesDiscardedOnSend)|Bytes(Sent|Received)$/;
const COUNT_COUNTERS = new Set([
	'packetsSent', 'packetsReceived', 'packetsLost', 'packetsDiscarded', 'packetsDiscardedOnSend', 'packetsDuplicated',
	'nackCount', 'pliCount', 'firCount', 'sliCount', 'framesEncoded', 'framesDecoded', 'framesSent', 'framesReceived',
	'framesDropped', 'framesRendered', 'keyFramesEncoded', 'keyFramesDecoded', 'hugeFramesSent', 'retransmittedPacketsSent',
	'retransmittedPacketsReceived', 'fecPacketsReceived', 'fecPacketsDiscarded', 'fecPacketsSent', 'totalSamplesReceived',
	'totalSamplesSent', 'concealedSamples', 'silentConcealedSamples', 'concealmentEvents', 'insertedSamplesForDeceleration',
	'removedSamplesForAcceleration', 'freezeCount', 'pauseCount', 'requestsSent', 'requestsReceived', 'responsesSent',
	'responsesReceived', 'consentRequestsSent', 'consentRequestsReceived', 'consentResponsesSent', 'consentResponsesReceived',
	'messagesSent', 'messagesReceived', 'framesAssembledFromMultiplePackets', 'qualityLimitationResolutionChanges',
	'jitterBufferEmittedCount', 'roundTripTimeMeasurements', 'googNacksSent', 'googNacksReceived',
	'googPlisSent', 'googPlisReceived', 'googFirsSent', 'googFirsReceived', 'googFramesDecoded', 'googFramesReceived',
	'googFramesEncoded', 'googFramesRendered'
]);

/** Sums of durations (seconds) or values, and what each is averaged over. */
const PER: Record<string, { per: string | ((o: StatsObjectInfo) => string); unit: 'ms' | 'QP'; what: string }> = {
	totalEncodeTime: { per: 'framesEncoded', unit: 'ms', what: 'encode time per frame' },
	totalDecodeTime: { per: 'framesDecoded', unit: 'ms', what: 'decode time per frame' },
	totalInterFrameDelay: { per: 'framesDecoded', unit: 'ms', what: 'inter-frame delay' },
	totalAssemblyTime: { per: 'framesAssembledFromMultiplePackets', unit: 'ms', what: 'assembly time per frame' },
	totalPacketSendDelay: { per: 'packetsSent', unit: 'ms', what: 'pacer delay per packet' },
	jitterBufferDelay: { per: 'jitterBufferEmittedCount', unit: 'ms', what: 'jitter buffer delay' },
	jitterBufferTargetDelay: { per: 'jitterBufferEmittedCount', unit: 'ms', what: 'jitter buffer target delay' },
	jitterBufferMinimumDelay: { per: 'jitterBufferEmittedCount', unit: 'ms', what: 'jitter buffer minimum delay' },
	totalProcessingDelay: {
		per: (o) => (o.kind === 'audio' ? 'jitterBufferEmittedCount' : 'framesDecoded'),
		unit: 'ms',
		what: 'processing delay'
	},
	totalRoundTripTime: {
		per: (o) => (o.type === 'candidate-pair' ? 'responsesReceived' : 'roundTripTimeMeasurements'),
		unit: 'ms',
		what: 'round-trip time'
	},
	qpSum: { per: (o) => (o.type === 'inbound-rtp' ? 'framesDecoded' : 'framesEncoded'), unit: 'QP', what: 'quantization parameter per frame' }
};

/** Gauges with a unit rtcscope converts (seconds → ms, bits/s → kbps). */
const GAUGE_SECONDS = new Set(['jitter', 'roundTripTime', 'currentRoundTripTime']);
const GAUGE_BPS = /^(availableOutgoingBitrate|availableIncomingBitrate|targetBitrate|googAvailableSendBandwidth|googAvailableReceiveBandwidth|googTargetEncBitrate|googActualEncBitrate|googTransmitBitrate|googRetransmitBitrate)$/;
const SECONDS_PER_SECOND = new Set(['totalFreezesDuration', 'totalPausesDuration', 'totalSamplesDuration']);

/** The ways a numeric field can be shown, the default first. Text fields have none (they are bands). */
export function fieldViews(object: StatsObjectInfo, field: StatsFieldInfo): FieldView[] {
	if (field.kind !== 'number') return [];
	const name = field.name;
	const has = (f: string) => object.fields.some((x) => x.name === f && x.kind === 'number');
	const value: FieldView = gaugeView(name);
	const views: FieldView[] = [];
	if (BYTE_COUNTERS.test(name)) {
		views.push({
			id: 'rate',
			label: `${name} as bitrate`,
			unit: 'kbps',
			definition: `Δ${name} × 8 ÷ Δt between consecutive samples, in kilobits per second.`
		});
	} else if (COUNT_COUNTERS.has(name) || (field.monotonic && /^total|Count$|Sent$|Received$/.test(name) && !PER[name])) {
		views.push({
			id: 'rate',
			label: `${name} per second`,
			unit: '/s',
			definition: `Δ${name} ÷ Δt between consecutive samples.`
		});
	}
	const per = PER[name];
	if (per) {
		const over = typeof per.per === 'string' ? per.per : per.per(object);
		if (has(over)) {
			views.push({
				id: `per:${over}`,
				label: `${per.what} (${name}/${over})`,
				unit: per.unit,
				definition: `Δ${name} ÷ Δ${over} between consecutive samples${per.unit === 'ms' ? ', in ms' : ''}.`
			});
		}
	}
	if (name === 'totalSquaredInterFrameDelay' && has('totalInterFrameDelay') && has('framesDecoded')) {
		views.push({
			id: 'stdev',
			label: 'inter-frame delay standard deviation',
			unit: 'ms',
			definition:
				'√((ΔtotalSquaredInterFrameDelay − ΔtotalInterFrameDelay² ÷ ΔframesDecoded) ÷ ΔframesDecoded) between consecutive samples, in ms.'
		});
	}
	if (name === 'totalAudioEnergy' && has('totalSamplesDuration')) {
		views.push({
			id: 'level',
			label: 'audio level over the interval',
			unit: '',
			definition: '√(ΔtotalAudioEnergy ÷ ΔtotalSamplesDuration): the interval’s RMS audio level, 0 to 1 (webrtc-stats §audioLevel).'
		});
	}
	if (SECONDS_PER_SECOND.has(name)) {
		views.push({
			id: 'rate',
			label: `${name} per second of time`,
			unit: '%',
			definition: `Δ${name} ÷ Δt between consecutive samples, as a percentage of the time.`
		});
	}
	if (name === 'concealedSamples' && has('totalSamplesReceived')) {
		views.push({
			id: 'per:totalSamplesReceived',
			label: 'concealed samples share',
			unit: '%',
			definition: 'ΔconcealedSamples ÷ ΔtotalSamplesReceived between consecutive samples, in %.'
		});
	}
	views.push(value);
	return views;
}

function gaugeView(name: string): FieldView {
	if (GAUGE_SECONDS.has(name))
		return { id: 'value', label: name, unit: 'ms', definition: `${name} as reported (seconds), shown in ms.` };
	if (GAUGE_BPS.test(name))
		return { id: 'value', label: name, unit: 'kbps', definition: `${name} as reported (bits per second), shown in kbps.` };
	return { id: 'value', label: `${name} (as reported)`, unit: unitOf(name), definition: `${name} as the dump reports it, sample by sample.` };
}

function unitOf(name: string): string {
	if (/[bB]ytes/.test(name)) return 'B';
	if (/^frame(Width|Height)$|Width$|Height$/.test(name)) return 'px';
	if (name === 'framesPerSecond') return 'fps';
	if (/^total.*(Time|Delay|Duration)$|^jitterBuffer.*Delay$/.test(name)) return 's';
	if (/Ms$|^googRtt$|^googJitter/.test(name)) return 'ms';
	return '';
}

/**
 * The field shown one way, from its object's stored columns.
 * @throws Error when the view does not apply to the field (an id from an old link).
 */
export function fieldSeries(row: StatsObjectSamples, object: StatsObjectInfo, field: string, viewId: string): FieldSeries {
	const info = object.fields.find((f) => f.name === field);
	const view = info ? fieldViews(object, info).find((v) => v.id === viewId) : undefined;
	const column = row.numbers[field];
	if (!view || !column) throw new Error(`${field} cannot be shown as ${viewId}.`);
	const t = row.t;
	const v = new Float64Array(t.length).fill(Number.NaN);
	const delta = (c: Float64Array, i: number) => {
		const d = (c[i] as number) - (c[i - 1] as number);
		return d >= 0 ? d : Number.NaN;
	};
	const dt = (i: number) => ((t[i] as number) - (t[i - 1] as number)) / 1000;
	if (view.id === 'value') {
		const scale = GAUGE_SECONDS.has(field) ? 1000 : GAUGE_BPS.test(field) ? 1 / 1000 : 1;
		for (let i = 0; i < t.length; i++) v[i] = (column[i] as number) * scale;
	} else if (view.id === 'rate') {
		const scale = view.unit === 'kbps' ? 8 / 1000 : view.unit === '%' ? 100 : 1;
		for (let i = 1; i < t.length; i++) {
			const s = dt(i);
			if (s > 0) v[i] = (delta(column, i) / s) * scale;
		}
	} else if (view.id.startsWith('per:')) {
		const over = row.numbers[view.id.slice(4)];
		const scale = view.unit === 'ms' ? 1000 : view.unit === '%' ? 100 : 1;
		if (over)
			for (let i = 1; i < t.length; i++) {
				const d = delta(over, i);
				if (d > 0) v[i] = (delta(column, i) / d) * scale;
			}
	} else if (view.id === 'stdev') {
		const sum = row.numbers.totalInterFrameDelay;
		const frames = row.numbers.framesDecoded;
		if (sum && frames)
			for (let i = 1; i < t.length; i++) {
				const n = delta(frames, i);
				const s = delta(sum, i);
				const sq = delta(column, i);
				if (n > 1) v[i] = Math.sqrt(Math.max(0, (sq - (s * s) / n) / n)) * 1000;
			}
	} else if (view.id === 'level') {
		const duration = row.numbers.totalSamplesDuration;
		if (duration)
			for (let i = 1; i < t.length; i++) {
				const d = delta(duration, i);
				if (d > 0) v[i] = Math.sqrt(delta(column, i) / d);
			}
	}
	return { view, t, v };
}

/**
 * The picker's grouping: objects by stats type, and per object how many fields are worth a
 * chart (numeric and changing) against all it has. Constant and all-zero fields are folded by
 * default; text fields are listed as bands.
 */
export interface PickerGroup {
	type: string;
	objects: { object: StatsObjectInfo; shown: StatsFieldInfo[]; folded: StatsFieldInfo[]; texts: StatsFieldInfo[] }[];
}

const TYPE_ORDER = [
	'outbound-rtp', 'inbound-rtp', 'remote-inbound-rtp', 'remote-outbound-rtp', 'media-source', 'media-playout',
	'candidate-pair', 'transport', 'local-candidate', 'remote-candidate', 'codec', 'data-channel', 'peer-connection',
	'certificate', 'ssrc', 'VideoBwe', 'googCandidatePair', 'googComponent', 'googTrack'
];

export function pickerGroups(objects: readonly StatsObjectInfo[]): PickerGroup[] {
	const groups = new Map<string, PickerGroup>();
	for (const object of objects) {
		const type = object.type ?? 'untyped';
		const group = groups.get(type) ?? { type, objects: [] };
		groups.set(type, group);
		const numeric = object.fields.filter((f) => f.kind === 'number');
		group.objects.push({
			object,
			shown: numeric.filter((f) => !f.constant && !f.allZero),
			folded: numeric.filter((f) => f.constant || f.allZero),
			texts: object.fields.filter((f) => f.kind === 'text')
		});
	}
	const rank = (t: string) => {
		const i = TYPE_ORDER.indexOf(t);
		return i < 0 ? TYPE_ORDER.length : i;
	};
	return [...groups.values()].sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}
