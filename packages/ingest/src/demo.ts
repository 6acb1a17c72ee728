import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { generateCallCase, generateFleet, type FleetFile, type FleetOptions } from '@rtcscope/core/demo';

export interface FilesOnDisk {
	dir: string;
	/** The folder of each app. */
	apps: Map<string, string>;
	/** Every file in the order given, with where it was written. */
	files: (FleetFile & { path: string })[];
}

/**
 * Files written as an operator's folders hold them: one folder per app, CDR under `a-cdr/` so a
 * sorted walk reads it before the dumps (`b-dumps/<day>/`) that link to it.
 */
export function writeFilesByApp(files: Iterable<FleetFile>, prefix = 'rtcscope-files-'): FilesOnDisk {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	const out: FilesOnDisk = { dir, apps: new Map(), files: [] };
	for (const f of files) {
		const path = writeFileByApp(dir, f);
		out.apps.set(f.app, join(dir, f.app));
		out.files.push({ ...f, path });
	}
	return out;
}

/** Writes one file where {@link writeFilesByApp} puts it under `dir`; @returns its path. */
export function writeFileByApp(dir: string, f: FleetFile): string {
	const appDir = join(dir, f.app);
	const sub = /(^|[.-])cdr[.-]/i.test(basename(f.name)) ? join(appDir, 'a-cdr') : join(appDir, 'b-dumps', basename(dirname(f.name)));
	mkdirSync(sub, { recursive: true });
	const path = join(sub, basename(f.name));
	writeFileSync(path, f.text);
	return path;
}

/** The app's demo data on disk (`rtcscope-ingest --demo call|fleet`); `fleet` options for a smaller fleet. */
export function writeDemoFiles(kind: 'call' | 'fleet', fleet: Partial<FleetOptions> = {}): FilesOnDisk {
	const files = kind === 'call' ? generateCallCase().files.map((f) => ({ ...f, app: 'default' })) : generateFleet(fleet);
	return writeFilesByApp(files, `rtcscope-demo-${kind}-`);
}
