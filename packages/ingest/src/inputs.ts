import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { ImportInput } from '@rtcscope/core';

/** Names skipped when walking a folder (editor and OS litter, not inputs). */
const SKIP = /^(\.|~\$|Thumbs\.db$|desktop\.ini$)/i;

export interface InputFile {
	/** Absolute path on disk. */
	path: string;
	/** The name the import records: the path below the folder given, or the file's name. */
	name: string;
	bytes: number;
}

/**
 * Files named on the command line, folders walked recursively (sorted, so two runs see the same
 * order: CDR files before the dumps that link to them when their names sort that way).
 * @throws Error naming the path when one does not exist.
 */
export async function listInputs(paths: readonly string[]): Promise<InputFile[]> {
	const out: InputFile[] = [];
	for (const p of paths) {
		const abs = resolve(p);
		const info = await stat(abs).catch(() => null);
		if (!info) throw new Error(`${p}: no such file or folder.`);
		if (info.isFile()) out.push({ path: abs, name: basename(abs), bytes: info.size });
		else if (info.isDirectory()) await walk(abs, abs, out);
	}
	return out;
}

async function walk(root: string, dir: string, out: InputFile[]): Promise<void> {
	const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const e of entries) {
		if (SKIP.test(e.name)) continue;
		const abs = join(dir, e.name);
		if (e.isDirectory()) await walk(root, abs, out);
		else if (e.isFile()) out.push({ path: abs, name: `${basename(root)}/${relative(root, abs)}`, bytes: (await stat(abs)).size });
	}
}

/** The core pipeline's input for a file on disk: a Blob read from disk as it streams. */
export async function toImportInput(file: InputFile, app?: string): Promise<ImportInput> {
	const blob = await openAsBlob(file.path);
	return { file: blob, name: file.name, ...(app ? { app } : {}) };
}
