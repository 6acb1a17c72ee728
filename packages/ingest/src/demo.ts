import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { generateCallCase, generateFleet } from '@rtcscope/core/demo';

/**
 * The app's demo data as files on disk (`rtcscope-ingest --demo call|fleet`), one folder per app
 * with its CDR under `a-cdr/` so a sorted walk reads the CDR before the dumps that link to it.
 * @returns the temp folder and the folder of each app
 */
export function writeDemoFiles(kind: 'call' | 'fleet'): { dir: string; apps: Map<string, string> } {
	const dir = mkdtempSync(join(tmpdir(), `rtcscope-demo-${kind}-`));
	const apps = new Map<string, string>();
	const files = kind === 'call' ? generateCallCase().files.map((f) => ({ ...f, app: 'default' })) : [...generateFleet()];
	for (const f of files) {
		const appDir = join(dir, f.app);
		apps.set(f.app, appDir);
		const isCdr = /cdr/i.test(basename(f.name));
		const sub = isCdr ? join(appDir, 'a-cdr') : join(appDir, 'b-dumps', basename(dirname(f.name)));
		mkdirSync(sub, { recursive: true });
		writeFileSync(join(sub, basename(f.name)), f.text);
	}
	return { dir, apps };
}
