/**
 * Quality metrics derived from WebRTC statistics. Names follow the W3C webrtc-stats terms they
 * come from; the unit is part of every name (rtcscope's rule: bps, %, ms, fps, px).
 */
export * from '../../model/stats.js';
import type { CandidateInfo, FreezeMark, MediaKind, MetricName, SelectedPair, StreamDirection } from '../../model/stats.js';

/**
 * One derived stream: an RTP stream (outbound = sent by this endpoint, inbound = received) or the
 * connection itself (the selected candidate pair). Columns are aligned with `t`; NaN is a gap
 * (no sample, a counter reset, a pause longer than the sampling can bridge).
 */
export interface DerivedStream {
	objectId: string;
	pcId: string;
	direction: StreamDirection;
	kind: MediaKind | null;
	source: 'camera' | 'screen' | null;
	ssrc: string | null;
	mid: string | null;
	trackId: string | null;
	codec: string | null;
	/** UTC ms. */
	t: Float64Array;
	cols: Partial<Record<MetricName, Float32Array>>;
	freezes: FreezeMark[];
	/** Set when the capture holds only the last samples (Chrome keeps 1,000 per series): UTC ms of the first kept one. */
	droppedBeforeAt: number | null;
	selectedPair?: SelectedPair;
	candidates?: CandidateInfo[];
}
