import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { RtcscopeDb } from '../storage/db.js';

const here = dirname(fileURLToPath(import.meta.url));

/** ../shared (the spec and real samples) as seen from the repository root's parent. */
export const SHARED = resolve(here, '../../../../../shared');

export function sharedPath(...parts: string[]): string {
	return resolve(SHARED, ...parts);
}

export function readShared(...parts: string[]): string {
	return readFileSync(sharedPath(...parts), 'utf8');
}

let dbCounter = 0;

/** A fresh, uniquely named database (fake-indexeddb keeps databases per name). */
export function freshDb(): RtcscopeDb {
	dbCounter++;
	return new RtcscopeDb(
		`rtcscope-test-${process.pid}-${dbCounter}-${Math.random().toString(36).slice(2)}`
	);
}

/**
 * A Blob whose stream() hands out `chunkSize` bytes at a time, to exercise every chunk boundary
 * (speedscope's withMockedFileChunkSizeForTests habit).
 */
export class ChunkedBlob extends Blob {
	constructor(
		parts: BlobPart[],
		private readonly chunkSize: number
	) {
		super(parts);
	}

	override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
		const whole = this.arrayBuffer();
		const size = this.chunkSize;
		let offset = 0;
		let bytes: Uint8Array<ArrayBuffer> | null = null;
		return new ReadableStream<Uint8Array<ArrayBuffer>>({
			async pull(controller) {
				bytes ??= new Uint8Array(await whole);
				if (offset >= bytes.length) {
					controller.close();
					return;
				}
				controller.enqueue(bytes.slice(offset, offset + size));
				offset += size;
			}
		});
	}
}

/** Text from a list of CDR lines, newline-terminated. */
export function jsonl(lines: (string | object)[]): string {
	return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

/**
 * A new database declared as RtcscopeDb declared versions 1 to `version` (Dexie's own record of
 * them), to write rows as an older rtcscope stored them; close it, then open the name with
 * RtcscopeDb to run the upgrades since.
 */
export function storeAtVersion(version: number): { name: string; old: Dexie } {
	const name = freshDb().name;
	const versions = (new RtcscopeDb(`${name}-schema`) as unknown as { _versions: { _cfg: { version: number; storesSource: Record<string, string | null> } }[] })._versions;
	const old = new Dexie(name);
	for (const v of versions) if (v._cfg.version <= version) old.version(v._cfg.version).stores(v._cfg.storesSource);
	return { name, old };
}
