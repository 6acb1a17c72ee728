import { describe, expect, it } from 'vitest';
import { corpusFiles, factsOf, factsRow, type FactsRow } from '../test-support/corpus-facts.js';

/**
 * Every real file in ../shared/data/real (SOURCES.md), through the import path, against the
 * facts read from the file by hand (the comment above each entry says what was read). A file
 * added to the corpus without an entry here fails the suite, and so does a figure that moves.
 *
 * Row form (test-support/corpus-facts.ts): problems are "severity code[@line]"; each session is
 * `key · duration (— without a connection) · meetings · users (+ remote senders seen only in
 * received streams) · connections (failed/attempts) (+ connections named only by signals or
 * stats) · published (failed/attempts) · subscriptions (failed/attempts) · call type · issues ·
 * quality streams`; recordings are "id status [≥]seconds", the status as the archive inspector
 * states it on 2026-12-01 (72-hour rule), ≥ when still recording or paused at the end of the data.
 */
const FACTS: Record<string, FactsRow> = {
	// Read: a 2019 Firefox about:webrtc page (Firefox 71 layout: `<div id="content">`, no data-l10n
	// ids) in Portuguese and Latin-1 (byte 0xED in “Estatísticas” is not UTF-8), read as
	// windows-1252. 4 PCs of https://ifsc.ga/demos/demo_multistream_iframe.html: 15032385555 open
	// (Tue Dec 10 2019 15:19:32 GMT-0300), 549 / 546 / 543 “(fechado)” at 15:16:52, 15:16:30,
	// 15:13:19 — so the page spans 15:13:19 → 15:19:32 = 373 s, one page = 1 user. No SDP times
	// (Firefox 71 has no SDP history): each connection is a point at its report. RTP lines with
	// packets: outbound 2+2+3+2 = 9 (546's outbound video 1068358253 prints no packets), inbound
	// 2 per PC = 8; all from one remote peer (prflx 191.36.11.53) → one-to-one.
	'firefox-about-webrtc/Faracoeng-SMU29009__aboutWebrtc.html': {
		format: 'about-webrtc',
		outcome: 'done',
		problems: ['warning text-encoding', 'warning snapshot-only'],
		counts: 'lines 706 · records 42 · stored 42 · streams 0',
		sessions: [
			'webrtc:aboutwebrtc-8e0t6nx8qn · 373 s · 1 meeting · 1 user + 1 remote · 4 conn (0/4 failed) · 9 pub (0/9) · 8 sub (0/8) · one-to-one · 0 issues · 0 streams'
		]
	},
	// Read: a 2025 about:webrtc page (data-l10n-id markup, 3.3 MB, 16,384 connection-log lines),
	// 19 PCs: 4 open, 15 “about-webrtc-connection-closed”; tabs (browser-id) 5237, 7167, 7823, 7829
	// = 4 users. Reports from 07:49:26 (PC …482) to 16:52:20 (PC …730): 32,703 s. No RTP statistics
	// on any PC (the RTP sections are empty); 15 PCs have an SDP history with m=application only
	// (data channels) → no media.
	'firefox-about-webrtc/lukewestmark-174afpschess__aboutWebrtc.html': {
		format: 'about-webrtc',
		outcome: 'done',
		problems: ['warning text-encoding', 'warning snapshot-only'],
		counts: 'lines 997 · records 67 · stored 67 · streams 0',
		sessions: [
			'webrtc:aboutwebrtc-16t9xf11fpj · 32703 s · 5 meetings · 4 users · 19 conn (0/19 failed) · 0 pub (0/0) · 0 sub (0/0) · no-media · 0 issues · 0 streams'
		]
	},
	// Read: a Livepeer stream object (GET /stream/{id}) with isHealthy true and issues ["Buffer
	// underflow", "Network congestion"]: no conditions, so it is named, not imported.
	'livepeer/extracted/livepeer-docs__api-reference-stream-object-example.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Livepeer stream object (GET /stream/{id}): it has isHealthy and a list of issues, but not the checks behind them. Save GET /data/stream/{id}/health (and the /events stream) for Stream health.',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: archive 063e72a4, status expired, created 2014-03-09 19:53:21, duration 199 s, size
	// 27,548,485 B. No connection: no meeting, duration “—”.
	'opentok/OpenTok-PHP-SDK__mock_archive_ARCHIVEID_get-expired.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 12 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['063e72a4-64b4-43c8-9da5-eca071daab89 expired 199s']
	},
	// Read: the same archive listed as available (199 s). Created 2014-03-09: the 72-hour rule expired
	// it on 2014-03-12.
	'opentok/OpenTok-PHP-SDK__mock_archive_ARCHIVEID_get.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 13 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['063e72a4-64b4-43c8-9da5-eca071daab89 expired 199s']
	},
	// Read: the stop reply: status stopped, duration 0, no updatedAt — when it stopped is not in the
	// file (“?”).
	'opentok/OpenTok-PHP-SDK__mock_archive_ARCHIVEID_stop.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 12 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['063e72a4-64b4-43c8-9da5-eca071daab89 stopped ?s']
	},
	// Read: {count 2}: b8f64de1 (24 s, created 2014-03-09 20:25:53) and 832641bf (1294 s, 2014-03-08
	// 23:25:13), both available in 2014 → expired now.
	'opentok/OpenTok-PHP-SDK__mock_archive_get.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 26 · records 4 · stored 4 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: [
			'832641bf-5dbf-41a1-ad94-fea213e59a92 expired 1294s',
			'b8f64de1-e218-4091-9544-4cbf369fc238 expired 24s'
		]
	},
	// Read: page 2: 832641bf only (1294 s).
	'opentok/OpenTok-PHP-SDK__mock_archive_get_second.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 15 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['832641bf-5dbf-41a1-ad94-fea213e59a92 expired 1294s']
	},
	// Read: the two 2014 archives filed under session 1_MX4xMjM0NTY3OH4….
	'opentok/OpenTok-PHP-SDK__mock_archive_get_third.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 26 · records 4 · stored 4 · streams 0',
		sessions: [
			'vonage:1_MX4xMjM0NTY3OH4-VGh1IEZlYiAyNyAwNDozODozMSBQU1QgMjAxNH4wLjI0NDgyMjI · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: [
			'832641bf-5dbf-41a1-ad94-fea213e59a92 expired 1294s',
			'b8f64de1-e218-4091-9544-4cbf369fc238 expired 24s'
		]
	},
	// Read: a start reply: 832641bf started, duration 0 — still recording at the end of the data (≥0
	// s).
	'opentok/OpenTok-PHP-SDK__mock_archive_session_hasTranscription-true.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 24 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['832641bf-5dbf-41a1-ad94-fea213e59a92 started ≥0s']
	},
	// Read: start reply, hasVideo false; started.
	'opentok/OpenTok-PHP-SDK__mock_archive_session_hasVideo-false.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 14 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['832641bf-5dbf-41a1-ad94-fea213e59a92 started ≥0s']
	},
	// Read: start reply, outputMode individual; started.
	'opentok/OpenTok-PHP-SDK__mock_archive_session_outputMode-individual.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 15 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['832641bf-5dbf-41a1-ad94-fea213e59a92 started ≥0s']
	},
	// Read: start reply for archive …e59a93 with a transcription summary; started.
	'opentok/OpenTok-PHP-SDK__mock_archive_session_transcription-with-summary.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 24 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:2_MX44NTQ1MTF-flR1ZSBOb3YgMTIgMDk6NDA6NTkgUFNUIDIwMTN-MC43NjU0Nzh- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['832641bf-5dbf-41a1-ad94-fea213e59a93 started ≥0s']
	},
	// Read: a connection list (3 items, connectionState Connected/Connecting, createdAt as a string):
	// who is connected now — named, not imported.
	'opentok/OpenTok-PHP-SDK__mock_session_SESSIONID_connection_get.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage connection list (GET …/session/{id}/connection): it says who is connected now, not when they left. For the connections of a call, import the session-monitoring callbacks (connectionCreated / connectionDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: one stream {id, videoType, name, layoutClassList}: a stream list item.
	'opentok/OpenTok-PHP-SDK__mock_session_SESSIONID_stream_STREAMID_get.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage stream list (GET …/session/{id}/stream): it says which streams are live now, with no times. For the streams of a call, import the session-monitoring callbacks (streamCreated / streamDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: a stream list with broken JSON (no comma after count, trailing comma): still recognisable
	// as a stream list.
	'opentok/OpenTok-PHP-SDK__mock_session_SESSIONID_stream_get.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage stream list (GET …/session/{id}/stream): it says which streams are live now, with no times. For the streams of a call, import the session-monitoring callbacks (streamCreated / streamDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: archive $archiveId$ (placeholder id) of session SESSIONID, available, 62 s, created
	// 2014-03-19 → expired by the rule.
	'opentok/Opentok-.NET-SDK__ArchiveTests_GetArchive-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 15 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:SESSIONID · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['$archiveId$ expired 62s']
	},
	// Read: the same archive, minimal 2014 fields.
	'opentok/Opentok-.NET-SDK__ArchiveTests_GetArchiveAsync-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 13 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:SESSIONID · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['$archiveId$ expired 62s']
	},
	// Read: status expired, an unknown field notarealproperty (kept, no problem).
	'opentok/Opentok-.NET-SDK__ArchiveTests_GetArchiveWithUnknownProperties-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 13 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:SESSIONID · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['$archiveId$ expired 62s']
	},
	// Read: status expired, 62 s.
	'opentok/Opentok-.NET-SDK__ArchiveTests_GetExpiredArchive-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 12 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:SESSIONID · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['$archiveId$ expired 62s']
	},
	// Read: {count 6}, all available, created 2014-03-08…19, durations 1294, 24, 544, 62, 14, 22 s:
	// all expired by now; the listing spans 10 days but holds no meeting.
	'opentok/Opentok-.NET-SDK__ArchiveTests_ListArchives-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 77 · records 12 · stored 12 · streams 0',
		sessions: [
			'vonage:SESSIONID · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: [
			'832641bf-5dbf-41a1-ad94-fea213e59a92 expired 1294s',
			'b8f64de1-e218-4091-9544-4cbf369fc238 expired 24s',
			'30b3ebf1-ba36-4f5b-8def-6f70d9986fe9 expired 544s',
			'f6e7ee58-d6cf-4a59-896b-6d56b158ec71 expired 62s',
			'5350f06f-0166-402e-bc27-09ba54948512 expired 14s',
			'ef546c5a-4fd7-4e59-ab3d-f1cfb4148d1d expired 22s'
		]
	},
	// Read: start reply, individual, started (2014-03-18 22:54:03).
	'opentok/Opentok-.NET-SDK__ArchiveTests_StartArchiveIndividual-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 13 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['30b3ebf1-ba36-4f5b-8def-6f70d9986fe9 started ≥0s']
	},
	// Read: start reply, hasVideo false, started.
	'opentok/Opentok-.NET-SDK__ArchiveTests_StartArchiveVoiceOnly-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 14 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['30b3ebf1-ba36-4f5b-8def-6f70d9986fe9 started ≥0s']
	},
	// Read: start reply with transcription, started.
	'opentok/Opentok-.NET-SDK__ArchiveTests_StartArchiveWithTranscription-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 20 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['30b3ebf1-ba36-4f5b-8def-6f70d9986fe9 started ≥0s']
	},
	// Read: stop reply: stopped, duration 0, no updatedAt: when is not in the file.
	'opentok/Opentok-.NET-SDK__ArchiveTests_StopArchive-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 12 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:SESSIONID · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['30b3ebf1-ba36-4f5b-8def-6f70d9986fe9 stopped ?s']
	},
	// Read: a connection list (1 item): named, not imported.
	'opentok/Opentok-.NET-SDK__ConnectionTests_ListConnections-response.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage connection list (GET …/session/{id}/connection): it says who is connected now, not when they left. For the connections of a call, import the session-monitoring callbacks (connectionCreated / connectionDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: one stream with empty name and layoutClassList.
	'opentok/Opentok-.NET-SDK__StreamTests_GetStreamEmpty-response.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage stream list (GET …/session/{id}/stream): it says which streams are live now, with no times. For the streams of a call, import the session-monitoring callbacks (streamCreated / streamDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: a stream list of 2 (one carries stray archive fields).
	'opentok/Opentok-.NET-SDK__StreamTests_ListStreams-response.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage stream list (GET …/session/{id}/stream): it says which streams are live now, with no times. For the streams of a call, import the session-monitoring callbacks (streamCreated / streamDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: connectionCreated 20:54:48.309 → streamCreated → streamDestroyed → connectionDestroyed
	// 21:14:56.953 (clientDisconnected): 1 connection, 1 stream, 1,208.6 s.
	'opentok/extracted/vonage-docs__session-monitoring-callback-examples.jsonl': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 4 · records 4 · stored 4 · streams 0',
		sessions: [
			'vonage:2_MX4xMzExMjU3MX5-MTQ3MDI1NzY3OTkxOH45QXRr · 1209 s · 1 meeting · 1 user · 1 conn (0/1 failed) · 1 pub (0/1) · 0 sub (0/0) · one-to-zero · 0 issues · 0 streams'
		]
	},
	// Read: Vonage v2 list (applicationId, no event): b40ef09b available, 5049 s, size 7,247,748,791 B
	// (> 2^32), created 2013-11-12 → expired.
	'opentok/vonage-dotnet-sdk__Video_Archives_GetArchives_ShouldDeserialize200-response.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 39 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:flR1ZSBPY3QgMjkgMTI6MTM6MjMgUERUIDIwMTN · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['b40ef09b-3811-4726-b508-e41a0f96c68f expired 5049s']
	},
	// Read: started 2021-05-14, no resolution field.
	'opentok/vonage-php-sdk-video__test_Video_responses_archive-missing-resolution.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 19 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:2_999999999999999-MTYxODg4MTU5NjY3N35QY1VEUUl4MVhldEdKU2JCOWlyR2lHY3p-UH4 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['d40d69ef-511c-493d-87e0-ca6a5c97e234 started ≥0s']
	},
	// Read: started 2021-05-14 14:27:39, 640x480, "maxBitrate" : 200000.
	'opentok/vonage-php-sdk-video__test_Video_responses_get-archive.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 21 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:2_999999999999999-MTYxODg4MTU5NjY3N35QY1VEUUl4MVhldEdKU2JCOWlyR2lHY3p-UH4 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['0ac707bc-171d-4999-bb96-0ae4959f94d0 started ≥0s']
	},
	// Read: {"count":0,"items":[]} — an empty list.
	'opentok/vonage-php-sdk-video__test_Video_responses_render-list-finished.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message: 'This is an empty list ({"count": 0, "items": []}): there is nothing in it to import.',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: v2 archive callback (event archive), started 2024-10-02 12:00:34.974.
	'opentok/vonage-python-sdk__video_tests_data_archive.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 25 · records 1 · stored 1 · streams 0',
		sessions: [
			'vonage:test_session_id · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['5b1521e6-115f-4efd-bed9-e527b87f0699 started ≥0s']
	},
	// Read: available, 180 s, 1 MiB, 2024-10-02 → expired by now.
	'opentok/vonage-python-sdk__video_tests_data_archive_with_transcription.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 30 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:test_session_id · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['5b1521e6-115f-4efd-bed9-e527b87f0699 expired 180s']
	},
	// Read: a9cdeb69 available (134 s, size 0) and 5b1521e6 paused (created 12:14:23, updatedAt
	// 12:14:24): paused 1 s after it started and still paused in the listing (≥1 s).
	'opentok/vonage-python-sdk__video_tests_data_list_archives.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 52 · records 4 · stored 4 · streams 0',
		sessions: [
			'vonage:test_session_id · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: [
			'a9cdeb69-f6cf-408b-9197-6f99e6eac5aa expired 134s',
			'5b1521e6-115f-4efd-bed9-e527b87f0699 paused ≥1s'
		]
	},
	// Read: a broadcast list (broadcastUrls rtmp/hls, event broadcast): not archives.
	'opentok/vonage-python-sdk__video_tests_data_list_broadcasts.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage live-streaming broadcast list (broadcastUrls, RTMP/HLS), not archives: rtcscope reads archives and session callbacks — export the archive list (GET /v2/project/{apiKey}/archive) instead.',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: a stream list (1 item, layoutClassList []).
	'opentok/vonage-python-sdk__video_tests_data_list_streams.json': {
		format: null,
		outcome: 'failed',
		problems: ['error unknown-format'],
		message:
			'This is a Vonage stream list (GET …/session/{id}/stream): it says which streams are live now, with no times. For the streams of a call, import the session-monitoring callbacks (streamCreated / streamDestroyed).',
		counts: 'lines 0 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: stopped, createdAt = updatedAt = 2024-10-02 16:44:24, duration 0: it stopped the second it
	// started (0 s).
	'opentok/vonage-python-sdk__video_tests_data_stop_archive.json': {
		format: 'recording-json',
		outcome: 'done',
		problems: [],
		counts: 'lines 23 · records 2 · stored 2 · streams 0',
		sessions: [
			'vonage:2_MX4yOWY3NjBmOC03Y2UxLTQ2YzktYWRlMy1mMmRlZGVlNGVkNWZ-fjE3Mjc4NzcyMTYwNzJ-OUJ1WHN0V05vN0NoU044OGthaURwNmpxfn5- · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		],
		recordings: ['e05d6f8f-2280-4025-b1d2-defc4f5c8dfa stopped 0s']
	},
	// Read: session 897: a signalSent from con_U7JcgfRB1e to con_VDzA7t2OAB and itself, and a
	// webrtcStats of con_VDzA7t2OAB: two connections named, none joins.
	'openvidu-cdr/extracted/OpenVidu-openvidu-issue-619__pro-2.17-elasticsearch-events.jsonl': {
		format: 'openvidu-cdr',
		outcome: 'done',
		problems: [],
		counts: 'lines 2 · records 2 · stored 2 · streams 0',
		sessions: [
			'openvidu:897 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) + 2 named · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		]
	},
	// Read: the docs' catalogue of lines (2018-01 … 2020-11), not one call. fds4e07mdug1ga3h: 2018-04
	// run (6ptvp0in09fhbroy, 9 s, receiving from eedki0mookh577mx, not in the file) and 2018-10 run (3
	// joins); recordings: fds4e07mdug1ga3h 27 s by the clock (reported 4 s), TestSession 32 s
	// (reported 28.72 s); TestSession: 10 s recording (5.967 s reported) and a 2019-09 filter event of
	// a connection that never joins; ses_SuXO99zeb1: Mike 453 s (the join/leave pair appears twice,
	// counted once).
	'openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl': {
		format: 'openvidu-cdr',
		outcome: 'done',
		problems: [],
		counts: 'lines 26 · records 26 · stored 26 · streams 0',
		sessions: [
			'openvidu:fds4e07mdug1ga3h · 22189328 s · 2 meetings · 4 users + 1 remote · 4 conn (0/4 failed) · 0 pub (0/0) · 2 sub (0/2) · multiparty · 0 issues · 0 streams',
			'openvidu:ses_Jd8tUyvhXO · — s · 0 meetings · 0 users · 0 conn (0/0 failed) + 2 named · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams',
			'openvidu:TestSession · — s · 0 meetings · 0 users · 0 conn (0/0 failed) + 1 named · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams',
			'openvidu:ses_SuXO99zeb1 · 453 s · 1 meeting · 1 user · 1 conn (0/1 failed) · 0 pub (0/0) · 0 sub (0/0) · one-to-zero · 0 issues · 0 streams'
		],
		recordings: [
			'fds4e07mdug1ga3h stopped 27s',
			'TestSession stopped 32s',
			'TestSession stopped 10s'
		]
	},
	// Read: two runs of TestSession. Run 1: sessionDestroyed with startTime 11:14:17.250 and duration
	// 32 s, kms/webrtcStats/webrtcDebug of con_Sazh73ER9L (no join). Run 2 (summaries):
	// publisherClient con_X5VIu6DNPF 228 s publishing str_CAM_LURy, subscriberClient con_Yvwjb4DiNC
	// 226 s receiving it, both sessionClosedByServer (forced); recordingSummary 11:49:54 → 11:53:25,
	// reported duration 0.
	'openvidu-cdr/extracted/openvidu.io-docs__pro-elasticsearch-doc-examples.jsonl': {
		format: 'openvidu-cdr',
		outcome: 'done',
		problems: [],
		counts: 'lines 11 · records 29 · stored 29 · streams 0',
		sessions: [
			'openvidu:TestSession · 2348 s · 2 meetings · 2 users · 2 conn (0/2 failed) + 1 named · 1 pub (0/1) · 1 sub (0/1) · one-to-one · 4 issues · 0 streams'
		],
		recordings: ['TestSession stopped 211s']
	},
	// Read: a REST Session object ses_YnDaGYNcd7, createdAt 2018-10-02 12:06:36, no connection.
	'openvidu-cdr/extracted/openvidu.io-docs__rest-api-session-object.json': {
		format: 'openvidu-rest',
		outcome: 'done',
		problems: ['warning suspicious-value@1'],
		counts: 'lines 28 · records 1 · stored 1 · streams 0',
		sessions: [
			'openvidu:ses_YnDaGYNcd7 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		]
	},
	// Read: 3 sessionCreated and 3 webrtcConnectionCreated OUTBOUND (one with connectionId for
	// participantId); TestSession's stream is dated 469 s before its sessionCreated.
	'openvidu-cdr/extracted/openvidu.io-docs__webhook-doc-examples-2019-2021.jsonl': {
		format: 'openvidu-cdr',
		outcome: 'done',
		problems: [],
		counts: 'lines 6 · records 6 · stored 6 · streams 0',
		sessions: [
			'openvidu:fds4e07mdug1ga3h · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams',
			'openvidu:ses_Jd8tUyvhXO · 23487211 s · 1 meeting · 1 user · 1 conn (0/1 failed) · 1 pub (0/1) · 0 sub (0/0) · one-to-zero · 0 issues · 0 streams',
			'openvidu:MySession · 0 s · 1 meeting · 1 user · 1 conn (0/1 failed) · 1 pub (0/1) · 0 sub (0/0) · one-to-zero · 0 issues · 0 streams',
			'openvidu:TestSession · 469 s · 1 meeting · 1 user · 1 conn (0/1 failed) · 1 pub (0/1) · 0 sub (0/0) · one-to-zero · 0 issues · 0 streams'
		]
	},
	// Read: file format 3 from Chrome: PCs 92-1 (localhost:3002) and 94-1 (localhost:3001), each
	// sending and receiving audio+video — both ends of one P2P call; 92-0/94-0 carry only
	// getUserMedia. 2 tabs = 2 users, one-to-one.
	'rtcstats/Guilospanck-webrtc-stats-analyzer__rtcstats_dump.txt': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 195 · records 95 · stored 95 · streams 10',
		sessions: [
			'webrtc:dump-1bvwrasq85y · 60 s · 1 meeting · 2 users · 2 conn (0/2 failed) · 4 pub (0/4) · 4 sub (0/4) · one-to-one · 0 issues · 10 streams'
		]
	},
	// Read: Jewell-1xC; PC_0 closed, PC_1 and PC_2 connectionState failed, PC_3 open: 2 of 4 failed.
	'rtcstats/fippo-rtcstats-server__jest-p2p-sfu': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 378 · records 338 · stored 338 · streams 16',
		sessions: [
			'webrtc:room-contentlogosformyesterday · 201 s · 1 meeting · 1 user + 2 remote · 4 conn (2/4 failed) · 6 pub (0/6) · 8 sub (0/8) · multiparty · 5 issues · 16 streams'
		]
	},
	// Read: Kelton-nfn in ThrilledFirmsTellImmensely; receives only (PC_0 closed, PC_1 open).
	'rtcstats/jitsi-rtcstats-server__59c86272-03ea-42e9-a62d-1c8a272e8ab0': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 130 · records 129 · stored 129 · streams 5',
		sessions: [
			'webrtc:room-thrilledfirmstellimmensely · 42 s · 1 meeting · 1 user + 1 remote · 2 conn (0/2 failed) · 0 pub (0/0) · 3 sub (0/3) · one-to-one · 0 issues · 5 streams'
		]
	},
	// Read: Kevin-H4P in hello; PC_0 closed, PC_1 open with 4 inbound.
	'rtcstats/jitsi-rtcstats-server__9c93a447-c9f8-489d-87ca-21263dec0642': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 182 · records 193 · stored 193 · streams 9',
		sessions: [
			'webrtc:room-hello · 38 s · 1 meeting · 1 user + 2 remote · 2 conn (0/2 failed) · 2 pub (0/2) · 5 sub (0/5) · multiparty · 0 issues · 9 streams'
		]
	},
	// Read: Annabel-7gE on meet.jit.si, one PC over TURN, 1 sent, 4 received.
	'rtcstats/jitsi-rtcstats-server__chrome-relay': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 55 · records 53 · stored 53 · streams 6',
		sessions: [
			'webrtc:room-absentbreakdownspicturesame · 122 s · 1 meeting · 1 user + 2 remote · 1 conn (0/1 failed) · 1 pub (0/1) · 4 sub (0/4) · multiparty · 0 issues · 6 streams'
		]
	},
	// Read: Lesly-U1W, 7 PCs: PC_1, PC_2, PC_5, PC_6 end connectionState failed, PC_0/PC_4 closed,
	// PC_3 open: 4 of 7 failed.
	'rtcstats/jitsi-rtcstats-server__chrome-standard-multiple-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 650 · records 570 · stored 570 · streams 21',
		sessions: [
			'webrtc:room-bottombacteriaspinstraight · 325 s · 1 meeting · 1 user + 2 remote · 7 conn (4/7 failed) · 8 pub (0/8) · 10 sub (0/10) · multiparty · 8 issues · 21 streams'
		]
	},
	// Read: all 3 PCs end failed (PC_1, PC_2 at 13:40:27.269; PC_0's failed is the last line, 223,
	// dated 45 s before the line above it), a getUserMedia NotReadableError at 13:39:25.
	'rtcstats/jitsi-rtcstats-server__chrome-standard-pc-failed': {
		format: 'rtcstats',
		outcome: 'done',
		problems: ['warning suspicious-value@223'],
		counts: 'lines 223 · records 223 · stored 223 · streams 8',
		sessions: [
			'webrtc:room-problematiclandmarksassociateabout · 61 s · 1 meeting · 1 user + 2 remote · 3 conn (3/3 failed) · 1 pub (0/1) · 6 sub (0/6) · multiparty · 6 issues · 8 streams'
		]
	},
	// Read: PC_0 connected, disconnected→connected twice (13:43:36, 13:43:49), failed at 13:44:56;
	// PC_1, PC_2 failed at 13:43:36: 3 of 3 failed.
	'rtcstats/jitsi-rtcstats-server__chrome-standard-pc-reconnect': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 222 · records 234 · stored 234 · streams 8',
		sessions: [
			'webrtc:room-problematiclandmarksassociateabout · 96 s · 1 meeting · 1 user + 2 remote · 3 conn (3/3 failed) · 1 pub (0/1) · 6 sub (0/6) · multiparty · 9 issues · 8 streams'
		]
	},
	// Read: Nichole-ryS; the hand-inserted ["e2eRtt",null,{…}] has no time (1 record skipped, said
	// once).
	'rtcstats/jitsi-rtcstats-server__chrome96-standard-stats-p2p-add-transceiver': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 154 · records 171 · stored 171 · streams 12',
		sessions: [
			'webrtc:room-bottombacteriaspinstraight · 22 s · 1 meeting · 1 user + 1 remote · 2 conn (0/2 failed) · 4 pub (0/4) · 6 sub (0/6) · one-to-one · 0 issues · 12 streams'
		]
	},
	// Read: Hollis-nbX, Firefox over TURN, PC_0 closed at the end.
	'rtcstats/jitsi-rtcstats-server__firefox-relay': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 50 · records 58 · stored 58 · streams 7',
		sessions: [
			'webrtc:room-absentbreakdownspicturesame · 42 s · 1 meeting · 1 user + 2 remote · 1 conn (0/1 failed) · 3 pub (0/3) · 3 sub (0/3) · multiparty · 0 issues · 7 streams'
		]
	},
	// Read: Kenya-Nww; 2 PCs that only send (no inbound-rtp at all): one-to-zero by what it received.
	'rtcstats/jitsi-rtcstats-server__firefox-relay-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 112 · records 113 · stored 113 · streams 6',
		sessions: [
			'webrtc:room-capitalistguerrillasexertthat · 21 s · 1 meeting · 1 user · 2 conn (0/2 failed) · 4 pub (0/4) · 0 sub (0/0) · one-to-zero · 0 issues · 6 streams'
		]
	},
	// Read: andrei-mac-firefox, 1 PC, 10 inbound streams.
	'rtcstats/jitsi-rtcstats-server__firefox-standard-stats-sfu': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 155 · records 101 · stored 101 · streams 13',
		sessions: [
			'webrtc:room-absentbreakdownspicturesame · 156 s · 1 meeting · 1 user + 4 remote · 1 conn (0/1 failed) · 2 pub (0/2) · 10 sub (0/10) · multiparty · 0 issues · 13 streams'
		]
	},
	// Read: Easter-BIy, 1 PC closed.
	'rtcstats/jitsi-rtcstats-server__firefox97-standard-stats-sfu': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 65 · records 74 · stored 74 · streams 9',
		sessions: [
			'webrtc:room-absentbreakdownspicturesame · 71 s · 1 meeting · 1 user + 1 remote · 1 conn (0/1 failed) · 4 pub (0/4) · 4 sub (0/4) · one-to-one · 0 issues · 9 streams'
		]
	},
	// Read: andreig-3, legacy goog* stats; the received SSRCs appear once with bytesReceived "0"
	// (nothing received on PC_1).
	'rtcstats/jitsi-rtcstats-server__google-legacy-screenshare-msessions': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 302 · records 201 · stored 201 · streams 12',
		sessions: [
			'webrtc:dump-29tjs4rb7ux · 236 s · 1 meeting · 1 user + 1 remote · 2 conn (0/2 failed) · 5 pub (0/5) · 5 sub (0/5) · one-to-one · 1 issue · 12 streams'
		]
	},
	// Read: andrei-win-2, one P2P PC.
	'rtcstats/jitsi-rtcstats-server__google-legacy-screenshare-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 229 · records 124 · stored 124 · streams 7',
		sessions: [
			'webrtc:dump-1p8mtweqz8q · 118 s · 1 meeting · 1 user + 1 remote · 1 conn (0/1 failed) · 2 pub (0/2) · 4 sub (0/4) · one-to-one · 0 issues · 7 streams'
		]
	},
	// Read: andrei-win-1, 3 PCs (PC_0 closed).
	'rtcstats/jitsi-rtcstats-server__google-legacy-stats-multiple-pc': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 551 · records 327 · stored 327 · streams 25',
		sessions: [
			'webrtc:dump-2egqau3l2cl · 400 s · 1 meeting · 1 user + 5 remote · 3 conn (0/3 failed) · 6 pub (0/6) · 16 sub (0/16) · multiparty · 0 issues · 25 streams'
		]
	},
	// Read: andrei-win-1, PC_1 closed.
	'rtcstats/jitsi-rtcstats-server__google-legacy-stats-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 268 · records 182 · stored 182 · streams 18',
		sessions: [
			'webrtc:dump-1o6pcne03d1 · 154 s · 1 meeting · 1 user + 5 remote · 2 conn (0/2 failed) · 4 pub (0/4) · 12 sub (0/12) · multiparty · 0 issues · 18 streams'
		]
	},
	// Read: andrei-win-1, PC_0 closed without RTP, PC_1 open.
	'rtcstats/jitsi-rtcstats-server__google-legacy-stats-sfu': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 115 · records 84 · stored 84 · streams 11',
		sessions: [
			'webrtc:dump-1jho4ey998q · 108 s · 1 meeting · 1 user + 3 remote · 2 conn (0/2 failed) · 2 pub (0/2) · 8 sub (0/8) · multiparty · 0 issues · 11 streams'
		]
	},
	// Read: andrei-win-1 in BottomBacteriasPinStraight; outbound video 1191903134 stops sending at
	// 16:13:23 (bytesSent 143,467 from then on).
	'rtcstats/jitsi-rtcstats-server__google-standard-stats-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 234 · records 192 · stored 192 · streams 20',
		sessions: [
			'webrtc:room-bottombacteriaspinstraight · 102 s · 1 meeting · 1 user + 3 remote · 2 conn (0/2 failed) · 6 pub (0/6) · 12 sub (0/12) · multiparty · 0 issues · 20 streams'
		]
	},
	// Read: Nichole-ryS in AddTransceiverTestCall (double-encoded connectionInfo).
	'rtcstats/jitsi-rtcstats-server__google-standard-stats-p2p-add-transceiver': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 149 · records 166 · stored 166 · streams 12',
		sessions: [
			'webrtc:room-addtransceivertestcall · 22 s · 1 meeting · 1 user + 1 remote · 2 conn (0/2 failed) · 4 pub (0/4) · 6 sub (0/6) · one-to-one · 0 issues · 12 streams'
		]
	},
	// Read: no connectionInfo; identity displayName andrei-win-1 for both PCs (one user); line 178
	// --disconnect-- is the stats-server reconnect marker; PC_0 (P2P) closed 16:14:16, PC_1 (JVB) open
	// to 16:15:01.
	'rtcstats/jitsi-rtcstats-server__google-standard-stats-p2p-reconnect': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 230 · records 189 · stored 189 · streams 20',
		sessions: [
			'webrtc:dump-1ggtnuyaf8a · 102 s · 1 meeting · 1 user + 3 remote · 2 conn (0/2 failed) · 6 pub (0/6) · 12 sub (0/12) · multiparty · 1 issue · 20 streams'
		]
	},
	// Read: Cecelia-gct; the two inbound streams never receive a byte.
	'rtcstats/jitsi-rtcstats-server__google-standard-stats-relay-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 102 · records 89 · stored 89 · streams 4',
		sessions: [
			'webrtc:room-capitalistguerrillasexertthat · 46 s · 1 meeting · 1 user · 2 conn (0/2 failed) · 0 pub (0/0) · 2 sub (0/2) · one-to-zero · 0 issues · 4 streams'
		]
	},
	// Read: Cecelia-gct; PC_0 disconnected then connected again (2 issues), PC_1 closed; inbound bytes
	// stay 0.
	'rtcstats/jitsi-rtcstats-server__google-standard-stats-remote-relay-p2p': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 119 · records 96 · stored 96 · streams 4',
		sessions: [
			'webrtc:room-capitalistguerrillasexertthat · 70 s · 1 meeting · 1 user · 2 conn (0/2 failed) · 0 pub (0/0) · 2 sub (0/2) · one-to-zero · 2 issues · 4 streams'
		]
	},
	// Read: andrei-win-1, one JVB PC.
	'rtcstats/jitsi-rtcstats-server__google-standard-stats-sfu': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 85 · records 76 · stored 76 · streams 13',
		sessions: [
			'webrtc:room-bottombacteriaspinstraight · 66 s · 1 meeting · 1 user + 3 remote · 1 conn (0/1 failed) · 4 pub (0/4) · 8 sub (0/8) · multiparty · 0 issues · 13 streams'
		]
	},
	// Read: Jewell-1xC; PC_0 connected and open to 08:32:32.696; PC_1, PC_2 ice disconnected +
	// connectionState failed at 08:31:37.88: 2 of 3 failed, 4 issues; 70 s from PC_0's creation.
	'rtcstats/jitsi-rtcstats-server__jest-sfu': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 217 · records 220 · stored 220 · streams 11',
		sessions: [
			'webrtc:room-contentlogosformyesterday · 70 s · 1 meeting · 1 user + 2 remote · 3 conn (2/3 failed) · 4 pub (0/4) · 6 sub (0/6) · multiparty · 4 issues · 11 streams'
		]
	},
	// Read: server dump, identity confName
	// dutchacademyeindhovengamemainrooma-2021@conference.meet.jit.si; 5 endpoints appear in the chat-
	// room member lists.
	'rtcstats/jitsi-rtcstats-server__jicofo-sample': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 563 · records 573 · stored 573 · streams 0',
		sessions: [
			'webrtc:room-dutchacademyeindhovengamemainrooma-2021@conference.meet.jit.si · 4500 s · 1 meeting · 5 users · 5 conn (0/5 failed) · 0 pub (0/0) · 0 sub (0/0) · no-media · 0 issues · 0 streams'
		]
	},
	// Read: 2 identity lines and no stats entry: nothing carries a time.
	'rtcstats/jitsi-rtcstats-server__jigasi-sample': {
		format: 'rtcstats',
		outcome: 'done',
		problems: ['warning missing-field'],
		counts: 'lines 2 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: videobridge dump of conference 230-45xd-yb78-pkv3: 2 endpoints present in every entry for
	// 3,633 s.
	'rtcstats/jitsi-rtcstats-server__jvb-sample': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 730 · records 734 · stored 734 · streams 0',
		sessions: [
			'webrtc:room-230-45xd-yb78-pkv3 · 3633 s · 1 meeting · 2 users · 2 conn (0/2 failed) · 0 pub (0/0) · 0 sub (0/0) · no-media · 0 issues · 0 streams'
		]
	},
	// Read: Toni-AGZ, Safari over TURN.
	'rtcstats/jitsi-rtcstats-server__safari-relay': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 65 · records 62 · stored 62 · streams 9',
		sessions: [
			'webrtc:room-absentbreakdownspicturesame · 191 s · 1 meeting · 1 user + 2 remote · 1 conn (0/1 failed) · 4 pub (0/4) · 4 sub (0/4) · multiparty · 2 issues · 9 streams'
		]
	},
	// Read: andreig-safari, 12 inbound.
	'rtcstats/jitsi-rtcstats-server__safari-standard-stats': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 181 · records 128 · stored 128 · streams 15',
		sessions: [
			'webrtc:room-absentbreakdownspicturesame · 228 s · 1 meeting · 1 user + 4 remote · 1 conn (0/1 failed) · 2 pub (0/2) · 12 sub (0/12) · multiparty · 0 issues · 15 streams'
		]
	},
	// Read: XXXX-XXX; 29 inbound streams that never receive a byte, connectionState failed.
	'rtcstats/jitsi-rtcstats-server__undefined-ice-candidate': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 94 · records 150 · stored 150 · streams 30',
		sessions: [
			'webrtc:room-xxxxxxxxxxzu2pfgyp7mbrp7rdvzncsepxj7pmgdcngw · 17 s · 1 meeting · 1 user · 1 conn (1/1 failed) · 0 pub (0/0) · 29 sub (0/29) · one-to-zero · 3 issues · 30 streams'
		]
	},
	// Read: RTCStatsDump v3 with numeric methods: a getUserMedia and its result, no PC: page events
	// only, no user.
	'rtcstats/rtcstats-rtcstats__gumonly.jsonl': {
		format: 'rtcstats',
		outcome: 'done',
		problems: [],
		counts: 'lines 6 · records 3 · stored 3 · streams 0',
		sessions: [
			'webrtc:dump-l28u2god1n · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		]
	},
	// Read: Chrome 86, locale times “11/5/2020, 9:34:11 PM” (month-first, UTC+3); PC 18084-8 sends
	// audio+video (its inbound never receive), 18084-9 receives audio+video from one peer; stats
	// 18:34:12 → 18:38:19: 4 min 09 s; 3 getUserMedia at 16:17:50 are page events hours before; 12
	// icecandidateerror (TURN allocate timeouts).
	'webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: ['warning suspicious-value', 'warning suspicious-value'],
		counts: 'lines 11269 · records 221 · stored 221 · streams 8',
		sessions: [
			'webrtc:dump-ljmacmvj78 · 249 s · 1 meeting · 1 user + 1 remote · 2 conn (0/2 failed) · 2 pub (0/2) · 4 sub (0/4) · one-to-one · 12 issues · 8 streams'
		]
	},
	// Read: “08/11/2020, 10:58:45” (day-first, UTC+3), one receive-only PC, 15 s.
	'webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump_inbound_only.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: ['warning suspicious-value', 'warning suspicious-value'],
		counts: 'lines 2885 · records 7 · stored 7 · streams 3',
		sessions: [
			'webrtc:dump-qpyo3q2t5z · 15 s · 1 meeting · 1 user + 1 remote · 1 conn (0/1 failed) · 0 pub (0/0) · 2 sub (0/2) · one-to-one · 0 issues · 3 streams'
		]
	},
	// Read: gzip of an empty dump (HeadlessChrome 108).
	'webrtc-internals/Arri98-TestLoad__webrtc_internals_dump.gz': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: ['warning empty-file'],
		counts: 'lines 5 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: PCs 92-1 and 94-1 in two tabs of one P2P call; 94-1's inbound SSRCs are 92-1's outbound
	// ones: 2 users, one-to-one; stats 09:14:50.620 → 09:15:47.908.
	'webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: [],
		counts: 'lines 5800 · records 93 · stored 93 · streams 10',
		sessions: [
			'webrtc:dump-cg82wrhyxc · 57 s · 1 meeting · 2 users · 2 conn (0/2 failed) · 4 pub (0/4) · 4 sub (0/4) · one-to-one · 0 issues · 10 streams'
		]
	},
	// Read: 9 data-channel PCs in 4 tabs (714, 731, 734, 258); 258-90/91 have no stats and no log;
	// 714-1 and 734-2 end failed, 258-111 closed; update log “15/07/2025, 12:33:31” (UTC+10) all in
	// one second, stats 02:33:31.067 → 02:33:44.179 UTC: 13 s.
	'webrtc-internals/capogreco-string.assembly.fm__webrtc_internals_dump.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: ['warning suspicious-value', 'warning missing-field'],
		counts: 'lines 6446 · records 49 · stored 49 · streams 4',
		sessions: [
			'webrtc:dump-2agmopwbpwj · 13 s · 1 meeting · 4 users · 7 conn (2/7 failed) · 0 pub (0/0) · 0 sub (0/0) · no-media · 4 issues · 4 streams'
		]
	},
	// Read: getUserMedia [] and PeerConnections {}.
	'webrtc-internals/hostagetodeveloper-cla-check-test__webrtc_internals_dump_empty.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: ['warning empty-file'],
		counts: 'lines 5 · records 0 · stored 0 · streams 0',
		sessions: []
	},
	// Read: gzip of a dump with a getUserMedia request and its result, no PC.
	'webrtc-internals/rtcstats-rtcstats__gumonly.gz': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: [],
		counts: 'lines 39 · records 2 · stored 2 · streams 0',
		sessions: [
			'webrtc:dump-8miu1irp70 · — s · 0 meetings · 0 users · 0 conn (0/0 failed) · 0 pub (0/0) · 0 sub (0/0) · no-users · 0 issues · 0 streams'
		]
	},
	// Read: one receive-only PC (video from an RTSP bridge), 09:09:02 → 09:10:19.
	'webrtc-internals/staal0-mammotion-rtsp-bridge__webrtc_internals_dump.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: [],
		counts: 'lines 2448 · records 36 · stored 36 · streams 2',
		sessions: [
			'webrtc:dump-1slgnswfkwp · 77 s · 1 meeting · 1 user + 1 remote · 1 conn (0/1 failed) · 0 pub (0/0) · 1 sub (0/1) · one-to-one · 1 issue · 2 streams'
		]
	},
	// Read: tab 11 sends video, tab 12 receives it (same page, same call): 2 users, one-to-one.
	'webrtc-internals/xuyu130-webrtc__webrtc_internals_dump.txt': {
		format: 'webrtc-internals',
		outcome: 'done',
		problems: [],
		counts: 'lines 2667 · records 58 · stored 58 · streams 4',
		sessions: [
			'webrtc:dump-irr4a8r7xx · 19 s · 1 meeting · 2 users · 2 conn (0/2 failed) · 1 pub (0/1) · 1 sub (0/1) · one-to-one · 2 issues · 4 streams'
		]
	}
};

describe('the real-file corpus', () => {
	const files = corpusFiles();

	it('has facts for every file, and no facts for a file that is gone', () => {
		expect(files.filter((f) => !(f in FACTS))).toEqual([]);
		expect(Object.keys(FACTS).filter((f) => !files.includes(f))).toEqual([]);
	});

	for (const file of files) {
		it(file, async () => {
			expect(factsRow(await factsOf(file))).toEqual(FACTS[file]);
		});
	}
});
