import type { ImportProgress } from '@rtcscope/core';
import type { PushCounts } from './push.js';

/** Lines written at most this often when stderr is not a terminal (CI logs). */
const PLAIN_INTERVAL_MS = 5_000;

/**
 * The ingest command's progress: one line redrawn in place on a terminal, a line every 5 s
 * otherwise. Problems are printed in full (file:line: reason), never redrawn over.
 */
export class ProgressLine {
	private last = 0;
	private drawn = false;
	constructor(
		private readonly out: NodeJS.WriteStream,
		private readonly enabled: boolean
	) {}

	parsing(p: ImportProgress, index: number, files: number): void {
		const mb = (n: number) => (n / 1e6).toFixed(1);
		this.show(`parsing ${index + 1}/${files} ${p.name} · ${mb(p.bytesRead)}/${mb(p.bytesTotal)} MB · ${p.lines.toLocaleString('en')} lines · ${p.phase}`);
	}

	pushing(c: PushCounts, table: string): void {
		this.show(`writing ${table} · ${c.rooms} rooms · ${c.sessions} sessions · ${c.bundles} bundles`);
	}

	problem(text: string): void {
		this.clear();
		this.out.write(`${text}\n`);
	}

	done(): void {
		this.clear();
	}

	private show(text: string): void {
		if (!this.enabled) return;
		const t = Date.now();
		if (this.out.isTTY) {
			if (t - this.last < 100) return;
			this.last = t;
			this.out.write(`\r\x1b[K${text.slice(0, (this.out.columns ?? 120) - 1)}`);
			this.drawn = true;
		} else if (t - this.last >= PLAIN_INTERVAL_MS) {
			this.last = t;
			this.out.write(`${text}\n`);
		}
	}

	private clear(): void {
		if (this.drawn) this.out.write('\r\x1b[K');
		this.drawn = false;
	}
}
