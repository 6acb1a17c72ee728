import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateFleet, type FleetFile, type FleetOptions } from '@rtcscope/core/demo';

export interface FleetOnDisk {
	dir: string;
	/** Every file in generateFleet's order (CDR first), with its app. */
	files: (FleetFile & { path: string })[];
	/** One folder per app: `<dir>/<app>`, its CDR under `a-cdr/` so a sorted walk reads it before the dumps. */
	appDirs: Map<string, string>;
}

/** The demo fleet (demo/fleet.ts) written to disk as an operator's folders would hold it. */
export function writeFleet(options: Partial<FleetOptions>): FleetOnDisk {
	const dir = mkdtempSync(join(tmpdir(), 'rtcscope-fleet-'));
	const files: FleetOnDisk['files'] = [];
	const appDirs = new Map<string, string>();
	for (const f of generateFleet(options)) {
		const appDir = join(dir, f.app);
		appDirs.set(f.app, appDir);
		const isCdr = f.name.includes('/cdr-');
		const sub = isCdr ? join(appDir, 'a-cdr') : join(appDir, 'b-dumps', basename(join(f.name, '..')));
		mkdirSync(sub, { recursive: true });
		const path = join(sub, basename(f.name));
		writeFileSync(path, f.text);
		files.push({ ...f, path });
	}
	return { dir, files, appDirs };
}
