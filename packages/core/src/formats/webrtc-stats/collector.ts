/**
 * Stats of one RTCPeerConnection over time, as the two dump formats deliver them: per stats
 * object (W3C webrtc-stats ids: `OT01V…`, `RTCInboundRTPVideoStream_…`, `ssrc_…_send`) and per
 * property, a series of (time, value) samples. webrtc-internals hands over whole series;
 * rtcstats hands over snapshots. Every property is kept (dump forensics charts any field);
 * Chrome's own computed series (`[bytesSent_in_bits/s]`, …) are counted and dropped, since
 * rtcscope derives the same rates from the counters (analysis/stats-fields.ts).
 */

export type StatValue = number | string | boolean | null;

export interface PropSeries {
	/** UTC ms, ascending. */
	t: number[];
	v: StatValue[];
}

export interface StatsObject {
	id: string;
	/** W3C stats type (`inbound-rtp`, …) or a legacy one (`ssrc`, `googCandidatePair`, …); null until known. */
	type: string | null;
	props: Map<string, PropSeries>;
}

export class PcStats {
	readonly objects = new Map<string, StatsObject>();
	/** Computed series (`[…]` keys) seen and dropped. */
	computedDropped = 0;

	constructor(readonly pcId: string) {}

	private object(id: string): StatsObject {
		let o = this.objects.get(id);
		if (!o) {
			o = { id, type: null, props: new Map() };
			this.objects.set(id, o);
		}
		return o;
	}

	setType(id: string, type: string): void {
		const o = this.object(id);
		if (!o.type) o.type = type;
	}

	/** Adds one sample; samples of a property must arrive in time order. */
	add(id: string, prop: string, t: number, value: StatValue): void {
		if (prop === 'type') {
			if (typeof value === 'string') this.setType(id, value);
			return;
		}
		if (isComputed(prop)) return;
		const o = this.object(id);
		let s = o.props.get(prop);
		if (!s) {
			s = { t: [], v: [] };
			o.props.set(prop, s);
		}
		s.t.push(t);
		s.v.push(value);
	}

	/** Adds a whole series at once (webrtc-internals). */
	addSeries(id: string, prop: string, t: number[], v: StatValue[]): void {
		if (prop === 'type') {
			const first = v.find((x) => typeof x === 'string');
			if (typeof first === 'string') this.setType(id, first);
			return;
		}
		if (isComputed(prop)) {
			this.computedDropped++;
			return;
		}
		this.object(id).props.set(prop, { t, v });
	}
}

/** webrtc-internals' own derived series are written as `[expression]`. */
function isComputed(prop: string): boolean {
	return prop.startsWith('[');
}

/** The last value of a property (identification props such as `kind` or `ssrc`). */
export function lastValue(o: StatsObject, prop: string): StatValue | undefined {
	const s = o.props.get(prop);
	return s ? s.v[s.v.length - 1] : undefined;
}

/** The last non-empty string value of a property. */
export function lastString(o: StatsObject, prop: string): string | null {
	const s = o.props.get(prop);
	if (!s) return null;
	for (let i = s.v.length - 1; i >= 0; i--) {
		const v = s.v[i];
		if (typeof v === 'string' && v !== '') return v;
		if (typeof v === 'number') return String(v);
	}
	return null;
}

/** A value as a number: numbers, numeric strings (legacy stats), booleans as 0/1; NaN otherwise. */
export function num(value: StatValue | undefined): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '') return Number(value);
	if (typeof value === 'boolean') return value ? 1 : 0;
	return Number.NaN;
}

/**
 * The value of `prop` at time `t`: the sample at that time, or the nearest one within
 * `toleranceMs` (series of one object can be sampled a few ms apart). NaN when none is close.
 */
export function valueAt(
	o: StatsObject | undefined,
	prop: string,
	t: number,
	toleranceMs = 600
): StatValue | undefined {
	const s = o?.props.get(prop);
	if (!s || s.t.length === 0) return undefined;
	let lo = 0;
	let hi = s.t.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((s.t[mid] as number) < t) lo = mid + 1;
		else hi = mid;
	}
	let best = lo;
	if (lo > 0 && Math.abs((s.t[lo - 1] as number) - t) < Math.abs((s.t[lo] as number) - t))
		best = lo - 1;
	return Math.abs((s.t[best] as number) - t) <= toleranceMs ? s.v[best] : undefined;
}
