import type { Provider, SessionKey } from '../model/ids.js';
import type { Recording, SessionModel } from '../model/session.js';
import { analyzeArchive, archiveInputOf, type ArchiveAnalysis } from './archive.js';

/**
 * Recordings across providers, each with its state-machine analysis (archive.ts), for the
 * Recordings list: from the session models of the sessions that hold them (storage/recordings.ts
 * finds those), newest recording first.
 */
export interface RecordingRow {
	sessionKey: SessionKey;
	sessionId: string;
	provider: Provider;
	recording: Recording;
	analysis: ArchiveAnalysis;
}

export function recordingRows(models: readonly SessionModel[]): RecordingRow[] {
	const out: RecordingRow[] = [];
	for (const model of models) {
		for (const recording of model.recordings) {
			out.push({
				sessionKey: model.key,
				sessionId: model.sessionId,
				provider: model.provider,
				recording,
				analysis: analyzeArchive(archiveInputOf(model, recording))
			});
		}
	}
	return out.sort((a, b) => b.recording.startedAt - a.recording.startedAt);
}
