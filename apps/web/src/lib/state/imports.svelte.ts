import type { ImportOutcome, ImportProgress } from '@rtcscope/core/worker-api';
import { ingest, WorkerStoppedError } from '../workers/ingest-client';
import type { PickedFile } from '../files';

/**
 * Imports started from this tab: one job per drop (or demo load), one row per file, each with
 * its latest progress from the worker. The store's import list shows every import, including
 * those of other tabs and earlier visits; this shows live progress.
 */
export interface FileRow {
	index: number;
	name: string;
	bytes: number;
	progress: ImportProgress | null;
}

export interface ImportJob {
	id: string;
	/** What started it: dropped files, or one of the demo loads. */
	kind: 'files' | 'demo' | 'call' | 'fleet';
	/** Shown instead of the file names (generated jobs). */
	title?: string;
	files: FileRow[];
	done: boolean;
	cancelling: boolean;
	outcomes: ImportOutcome[];
	/** A failure of the worker itself (not of a file), for the user. */
	error: string | null;
	/**
	 * Set when the worker died mid-job: runs the whole job again — files already imported are
	 * recognised and skipped, the interrupted one resumes after its last committed window.
	 */
	resume: (() => Promise<void>) | null;
}

class ImportJobs {
	jobs = $state<ImportJob[]>([]);
	busy = $derived(this.jobs.some((j) => !j.done));
	/** A demo fleet job is running now (its button must not start a second one). */
	fleetRunning = $derived(this.jobs.some((j) => !j.done && j.kind === 'fleet'));

	private begin(kind: ImportJob['kind'], files: { name: string; bytes: number }[]): ImportJob {
		const job: ImportJob = {
			id: crypto.randomUUID(),
			kind,
			files: files.map((f, index) => ({ index, name: f.name, bytes: f.bytes, progress: null })),
			done: false,
			cancelling: false,
			outcomes: [],
			error: null,
			resume: null
		};
		this.jobs.unshift(job);
		// The proxied object, so later writes are seen by the views.
		return this.jobs[0] as ImportJob;
	}

	private async run(job: ImportJob, start: (onProgress: (p: ImportProgress) => void) => Promise<ImportOutcome[]>) {
		const onProgress = (p: ImportProgress) => {
			// Generated jobs (the demo fleet) learn their files as they go.
			while (job.files.length <= p.index) job.files.push({ index: job.files.length, name: p.name, bytes: p.bytesTotal, progress: null });
			const row = job.files[p.index];
			if (row) row.progress = p;
		};
		job.error = null;
		job.resume = null;
		job.done = false;
		try {
			job.outcomes = await start(onProgress);
		} catch (error) {
			job.error = error instanceof WorkerStoppedError ? error.message : `The import worker stopped: ${error instanceof Error ? error.message : String(error)}`;
			job.resume = () => this.run(job, start);
		} finally {
			job.done = true;
		}
	}

	/** @param app the app / project label the files' sessions count under in the fleet views. */
	importFiles(files: PickedFile[], app?: string): Promise<void> {
		if (files.length === 0) return Promise.resolve();
		const job = this.begin('files', files.map((f) => ({ name: f.name, bytes: f.file.size })));
		return this.run(job, (onProgress) =>
			ingest.importFiles(job.id, files.map((f) => ({ file: f.file, name: f.name, ...(app ? { app } : {}) })), onProgress)
		);
	}

	/** The 90-day demo fleet: generated file by file in the worker (CDR weeks, then dumps). */
	loadDemoFleet(): Promise<void> {
		const job = this.begin('fleet', []);
		job.title = 'Demo fleet (90 days, generated)';
		return this.run(job, (onProgress) => ingest.loadDemoFleet(job.id, onProgress));
	}

	/** The demo support case: a CDR and both ends' dumps of one call with known impairments. */
	loadDemoCall(): Promise<void> {
		const job = this.begin('call', [
			{ name: 'ses_DemoCase.cdr.log', bytes: 0 },
			{ name: 'ses_DemoCase-ana.webrtc-internals.json', bytes: 0 },
			{ name: 'ses_DemoCase-ben.webrtc-internals.json', bytes: 0 }
		]);
		job.title = 'Demo call (CDR + both ends’ dumps, generated)';
		return this.run(job, (onProgress) => ingest.loadDemoCall(job.id, onProgress));
	}

	loadDemo(): Promise<void> {
		const job = this.begin('demo', [{ name: 'Demo dataset (generated)', bytes: 0 }]);
		return this.run(job, (onProgress) => ingest.loadDemo(job.id, onProgress));
	}

	async cancel(job: ImportJob): Promise<void> {
		job.cancelling = true;
		await ingest.cancel(job.id);
	}

	dismiss(job: ImportJob): void {
		this.jobs = this.jobs.filter((j) => j.id !== job.id);
	}
}

export const importJobs = new ImportJobs();
