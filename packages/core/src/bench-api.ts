import { importFile } from './import/pipeline.js';
import { WindowBuffer, type WindowContents } from './import/window.js';
import { decodeText } from './import/decode.js';
import { LineSplitter } from './import/lines.js';
import { createCdrParser } from './formats/openvidu-cdr/index.js';
import type { ImportId } from './model/ids.js';
import { emptyCounts } from './model/imports.js';
import { ProblemLog } from './model/problems.js';
import { openDb, RtcscopeDb } from './storage/db.js';
import { commitStreams, commitWindow } from './storage/writer.js';
import { connectionEvent, dumpSession, emitStreams } from './formats/webrtc-stats/session.js';
import type { DerivedStream } from './formats/webrtc-stats/types.js';
import type { ParsedRecord, StreamRecord } from './formats/types.js';
import { streamRows } from './quality/rows.js';

/**
 * Benchmark entry points (used by bench/run.ts in headless Chromium, never by the app's views).
 * They isolate the two halves of an import so the end-to-end figure can be compared with them.
 */

/** Parse-only: the real pipeline with no database. */
/**
 * The limit line: in the same worker, what the platform itself costs — stream the file, decode
 * UTF-8 (TextDecoderStream), split lines and `JSON.parse` each, nothing else. Every CDR figure
 * is printed against it (issue 14).
 */
export async function benchLimit(file: Blob): Promise<{ ms: number; lines: number }> {
	const t0 = performance.now();
	const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
	let rest = '';
	let lines = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		const text = rest + value;
		let at = 0;
		for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', at)) {
			if (i > at) {
				JSON.parse(text.slice(at, i));
				lines++;
			}
			at = i + 1;
		}
		rest = text.slice(at);
	}
	if (rest.trim()) {
		JSON.parse(rest);
		lines++;
	}
	return { ms: performance.now() - t0, lines };
}

export async function benchParse(
	file: Blob
): Promise<{ ms: number; lines: number; records: number }> {
	const t0 = performance.now();
	const outcome = await importFile({ file, name: 'bench' }, { db: null });
	return {
		ms: performance.now() - t0,
		lines: outcome.progress.counts.lines,
		records: outcome.progress.counts.records
	};
}

/**
 * Write-only: parses up to `maxInputBytes` of the file into windows held in memory, then times
 * committing exactly those rows into a scratch database. Returns rows (blocks + session rows)
 * per second; the database is deleted afterwards.
 */
export async function benchWrite(
	file: Blob,
	maxInputBytes: number
): Promise<{ ms: number; rows: number; events: number; inputBytes: number }> {
	const importId = 'bench-write' as ImportId;
	const windows: WindowContents[] = [];
	const buffer = new WindowBuffer(importId);
	const problems = new ProblemLog();
	const parser = createCdrParser();
	let chars = 0;
	const splitter = new LineSplitter({
		line(text, lineNo) {
			buffer.countLine(text.length);
			chars += text.length + 1;
			const record = text ? parser.parse(text, lineNo, problems, false) : null;
			if (Array.isArray(record)) for (const one of record) buffer.add(one);
			else if (record) buffer.add(record);
			if (buffer.full) windows.push(buffer.take());
		},
		overlong() {}
	});
	for await (const text of decodeText(file.slice(0, maxInputBytes).stream(), {
		gzip: false,
		onFailure: () => {}
	})) {
		splitter.push(text);
	}
	splitter.end();
	windows.push(buffer.take());

	const db = new RtcscopeDb(`rtcscope-bench-${Date.now()}`, 'writer');
	await db.imports.put({
		id: importId,
		name: 'bench',
		format: 'openvidu-cdr',
		bytes: 0,
		gzip: false,
		demo: false,
		status: 'running',
		startedAt: 0,
		finishedAt: null,
		heartbeatAt: 0,
		counts: emptyCounts(),
		problems: [],
		problemsOmitted: 0,
		committedWindow: -1
	});
	let rows = 0;
	let events = 0;
	const t0 = performance.now();
	// The same commits as an import into an empty store.
	for (const w of windows) {
		rows += w.blocks.length + w.sessions.length;
		events += w.events;
		await commitWindow(
			db,
			{
				importId,
				seq: w.seq,
				blocks: w.blocks,
				sessions: w.sessions,
				patch: {}
			},
			0
		);
	}
	const ms = performance.now() - t0;
	db.close();
	await RtcscopeDb.delete(db.name);
	return { ms, rows, events, inputBytes: chars };
}

/**
 * Stores one quality stream of `points` one-second samples (bitrate, loss, RTT…) as the import
 * of a dump session `webrtc:bench-<points>` would, for the chart benchmark. Returns the session key.
 */
export async function benchSeries(points: number): Promise<string> {
	const importId = `bench-series-${points}` as ImportId;
	const session = dumpSession(`bench-${points}`);
	const t0 = Date.UTC(2026, 0, 1);
	const t = new Float64Array(points);
	const bitrate = new Float32Array(points);
	const loss = new Float32Array(points);
	const rtt = new Float32Array(points);
	for (let i = 0; i < points; i++) {
		t[i] = t0 + i * 1000;
		bitrate[i] =
			i === 0 || i % 50_000 === 0
				? Number.NaN
				: 800_000 + 300_000 * Math.sin(i / 600) + (i % 97) * 1000;
		loss[i] = (i % 1000) / 400;
		rtt[i] = 40 + (i % 300) / 3;
	}
	const stream: DerivedStream = {
		objectId: 'OT01V1',
		pcId: 'PC_bench',
		direction: 'outbound',
		kind: 'video',
		source: 'camera',
		ssrc: '1',
		mid: '1',
		trackId: null,
		codec: 'video/VP8',
		t,
		cols: { bitrateBps: bitrate, packetLossPct: loss, rttMs: rtt },
		freezes: [],
		droppedBeforeAt: null
	};
	const db = openDb({ role: 'writer' });
	const records: ParsedRecord[] = [
		connectionEvent(session, { at: t0, pcId: 'PC_bench', phase: 'start', line: 1 })
	];
	const streams: StreamRecord[] = [];
	emitStreams(
		{ record: (r) => records.push(r), stream: (s) => streams.push(s) },
		session,
		[stream],
		2
	);
	const buffer = new WindowBuffer(importId);
	for (const r of records) buffer.add(r);
	const window = buffer.take();
	await db.imports.put({
		id: importId,
		name: `bench ${points} points`,
		format: 'rtcstats',
		bytes: 0,
		gzip: false,
		demo: false,
		status: 'done',
		startedAt: t0,
		finishedAt: t0,
		heartbeatAt: t0,
		counts: emptyCounts(),
		problems: [],
		problemsOmitted: 0,
		committedWindow: 0
	});
	await commitWindow(
		db,
		{ importId, seq: window.seq, blocks: window.blocks, sessions: window.sessions, patch: {} },
		t0
	);
	const built = streamRows(importId, streams[0] as StreamRecord);
	await commitStreams(db, [built.row], built.chunks, built.overview ? [built.overview] : []);
	return session.key;
}
