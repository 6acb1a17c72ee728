import { importFile } from './import/pipeline.js';
import { WindowBuffer, type WindowContents } from './import/window.js';
import { decodeText } from './import/decode.js';
import { LineSplitter } from './import/lines.js';
import { createCdrParser } from './formats/openvidu-cdr/index.js';
import type { ImportId } from './model/ids.js';
import { emptyCounts } from './model/imports.js';
import { ProblemLog } from './model/problems.js';
import { RtcscopeDb } from './storage/db.js';
import { commitWindow } from './storage/writer.js';

/**
 * Benchmark entry points (used by bench/run.ts in headless Chromium, never by the app's views).
 * They isolate the two halves of an import so the end-to-end figure can be compared with them.
 */

/** Parse-only: the real pipeline with no database. */
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
	// The same commits as an import into an empty store: only keys already written are read.
	const written = new Set<string>();
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
				patch: {},
				mayExist: (key) => written.has(key)
			},
			0
		);
		for (const row of w.sessions) written.add(row.key);
	}
	const ms = performance.now() - t0;
	db.close();
	await RtcscopeDb.delete(db.name);
	return { ms, rows, events, inputBytes: chars };
}
