import type { CaseRow } from '../../model/cases.js';
import type { ModelEvent } from '../../model/events.js';
import type { QualityStreamRow } from '../../model/rows.js';
import type { PcDetailRow } from '../../model/pc-detail.js';
import type { SessionRef } from '../types.js';
import type { Packed } from './codec.js';

/**
 * A case bundle (`.rtcscope`): gzip of JSON Lines. The first line is the header; each later line
 * is one record. Versioned: a reader refuses a newer `rtcscopeBundle` than it knows, with a
 * message. Never carries credentials or feed settings.
 */
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.rtcscope';

export interface BundleSource {
	/** Import id (fingerprint of the file's bytes) and file name of the data's origin. */
	id: string;
	name: string;
	format: string | null;
	bytes: number;
}

export interface BundleHeader {
	rtcscopeBundle: number;
	/** rtcscope build that wrote it. */
	writer: string;
	createdAt: number;
	notes: string;
	/** What was asked for, in words ("2 sessions", "2026-11-01 – 2026-11-07"). */
	contents: string;
	sources: BundleSource[];
	counts: { sessions: number; events: number; streams: number; points: number; cases: number };
}

/** Up to EVENTS_PER_LINE events of one session, each with the source it came from (`src`). */
export interface BundleEventsLine {
	session: SessionRef;
	events: (ModelEvent & { src?: string })[];
}

/** A quality stream without its store keys; its samples follow as `chunk` lines. */
export interface BundleStreamLine {
	stream: Omit<QualityStreamRow, 'key' | 'importId' | 'summary' | 'sessionKey' | 'packs'> & { ref: string; session: SessionRef };
}

export interface BundleChunkLine {
	chunk: { ref: string; seq: number; t: Packed; cols: Partial<Record<string, Packed>> };
}

export interface BundleCaseLine {
	case: CaseRow;
}

export const EVENTS_PER_LINE = 500;

/** A peer connection's forensic detail (model/pc-detail.ts) without its store keys. */
export interface BundlePcDetailLine {
	pcDetail: Omit<PcDetailRow, 'key' | 'importId' | 'sessionKey' | 'packOf'> & { session: SessionRef };
}

/**
 * One stats object's samples: times delta-coded in µs, numbers as written (JSON keeps a double
 * exactly; null for a missing sample), text runs with their times.
 */
export interface BundleStatsObjectLine {
	statsObject: {
		session: SessionRef;
		pcId: string;
		objectId: string;
		t: Packed;
		numbers: Record<string, (number | null)[]>;
		texts: Record<string, { at: Packed; v: string[] }>;
	};
}

/** Times in bundles: µs steps (webrtc-internals times carry fractions of a ms). */
export const TIME_SCALE = 1000;
