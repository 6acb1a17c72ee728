import { analyzeArchive, archiveInputOf } from '../../analysis/archive.js';
import type { Observation, Rule } from '../types.js';
import { clock, spoken } from '../words.js';

/** getUserMedia errors, recordings, media nodes. */

/** What each DOMException of getUserMedia / getDisplayMedia means (W3C mediacapture-streams §9.4, screen-capture §5.1). */
const GUM_ERRORS: Record<string, string> = {
	NotAllowedError: 'permission was refused (by the user, the browser or a policy)',
	NotFoundError: 'no device of the requested kind',
	NotReadableError: 'the device is in use by another application or failed',
	OverconstrainedError: 'no device satisfies the constraints',
	AbortError: 'the request was aborted',
	SecurityError: 'media capture is blocked on this page (insecure context or policy)',
	TypeError: 'the constraints are invalid (empty, or audio and video both false)'
};

export const getUserMediaFailed: Rule = {
	info: {
		id: 'get-user-media-failed',
		title: 'Camera or microphone requests that failed',
		rule: 'A getUserMedia or getDisplayMedia call ended with an error (W3C mediacapture-streams §9.4).',
		source: 'W3C mediacapture-streams',
		needs: 'dumps'
	},
	run({ mediaRequests, slice }) {
		if (mediaRequests.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no getUserMedia call in these files' } };
		const failed = mediaRequests.filter((r) => r.outcome === 'failed');
		const observations: Observation[] = failed.map((r, i) => {
			const event = slice.events.find((e) => e.at === (r.resultAt ?? r.at) && /OnFailure$/.test(e.type));
			return {
				id: `get-user-media-failed:${r.at}:${i}`,
				rule: 'get-user-media-failed',
				severity: 'problem',
				sentence: `${r.call} failed at ${clock(r.resultAt ?? r.at)}${r.error ? ` with ${r.error}` : ''}${r.error && GUM_ERRORS[r.error] ? `: ${GUM_ERRORS[r.error]}` : ''}${r.constraints ? ` (asked ${r.constraints})` : ''}.`,
				fired: r.error ?? 'error',
				evidence: [{ from: r.at - 5000, to: (r.resultAt ?? r.at) + 5000, ...(event ? { importId: event.importId, lines: [event.line] } : { lines: [r.line] }) }]
			};
		});
		return { observations, status: { status: failed.length ? 'fired' : 'passed', note: `${mediaRequests.length} call(s) checked` } };
	}
};

export const recordingFailed: Rule = {
	info: {
		id: 'recording-failed',
		title: 'Recordings that failed or stopped on their own',
		rule: 'A recording or archive ended “failed”; or an archive stopped for one of the documented automatic reasons (60 min paused, 60 s after everyone left, the 72-hour expiry) — the Vonage Archive Inspector’s state machine.',
		source: 'Vonage Archive Inspector',
		needs: 'recordings'
	},
	run({ model, slice, now }) {
		if (slice.recordings.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no recording in these files' } };
		const out: Observation[] = [];
		for (const rec of slice.recordings) {
			const analysis = analyzeArchive(archiveInputOf(model, rec, model.lastAt, now));
			const last = rec.history[rec.history.length - 1];
			const src = last?.src;
			const evidence = [{ from: rec.startedAt, to: analysis.stoppedAt ?? last?.at ?? rec.startedAt, ...(src ? { importId: src.importId, lines: [src.line] } : {}) }];
			if (analysis.status === 'failed' || rec.status === 'failed') {
				out.push({
					id: `recording-failed:${rec.key}`,
					rule: 'recording-failed',
					severity: 'problem',
					sentence: `Recording ${rec.recordingId} failed${last ? ` at ${clock(last.at)}` : ''}${last?.reason ? ` (${last.reason})` : ''}, after ${rec.history.map((h) => h.status).join(' → ')}.`,
					fired: `status ${rec.status}`,
					evidence
				});
				continue;
			}
			const auto = analysis.notes.find((n) => /60 min|everyone left|idle|paused for more than/i.test(n.text));
			if (auto) {
				out.push({
					id: `recording-auto-stop:${rec.key}`,
					rule: 'recording-failed',
					severity: 'warning',
					sentence: `Recording ${rec.recordingId} stopped on its own: ${auto.text}`,
					fired: 'automatic stop',
					evidence
				});
			}
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${slice.recordings.length} recording(s) checked` } };
	}
};

export const nodeCrashed: Rule = {
	info: {
		id: 'node-crashed',
		title: 'Media nodes that failed during the call',
		rule: 'An OpenVidu Pro media node changed to “failed” while the session ran (mediaNodeStatusChanged).',
		source: 'OpenVidu CDR',
		needs: 'cluster'
	},
	run({ nodeEvents, slice }) {
		if (nodeEvents.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no media-node status in these files' } };
		const failed = nodeEvents.filter((e) => e.status === 'failed' && e.at >= slice.startAt && e.at <= slice.endAt);
		const observations: Observation[] = failed.map((e) => ({
			id: `node-crashed:${e.nodeId}:${e.at}`,
			rule: 'node-crashed',
			severity: 'problem',
			sentence: `Media node ${e.nodeId} failed at ${clock(e.at)}, ${spoken(e.at - slice.startAt)} into the session.`,
			fired: 'newStatus failed',
			evidence: [{ from: e.at - 30_000, to: e.at + 30_000, ...(e.importId ? { importId: e.importId } : {}), lines: [e.line] }]
		}));
		return { observations, status: { status: failed.length ? 'fired' : 'passed', note: `${nodeEvents.length} node status change(s) checked` } };
	}
};
