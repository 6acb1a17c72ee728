import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../model/events.js';
import { ProblemLog } from '../../model/problems.js';
import { readShared } from '../../test-support/helpers.js';
import type { ParsedRecord } from '../types.js';
import { createCdrParser } from './index.js';

/** The pretty-printed JSON examples of openvidu-cdr.txt, in document order. */
function specExamples(): Record<string, unknown>[] {
	const doc = readShared('spec/sources/openvidu-cdr.txt');
	const examples: Record<string, unknown>[] = [];
	let buffer: string[] | null = null;
	for (const line of doc.split('\n')) {
		if (line === '{') buffer = [line];
		else if (buffer) {
			buffer.push(line);
			if (line === '}') {
				examples.push(JSON.parse(buffer.join('\n')) as Record<string, unknown>);
				buffer = null;
			}
		}
	}
	return examples;
}

function parseLine(
	line: string | object,
	lineNo = 1
): { record: ParsedRecord | null; problems: ProblemLog } {
	const problems = new ProblemLog();
	const text = typeof line === 'string' ? line : JSON.stringify(line);
	const parsed = createCdrParser().parse(text, lineNo, problems, false);
	return { record: Array.isArray(parsed) ? (parsed[0] ?? null) : parsed, problems };
}

function eventOf(line: string | object): ModelEvent {
	const { record, problems } = parseLine(line);
	expect(problems.kept).toEqual([]);
	expect(record).not.toBeNull();
	return (record as ParsedRecord).event;
}

describe('openvidu-cdr.txt examples', () => {
	const examples = specExamples();
	const byName = new Map(examples.map((e) => [Object.keys(e)[0] as string, e]));

	it('finds all ten documented event examples', () => {
		expect([...byName.keys()].sort()).toEqual(
			[
				'autoscaling',
				'filterEventDispatched',
				'mediaNodeStatusChanged',
				'participantJoined',
				'participantLeft',
				'recordingStatusChanged',
				'sessionCreated',
				'sessionDestroyed',
				'webrtcConnectionCreated',
				'webrtcConnectionDestroyed'
			].sort()
		);
	});

	it('every example parses without a problem', () => {
		for (const example of examples) expect(parseLine(example).problems.kept).toEqual([]);
	});

	it('sessionCreated / sessionDestroyed', () => {
		const created = parseLine(byName.get('sessionCreated') as object).record as ParsedRecord;
		expect(created.session).toEqual({
			key: 'openvidu:ses_Jd8tUyvhXO',
			provider: 'openvidu',
			sessionId: 'ses_Jd8tUyvhXO'
		});
		expect(created.scope).toBe('s:openvidu:ses_Jd8tUyvhXO');
		expect(created.event).toMatchObject({
			at: 1601394690713,
			type: 'sessionCreated',
			category: 'session',
			phase: 'start'
		});
		expect(eventOf(byName.get('sessionDestroyed') as object)).toMatchObject({
			at: 1601395365656,
			phase: 'end',
			reason: 'lastParticipantLeft',
			severity: 'info',
			detail: { kind: 'session', startAt: 1601394690713, durationS: 674 }
		});
	});

	it('participantJoined / participantLeft keep location, platform and metadata as text', () => {
		expect(eventOf(byName.get('participantJoined') as object)).toMatchObject({
			at: 1601394715606,
			participantId: 'con_EIeO06zgMz',
			category: 'connection',
			phase: 'start',
			detail: {
				kind: 'connection',
				location: 'Berlin, Germany',
				platform: 'Chrome 85.0.4183.121 on Linux 64-bit',
				clientData: 'Mike',
				serverData: "{'user': 'client1'}"
			}
		});
		expect(eventOf(byName.get('participantLeft') as object)).toMatchObject({
			at: 1601395365655,
			phase: 'end',
			reason: 'disconnect',
			severity: 'info',
			detail: { startAt: 1601394715606, durationS: 650 }
		});
	});

	it('webrtcConnectionCreated INBOUND is a subscription with dimensions read from the JSON string', () => {
		expect(eventOf(byName.get('webrtcConnectionCreated') as object)).toMatchObject({
			at: 1601394849759,
			category: 'subscribe',
			phase: 'start',
			participantId: 'con_ThN5Rgi8Y8',
			peerId: 'con_EIeO06zgMz',
			streamId: 'str_CAM_GPdf_con_EIeO06zgMz',
			detail: {
				kind: 'stream',
				source: 'camera',
				framerateFps: 30,
				widthPx: 1280,
				heightPx: 720,
				hasAudio: true,
				hasVideo: true
			}
		});
		expect(eventOf(byName.get('webrtcConnectionDestroyed') as object)).toMatchObject({
			at: 1601394894238,
			phase: 'end',
			reason: 'unsubscribe',
			detail: { startAt: 1601394849759, durationS: 44 }
		});
	});

	it('recordingStatusChanged keeps size in bytes and duration in seconds', () => {
		expect(eventOf(byName.get('recordingStatusChanged') as object)).toMatchObject({
			at: 1601395005555,
			category: 'recording',
			reason: 'recordingStoppedByServer',
			detail: {
				kind: 'recording',
				recordingId: 'ses_Jd8tUyvhXO',
				status: 'ready',
				name: 'MyRecording',
				outputMode: 'COMPOSED',
				resolution: '1920x1080',
				layout: 'BEST_FIT',
				sizeBytes: 1973428,
				durationS: 8.6,
				startAt: 1601394992838
			}
		});
	});

	it('filterEventDispatched keeps the Java map text as text', () => {
		const e = eventOf(byName.get('filterEventDispatched') as object);
		expect(e).toMatchObject({
			category: 'filter',
			participantId: 'con_EIeO06zgMz',
			streamId: 'str_CAM_GPdf_con_EIeO06zgMz'
		});
		expect(e.detail).toMatchObject({ filterType: 'ZBarFilter', eventType: 'CodeFound' });
		expect((e.detail as { data: string }).data).toMatch(
			/^\{timestampMillis=1568645808285, codeType=EAN-13/
		);
	});

	it('mediaNodeStatusChanged goes to its cluster, with a null oldStatus allowed', () => {
		const { record } = parseLine(byName.get('mediaNodeStatusChanged') as object);
		expect(record?.scope).toBe('c:openvidu:MY_CLUSTER');
		expect(record?.session).toBeUndefined();
		expect(record?.event.detail).toEqual({
			kind: 'node',
			nodeId: 'kms_V3B5OxT7',
			clusterId: 'MY_CLUSTER',
			oldStatus: 'launching',
			newStatus: 'running',
			ip: '172.17.0.3',
			uri: 'ws://172.17.0.3:8888/kurento',
			environmentId: 'c76535087c5767b83a211036197115d071daf897bfd951bc18f834fc535d9fa9'
		});
	});

	it('autoscaling keeps the load, the limits and every node', () => {
		const e = eventOf(byName.get('autoscaling') as object);
		expect(e.detail).toMatchObject({
			kind: 'autoscaling',
			clusterId: 'MY_CLUSTER',
			terminateTotal: 2,
			launchTotal: 0,
			numNodes: 3,
			totalLoadPct: 23.84,
			avgLoadPct: 7.946666666666666,
			minNodes: 1,
			maxNodes: 3,
			minAvgLoadPct: 30,
			maxAvgLoadPct: 70
		});
		expect((e.detail as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual([
			'kms_M5VJ2N69',
			'kms_Imvwxeny',
			'kms_MdNUPBwS'
		]);
	});
});

describe('real CDR lines from OpenVidu docs 2018–2022 and a Pro deployment', () => {
	const files = [
		'openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl',
		'openvidu.io-docs__webhook-doc-examples-2019-2021.jsonl',
		'OpenVidu-openvidu-issue-619__pro-2.17-elasticsearch-events.jsonl'
	];
	for (const file of files) {
		it(`${file}: every line imports without an error`, () => {
			const lines = readShared('data/real/openvidu-cdr/extracted', file)
				.split('\n')
				.filter(Boolean);
			const parser = createCdrParser();
			const problems = new ProblemLog();
			const records = lines.map((l, i) => parser.parse(l, i + 1, problems, false));
			expect(problems.kept.filter((p) => p.severity === 'error')).toEqual([]);
			expect(records.every((r) => r !== null)).toBe(true);
		});
	}

	it('2018 lines: endTime is dropped as redundant, recordingStarted/Stopped become statuses, layout is read', () => {
		const lines = readShared(
			'data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl'
		).split('\n');
		const left = eventOf(lines[3] as string);
		expect(left).toMatchObject({
			type: 'participantLeft',
			participantId: '6ptvp0in09fhbroy',
			reason: 'disconnect',
			detail: { durationS: 9, startAt: 1523971683629 }
		});
		expect(left.extra).toBeUndefined();
		expect(eventOf(lines[6] as string).detail).toMatchObject({
			kind: 'recording',
			status: 'started',
			layout: 'BEST_FIT',
			recordingId: 'fds4e07mdug1ga3h',
			startAt: 1523973259519
		});
		expect(eventOf(lines[7] as string).detail).toMatchObject({
			status: 'stopped',
			sizeBytes: 4919937,
			durationS: 4
		});
		// 2019 recordingStopped has a fractional duration in seconds.
		expect(eventOf(lines[17] as string).detail).toMatchObject({
			status: 'stopped',
			durationS: 5.967,
			sizeBytes: 617509,
			resolution: '1920x1080'
		});
	});

	it('webhook lines: flat "event" key, connectionId read as participantId', () => {
		const lines = readShared(
			'data/real/openvidu-cdr/extracted/openvidu.io-docs__webhook-doc-examples-2019-2021.jsonl'
		).split('\n');
		expect(eventOf(lines[2] as string)).toMatchObject({
			type: 'sessionCreated',
			at: 1538481330577
		});
		expect(eventOf(lines[5] as string)).toMatchObject({
			type: 'webrtcConnectionCreated',
			category: 'publish',
			participantId: 'con_EIeO06zgMz',
			streamId: 'str_CAM_GPdf_con_EIeO06zgMz',
			detail: { widthPx: 640, heightPx: 480 }
		});
	});

	it('OpenVidu Pro Elasticsearch copies keep their extra fields; webrtcStats becomes a quality event', () => {
		const lines = readShared(
			'data/real/openvidu-cdr/extracted/OpenVidu-openvidu-issue-619__pro-2.17-elasticsearch-events.jsonl'
		).split('\n');
		const signal = parseLine(lines[0] as string).record as ParsedRecord;
		expect(signal.session?.sessionId).toBe('897');
		expect(signal.event).toMatchObject({
			type: 'signalSent',
			detail: {
				kind: 'signal',
				from: 'con_U7JcgfRB1e',
				to: ['con_VDzA7t2OAB', 'con_U7JcgfRB1e'],
				signalType: 'userChanged'
			},
			extra: {
				uniqueSessionId: '897_1616601461172',
				elastic_type: 'cdr',
				clusterId: 'openvidu.streamfitness.live'
			}
		});
		const stats = eventOf(lines[1] as string);
		expect(stats).toMatchObject({
			type: 'webrtcStats',
			category: 'quality',
			participantId: 'con_VDzA7t2OAB',
			streamId: 'str_CAM_B8j9_con_VDzA7t2OAB'
		});
		expect(stats.detail).toMatchObject({
			mediaType: 'video',
			fields: { packetsLost: 0, packetsReceived: 26236, jitter: 0.0031555555760860443 }
		});
	});
});

describe('bad lines', () => {
	const problemOf = (line: string, last = false) => {
		const problems = new ProblemLog();
		const parsed = createCdrParser().parse(line, 7, problems, last);
		const record = Array.isArray(parsed) ? (parsed[0] ?? null) : parsed;
		return { record, problem: problems.kept[0], problems: problems.kept };
	};

	it('invalid JSON names the line and skips it', () => {
		const { record, problem } = problemOf('{"sessionCreated":{"sessionId":"a",');
		expect(record).toBeNull();
		expect(problem).toMatchObject({ code: 'invalid-json', severity: 'error', line: 7 });
		expect(problem?.message).toMatch(/^Line 7 is not valid JSON/);
	});

	it('a cut-off last line is reported as truncated', () => {
		expect(problemOf('{"sessionCreated":{"sessionId":"a","timest', true).problem).toMatchObject({
			code: 'truncated-line',
			line: 7
		});
	});

	it('two event keys on one line', () => {
		const { record, problem } = problemOf(
			'{"sessionCreated":{"sessionId":"a","timestamp":1},"sessionDestroyed":{"sessionId":"a","timestamp":2}}'
		);
		expect(record).toBeNull();
		expect(problem).toMatchObject({ code: 'multiple-event-keys', severity: 'error' });
		expect(problem?.message).toContain('sessionCreated, sessionDestroyed');
	});

	it('a missing timestamp is an error naming the field', () => {
		const { record, problem } = problemOf(
			'{"participantJoined":{"sessionId":"a","participantId":"p"}}'
		);
		expect(record).toBeNull();
		expect(problem).toMatchObject({ code: 'missing-field', severity: 'error' });
		expect(problem?.message).toContain('"timestamp"');
	});

	it('a wrong type in an optional field keeps the event without that field', () => {
		const { record, problems } = problemOf(
			'{"participantLeft":{"sessionId":"a","participantId":"p","timestamp":1601394715606,"duration":"9","reason":"disconnect"}}'
		);
		expect(record?.event).toMatchObject({
			type: 'participantLeft',
			reason: 'disconnect',
			extra: { invalid: { duration: '9' } }
		});
		expect((record?.event.detail as { durationS?: number }).durationS).toBeUndefined();
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ code: 'wrong-type', severity: 'warning' });
	});

	it('a numeric session id and a time in seconds are both read, each fixed once (the copy on write of parse.ts)', () => {
		const { record, problems } = problemOf('{"participantJoined":{"sessionId":897,"participantId":"p","timestamp":1616601461,"connectionId":"c"}}');
		expect(record?.scope).toBe('s:openvidu:897');
		expect(record?.event).toMatchObject({ type: 'participantJoined', at: 1616601461000, participantId: 'p' });
		expect(problems).toMatchObject([{ code: 'time-unit', severity: 'warning' }]);
	});

	it('a wrong type in a required field skips the line', () => {
		const { record, problem } = problemOf(
			'{"webrtcConnectionCreated":{"sessionId":"a","participantId":"p","timestamp":1601394715606,"connection":"SIDEWAYS"}}'
		);
		expect(record).toBeNull();
		expect(problem).toMatchObject({ code: 'wrong-type', severity: 'error' });
	});

	it('an unknown event is kept as a generic event with a warning', () => {
		const { record, problem } = problemOf(
			'{"broadcastStarted":{"sessionId":"a","timestamp":1601394715606,"broadcastUrl":"rtmp://x"}}'
		);
		expect(problem).toMatchObject({ code: 'unknown-event', severity: 'warning' });
		expect(record?.event).toMatchObject({
			type: 'broadcastStarted',
			category: 'other',
			detail: { kind: 'raw', fields: { broadcastUrl: 'rtmp://x' } }
		});
		expect(record?.scope).toBe('s:openvidu:a');
	});

	it('a JSON array or scalar is not an event', () => {
		expect(problemOf('[1,2]').problem).toMatchObject({ code: 'not-an-object' });
		expect(problemOf('42').problem).toMatchObject({ code: 'not-an-object' });
		expect(problemOf('{}').problem?.message).toMatch(/empty JSON object/);
	});

	it('huge clientData is cut to the detail limit with a warning, the event kept', () => {
		const big = 'x'.repeat(5 * 1024 * 1024);
		const { record, problems } = problemOf(
			JSON.stringify({
				participantJoined: {
					sessionId: 'a',
					participantId: 'p',
					timestamp: 1601394715606,
					clientData: big
				}
			})
		);
		expect(record?.event.type).toBe('participantJoined');
		expect((record?.event.detail as { clientData: string }).clientData.length).toBe(64 * 1024 + 1);
		expect(problems).toMatchObject([{ code: 'detail-truncated', severity: 'warning' }]);
	});
});
