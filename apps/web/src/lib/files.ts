/**
 * Files the user dropped or picked, with their path inside a dropped folder. Hidden files
 * (.DS_Store, dot-folders) inside folders are skipped; a file picked on its own is always kept.
 */
export interface PickedFile {
	file: File;
	/** "cdr/CDR.2026-11-16.log" for a file inside a dropped folder, else the file name. */
	name: string;
}

export function filesFromList(list: FileList | null): PickedFile[] {
	if (!list) return [];
	const out: PickedFile[] = [];
	for (const file of Array.from(list)) {
		const path = file.webkitRelativePath || file.name;
		if (file.webkitRelativePath && isHidden(path)) continue;
		out.push({ file, name: path });
	}
	return out;
}

/** Reads files and folders (recursively) from a drop. */
export async function filesFromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
	const entries: FileSystemEntry[] = [];
	for (const item of Array.from(transfer.items)) {
		if (item.kind !== 'file') continue;
		const entry = item.webkitGetAsEntry?.();
		if (entry) entries.push(entry);
	}
	// Without the entries API (or for plain files), fall back to the file list.
	if (entries.length === 0) return filesFromList(transfer.files);
	const out: PickedFile[] = [];
	for (const entry of entries) await collect(entry, out, true);
	return out;
}

async function collect(entry: FileSystemEntry, out: PickedFile[], topLevel: boolean): Promise<void> {
	if (!topLevel && isHidden(entry.name)) return;
	if (entry.isFile) {
		const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
		out.push({ file, name: entry.fullPath.replace(/^\//, '') || file.name });
		return;
	}
	if (entry.isDirectory) {
		const reader = (entry as FileSystemDirectoryEntry).createReader();
		// readEntries returns at most ~100 entries per call: read until it returns none.
		for (;;) {
			const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
			if (batch.length === 0) break;
			for (const child of batch) await collect(child, out, false);
		}
	}
}

function isHidden(path: string): boolean {
	return path.split('/').some((part) => part.startsWith('.'));
}
