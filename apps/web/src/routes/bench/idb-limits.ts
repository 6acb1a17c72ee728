/**
 * What IndexedDB itself costs, with nothing of rtcscope running (bench/run.ts `folder` and
 * `store` sections): each run opens a scratch database of its own and deletes it afterwards.
 */

function openScratch(name: string, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
	return new Promise((ok, fail) => {
		const open = indexedDB.open(name, 1);
		open.onupgradeneeded = () => upgrade(open.result);
		open.onsuccess = () => ok(open.result);
		open.onerror = () => fail(open.error);
	});
}

function done(t: IDBTransaction): Promise<void> {
	return new Promise((ok, fail) => {
		t.oncomplete = () => ok();
		t.onerror = () => fail(t.error);
	});
}

function drop(db: IDBDatabase): void {
	db.close();
	indexedDB.deleteDatabase(db.name);
}

/**
 * The store's floor for a folder of small files: `files` × `rowsPerFile` rows of ~1 KB (one
 * indexed field), one readwrite transaction per file after `readsPerFile` single-get readonly
 * ones, on `lanes` loops at once. @returns wall time, ms
 */
export async function storeFloor(files: number, rowsPerFile: number, readsPerFile: number, lanes: number): Promise<{ ms: number }> {
	const db = await openScratch(`rtcscope-bench-floor-${Date.now()}`, (d) => d.createObjectStore('rows', { keyPath: 'key' }).createIndex('importId', 'importId'));
	const payload = new Float64Array(120).map((_, i) => i * 1.5);
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: lanes }, async () => {
			for (let f = next++; f < files; f = next++) {
				for (let r = 0; r < readsPerFile; r++) {
					const t = db.transaction('rows', 'readonly');
					t.objectStore('rows').get(`f${f - 1}-${r}`);
					await done(t);
				}
				const t = db.transaction('rows', 'readwrite');
				for (let r = 0; r < rowsPerFile; r++) t.objectStore('rows').put({ key: `f${f}-${r}`, importId: `imp${f}`, payload });
				await done(t);
			}
		})
	);
	const ms = performance.now() - t0;
	drop(db);
	return { ms };
}

/**
 * 100 MiB written as values of `kib` KiB of JSON-like text (like an event block's), in
 * transactions of ~8 MiB, then read back 64 values per transaction. @returns MiB/s each way
 */
export async function storeSizes(kib: number): Promise<{ writeMiBs: number; readMiBs: number }> {
	const db = await openScratch(`rtcscope-bench-sizes-${Date.now()}`, (d) => d.createObjectStore('b'));
	const size = kib * 1024;
	const n = Math.floor((100 * 1024 * 1024) / size);
	const perTx = Math.max(1, Math.floor((8 * 1024 * 1024) / size));
	const sample = Array.from({ length: 64 }, (_, i) =>
		JSON.stringify({ at: 1767250800000 + i * 997, type: 'participantJoined', detail: { kind: 'connection', location: 'New York, United States', platform: `Chrome 131.0.${i} on Windows 10` } })
	).join(',');
	let text = '';
	while (text.length < size) text += sample;
	text = text.slice(0, size);
	const t0 = performance.now();
	for (let i = 0; i < n; i += perTx) {
		const t = db.transaction('b', 'readwrite');
		for (let j = i; j < Math.min(n, i + perTx); j++) t.objectStore('b').put(text + j, j);
		await done(t);
	}
	const writeMs = performance.now() - t0;
	const t1 = performance.now();
	for (let i = 0; i < n; i += 64) {
		const t = db.transaction('b', 'readonly');
		for (let j = i; j < Math.min(n, i + 64); j++) t.objectStore('b').get(j);
		await done(t);
	}
	const readMs = performance.now() - t1;
	drop(db);
	return { writeMiBs: 100 / (writeMs / 1000), readMiBs: 100 / (readMs / 1000) };
}
