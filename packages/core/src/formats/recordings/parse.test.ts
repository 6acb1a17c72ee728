import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeSniff } from '../../import/sniff.js';
import { ProblemLog } from '../../model/problems.js';
import type { RecordingDetail } from '../../model/events.js';
import { sharedPath } from '../../test-support/helpers.js';
import { detectFormat } from '../registry.js';
import type { ParsedRecord } from '../types.js';
import { recordingJsonFormat } from './index.js';

function parse(text: string) {
	const records: ParsedRecord[] = [];
	const problems = new ProblemLog();
	const parser = recordingJsonFormat.createParser(
		{ importId: 'abcdef0123456789', fileName: 'archives.json', problems },
		{ record: (r) => records.push(r), stream: () => undefined }
	);
	for (let i = 0; i < text.length; i += 100) parser.push(text.slice(i, i + 100));
	parser.end();
	return { records, problems: problems.kept };
}

const opentok = (name: string) => readFileSync(sharedPath('data/real/opentok', name), 'utf8');
const detail = (r: ParsedRecord) => r.event.detail as RecordingDetail;
const detected = (text: string) => detectFormat(makeSniff(text, true))?.format.id ?? null;

/** The example body of sparkrtc-console-guide.txt §3.2 (Table 3-2). */
const SPARK_EXAMPLE = {
	event_type: 'RECORD_FILE_COMPLETE',
	stream_name: 'mystream',
	record_format: 'HLS',
	download_url: 'https://abc-rtc-bucket2.obs.cn-north-4.myhuaweicloud.com/Record/mystream.m3u8',
	file_size: 26254952,
	record_duration: 65,
	start_time: '2021-04-28T08:56:57Z',
	end_time: '2021-04-28T08:58:02Z',
	width: 1280,
	height: 720,
	obs_location: 'http://obs.cn-north-4.myhuaweicloud.com',
	obs_bucket: 'abc-rtc-bucket2',
	obs_object: 'Record/mystream.m3u8',
	app_id: '5fcd5651xxxxx6f835d0d4',
	job_id: '608196a2fa1xxxxx515147f32ef463b',
	room_id: 'room01'
};

describe('OpenTok / Vonage archives (real REST responses)', () => {
	it('reads a {count, items} list: each archive started at createdAt and available after its duration', () => {
		const text = opentok('OpenTok-PHP-SDK__mock_archive_get.json');
		expect(detected(text)).toBe('recording-json');
		const { records, problems } = parse(text);
		expect(problems).toEqual([]);
		expect(records).toHaveLength(4);
		const [start, available] = records as [ParsedRecord, ParsedRecord];
		expect(start.session?.key).toBe('vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh-');
		expect(detail(start)).toMatchObject({ recordingId: 'b8f64de1-e218-4091-9544-4cbf369fc238', status: 'started', inferred: true });
		expect(start.event.at).toBe(1394396753000);
		expect(available.event.at).toBe(1394396753000 + 24_000);
		expect(detail(available)).toMatchObject({ status: 'available', durationS: 24, sizeBytes: 2227849, name: 'showtime again', format: 'MP4' });
		// Each item points at the line it starts on.
		expect(start.event.line).toBe(3);
		expect(records[2]?.event.line).toBe(14);
	});

	it('reads single archives of every documented status, extra and unknown fields ignored', () => {
		const expired = parse(opentok('Opentok-.NET-SDK__ArchiveTests_GetExpiredArchive-response.json'));
		expect(detail(expired.records[1] as ParsedRecord).status).toBe('expired');
		const individual = parse(opentok('Opentok-.NET-SDK__ArchiveTests_StartArchiveIndividual-response.json'));
		expect(individual.records).toHaveLength(1);
		expect(detail(individual.records[0] as ParsedRecord)).toMatchObject({ status: 'started', outputMode: 'individual', format: 'ZIP' });
		const unknownProps = parse(opentok('Opentok-.NET-SDK__ArchiveTests_GetArchiveWithUnknownProperties-response.json'));
		expect(unknownProps.problems.filter((p) => p.severity === 'error')).toEqual([]);
		const voice = parse(opentok('Opentok-.NET-SDK__ArchiveTests_StartArchiveVoiceOnly-response.json'));
		expect(detail(voice.records[0] as ParsedRecord)).toMatchObject({ hasAudio: true, hasVideo: false });
	});

	it('reports the malformed SDK fixture with its line, and is not fooled by a connection list', () => {
		const { records, problems } = parse(opentok('OpenTok-PHP-SDK__mock_session_SESSIONID_stream_get.json'));
		expect(records).toEqual([]);
		expect(problems[0]).toMatchObject({ code: 'invalid-json', severity: 'error', line: 3 });
		// A connection list is not a recording file: no format claims it.
		expect(detected(opentok('Opentok-.NET-SDK__ConnectionTests_ListConnections-response.json'))).toBeNull();
	});

	it('notes unknown statuses, negative sizes and times without a zone, keeping the archive', () => {
		const text = JSON.stringify({
			id: 'a1',
			status: 'exploded',
			createdAt: '2026-11-02T10:00:00',
			duration: 60,
			size: -5,
			sessionId: 's1',
			projectId: 1
		});
		const { records, problems } = parse(text);
		expect(records).toHaveLength(2);
		expect(records[0]?.event.at).toBe(Date.UTC(2026, 10, 2, 10));
		expect(problems.map((p) => p.message).join('\n')).toMatch(/"exploded".*kept as written[\s\S]*no time zone[\s\S]*negative size/);
	});
});

describe('Vonage session-monitoring callbacks', () => {
	it('become connections and published streams of the session (JSON Lines)', () => {
		const lines = [
			{ sessionId: '2_MX4x', projectId: '123', event: 'connectionCreated', timestamp: 1470257688309, connection: { id: 'c1', createdAt: 1470257688143, data: 'name=alice' } },
			{ sessionId: '2_MX4x', projectId: '123', event: 'streamCreated', timestamp: 1470257690000, stream: { id: 'st1', connection: { id: 'c1' }, createdAt: 1470257690000, name: 'cam', videoType: 'camera' } },
			{ sessionId: '2_MX4x', projectId: '123', event: 'streamDestroyed', reason: 'clientDisconnected', timestamp: 1470257750000, stream: { id: 'st1', connection: { id: 'c1' }, createdAt: 1470257690000, videoType: 'camera' } },
			{ sessionId: '2_MX4x', projectId: '123', event: 'connectionDestroyed', reason: 'clientDisconnected', timestamp: 1470257751000, connection: { id: 'c1', createdAt: 1470257688143 } }
		]
			.map((l) => JSON.stringify(l))
			.join('\n');
		expect(detected(lines)).toBe('recording-json');
		const { records, problems } = parse(lines);
		expect(problems).toEqual([]);
		expect(records.map((r) => [r.event.category, r.event.phase, r.event.participantId, r.event.streamId ?? null, r.event.line])).toEqual([
			['connection', 'start', 'c1', null, 1],
			['publish', 'start', 'c1', 'st1', 2],
			['publish', 'end', 'c1', 'st1', 3],
			['connection', 'end', 'c1', null, 4]
		]);
		expect(records[0]?.session?.key).toBe('vonage:2_MX4x');
	});
});

describe('SparkRTC recording callbacks (Table 3-2)', () => {
	it('reads the document’s example to its documented values', () => {
		const text = JSON.stringify(SPARK_EXAMPLE, null, 2);
		expect(detected(text)).toBe('recording-json');
		const { records, problems } = parse(text);
		expect(problems).toEqual([]);
		expect(records).toHaveLength(1);
		const r = records[0] as ParsedRecord;
		expect(r.session?.key).toBe('sparkrtc:room01');
		expect(r.event.at).toBe(Date.parse('2021-04-28T08:58:02Z'));
		expect(detail(r)).toMatchObject({
			recordingId: '608196a2fa1xxxxx515147f32ef463b',
			status: 'uploaded',
			startAt: Date.parse('2021-04-28T08:56:57Z'),
			durationS: 65,
			sizeBytes: 26254952,
			resolution: '1280x720',
			format: 'HLS',
			streamName: 'mystream'
		});
	});

	it('places an untimed RECORD_NEW_FILE_START at its file’s start, and counts a retried callback once with a note', () => {
		const start = { event_type: 'RECORD_NEW_FILE_START', stream_name: 'mystream', record_format: 'HLS', app_id: 'a', job_id: SPARK_EXAMPLE.job_id, room_id: 'room01' };
		const text = [start, SPARK_EXAMPLE, SPARK_EXAMPLE].map((l) => JSON.stringify(l)).join('\n');
		const { records, problems } = parse(text);
		expect(records[0]?.event.at).toBe(Date.parse('2021-04-28T08:56:57Z'));
		expect(detail(records[0] as ParsedRecord).status).toBe('started');
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ line: 3, severity: 'warning' });
		expect(problems[0]?.message).toMatch(/same RECORD_FILE_COMPLETE callback .* as line 2/);
	});

	it('notes a record_duration that disagrees with its timestamps', () => {
		const { problems } = parse(JSON.stringify({ ...SPARK_EXAMPLE, record_duration: 30 }));
		expect(problems[0]?.message).toMatch(/record_duration is 30 s but start_time → end_time is 65 s/);
	});
});
