import { describe, expect, it } from 'vitest';
import { importFile } from '../../import/pipeline.js';
import { freshDb, readShared } from '../../test-support/helpers.js';
import {
	listLivepeerStreams,
	loadHealthSnapshots,
	loadLivepeerEvents
} from '../../storage/livepeer.js';
import { detectFormat } from '../registry.js';
import { makeSniff } from '../../import/sniff.js';
import { readSseFrames } from './sse-frames.js';

const SPEC = readShared('spec', 'sources', 'livepeer-stream-health.txt');

/** The document's two examples, cut from the text exactly as printed. */
function specHealth(): string {
	const start = SPEC.indexOf('{\n  "id": "{id}"');
	const end = SPEC.indexOf('\n\nIn the above response payload');
	return SPEC.slice(start, end);
}
function specEvents(): string {
	const start = SPEC.indexOf('retry: 10000');
	const end = SPEC.indexOf('\n...', start);
	return SPEC.slice(start, end) + '\n';
}

const importText = (text: string, name: string, db = freshDb()) =>
	importFile({ file: new Blob([text]), name }, { db }).then((outcome) => ({ outcome, db }));

describe('Livepeer files', () => {
	it("detects the document's health response and event stream by content", () => {
		expect(detectFormat(makeSniff(specHealth(), true))?.format.id).toBe('livepeer');
		expect(detectFormat(makeSniff(specEvents(), true))?.format.id).toBe('livepeer');
	});

	it('reads the health example: conditions, frequencies, metrics', async () => {
		const { outcome, db } = await importText(specHealth(), 'health.json');
		expect(outcome.kind).toBe('done');
		const [row] = await loadHealthSnapshots(db, '{id}');
		expect(row?.probeAt).toBe(1635993921603);
		expect(row?.healthy?.frequency).toEqual({ '1m': 1, '10m': 0.9655, '60m': 0.9655 });
		expect(row?.conditions.map((c) => c.type)).toEqual([
			'Active',
			'Transcoding',
			'TranscodeRealTime',
			'TranscodeNoErrors',
			'Multistreaming'
		]);
		expect(row?.conditions[4]).toMatchObject({ status: null, lastProbeTime: null });
		expect(row?.conditions[0]?.extraData).toEqual({
			nodeId: 'prod-mist-blue-server-1',
			region: 'lon'
		});
		expect(row?.metrics).toContainEqual({
			name: 'TranscodeRealtimeRatio',
			dimensions: { nodeId: 'prod-livepeer-broadcaster-6emu-97d8bf496-7zh9f' },
			at: 1635993920641,
			value: 3.088169642857143
		});
	});

	it("recovers the document's split `data:` frame, says so, and a standard reading would not", async () => {
		const frames = readSseFrames(specEvents());
		expect(frames.filter((f) => f.repaired)).toHaveLength(1);
		expect(frames[0]?.retry).toBe(10000);
		const { outcome, db } = await importText(specEvents(), 'events.txt');
		expect(outcome.kind).toBe('done');
		const events = await loadLivepeerEvents(db, '{id}');
		expect(events.map((e) => e.id)).toEqual([
			'b6e0d6a4-0718-4db4-b2ec-31bb23a9fde0',
			'7a0e6f9e-baa1-42c4-a92f-4dfa2f50ac05',
			'fd782a49-4986-4b3c-b3b4-9088ae76c152'
		]);
		expect(events[1]?.data.segment).toEqual({
			name: '',
			seqNo: 292,
			duration: 8.334,
			byteSize: 2270100
		});
		const repaired = outcome.progress.problems.find((p) => p.code === 'repaired-frame');
		expect(repaired?.line).toBe(11);
		expect(repaired?.message).toContain('data:');
	});

	it('importing the same events twice, or the same events in another file, adds nothing', async () => {
		const { db } = await importText(specEvents(), 'events.txt');
		const again = await importText(specEvents(), 'events.txt', db);
		expect(again.outcome.kind).toBe('duplicate');
		const asJsonl = specEvents()
			.split('\n')
			.filter((l) => l.startsWith('{') || l.startsWith('data: {'))
			.map((l) => l.replace(/^data: /, ''))
			.join('\n');
		const other = await importText(asJsonl + '\n', 'events.jsonl', db);
		expect(other.outcome.kind).toBe('done');
		expect(other.outcome.progress.counts.stored).toBe(0);
		expect(await loadLivepeerEvents(db, '{id}')).toHaveLength(3);
	});

	it('bad frames are reported with their line; good ones are kept', async () => {
		const text = [
			'id: a1',
			'event: lp_event',
			'data: {"type":"stream_state","id":"a1","timestamp":1000,"streamId":"s","state":{"active":true}}',
			'',
			'id: a2',
			'data: not json at all',
			'',
			'data: {"type":"transcode","timestamp":2000,"streamId":"s","segment":{"seqNo":1,"duration":2,"byteSize":1000},"latencyMs":500,"success":true}',
			'',
			'data: {"timestamp":3000}',
			'',
			'bogus line without a field',
			'data: {"type":"stream_state","id":"a1","timestamp":1000,"streamId":"s","state":{"active":true}}',
			''
		].join('\n');
		const { outcome, db } = await importText(text, 'mixed.txt');
		const problems = outcome.progress.problems;
		expect(problems.find((p) => p.line === 5)?.message).toContain('not JSON');
		expect(problems.find((p) => p.line === 10)?.message).toContain('not a Livepeer event');
		expect(problems.find((p) => p.line === 12)?.message).toContain('not an event-stream field');
		expect(problems.some((p) => p.code === 'duplicate-record')).toBe(true);
		expect(problems.some((p) => p.message.includes('have no id'))).toBe(true);
		const stored = await loadLivepeerEvents(db, 's');
		expect(stored.map((e) => e.type)).toEqual(['stream_state', 'transcode']);
		expect(stored[1]?.id.startsWith('nid:')).toBe(true);
	});

	it('a health response without conditions is kept with a warning; removing the import removes its rows', async () => {
		const text = JSON.stringify({ id: 'x', healthy: { status: false, lastProbeTime: 5000 } });
		const { outcome, db } = await importText(text, 'h.json');
		expect(outcome.progress.problems[0]?.message).toContain('no `conditions`');
		expect(await listLivepeerStreams(db)).toMatchObject([
			{ streamId: 'x', health: 1, events: 0, lastAt: 5000 }
		]);
		const { deleteImport } = await import('../../storage/writer.js');
		await deleteImport(db, outcome.importId as never);
		expect(await listLivepeerStreams(db)).toEqual([]);
	});
});
