/**
 * What the files of one pooled import job (pool.ts) wait for, so that importing them on several
 * workers at once stores exactly what importing them one after another would:
 *
 * - **claims**: two files with the same import id or content id (a file dropped twice, or plain
 *   and gzipped) never run at once; the second waits and then finds the first "already imported",
 *   as it would one after the other (instead of "being imported right now" by its sibling).
 * - **order**: a webrtc dump links its streams to the provider sessions stored when it is read
 *   (link-dumps.ts). So a dump waits until every earlier file of the job that stores provider
 *   sessions has finished, and a file that stores sessions waits until every earlier dump has
 *   finished. Files of the same class run at once (session rows merge in their transaction).
 */

/** A file's order class, from its format: dumps link to stored sessions, the rest store sessions. */
export type OrderClass = 'dump' | 'store';

const DUMP_FORMATS: ReadonlySet<string> = new Set(['webrtc-internals', 'rtcstats', 'about-webrtc']);

export function orderClassOf(formatId: string): OrderClass {
	return DUMP_FORMATS.has(formatId) ? 'dump' : 'store';
}

/** One file's view of its job (ImportOptions.siblings). Plain async methods: it crosses Comlink. */
export interface ImportSiblings {
	/**
	 * Resolves once no other file of the job holds the import id `id`; the caller then holds it
	 * until it ends. While it waits it writes nothing, so later files do not wait for it.
	 */
	claim(id: string): Promise<void>;
	/**
	 * Takes the content id `id` if no other file of the job holds it (as import id or content id):
	 * false when one does — a twin (plain and gzipped) being imported right now.
	 */
	claimContent(id: string): Promise<boolean>;
	/** Resolves once the file, now known to be of class `order`, may write (see the module comment). */
	ordered(order: OrderClass): Promise<void>;
}

/**
 * The job's side: claims and the order of files by their index in the job. Every file the job
 * starts must end with {@link finished} (whatever its outcome), or later files wait forever.
 *
 * One case keeps less than the one-by-one order: when a file waited for a twin's claim and the
 * twin then failed, it imports after files that did not wait for it.
 */
export class JobSiblings {
	private readonly classes: (OrderClass | undefined)[] = [];
	private readonly done: boolean[] = [];
	private readonly queued: boolean[] = [];
	private readonly held = new Map<string, { index: number; queue: { index: number; resolve: () => void }[] }>();
	private readonly heldBy = new Map<number, Set<string>>();
	private waiting: { index: number; order: OrderClass; resolve: () => void }[] = [];

	/** Import ids and content ids held right now (removal refuses them). */
	isClaimed(id: string): boolean {
		return this.held.has(id);
	}

	/** The view of the file at `index` of the job. */
	forFile(index: number): ImportSiblings {
		return {
			claim: (id) => this.claim(index, id),
			claimContent: async (id) => this.claimContent(index, id),
			ordered: (order) => this.ordered(index, order)
		};
	}

	/** The file at `index` has ended (any outcome, or its worker died): its claims are freed. */
	finished(index: number): void {
		this.done[index] = true;
		for (const id of [...(this.heldBy.get(index) ?? [])]) this.release(index, id);
		this.heldBy.delete(index);
		this.wake();
	}

	private claim(index: number, id: string): Promise<void> {
		const entry = this.held.get(id);
		if (!entry) {
			this.take(index, id);
			return Promise.resolve();
		}
		if (entry.index === index) return Promise.resolve();
		this.queued[index] = true;
		this.wake();
		return new Promise((resolve) =>
			entry.queue.push({
				index,
				resolve: () => {
					this.queued[index] = false;
					resolve();
				}
			})
		);
	}

	private claimContent(index: number, id: string): boolean {
		const entry = this.held.get(id);
		if (entry && entry.index !== index) return false;
		this.take(index, id);
		return true;
	}

	private take(index: number, id: string): void {
		this.held.set(id, { index, queue: this.held.get(id)?.queue ?? [] });
		const mine = this.heldBy.get(index) ?? new Set<string>();
		mine.add(id);
		this.heldBy.set(index, mine);
	}

	private release(index: number, id: string): void {
		const entry = this.held.get(id);
		if (!entry || entry.index !== index) return;
		this.heldBy.get(index)?.delete(id);
		const next = entry.queue.shift();
		if (!next) {
			this.held.delete(id);
			return;
		}
		this.take(next.index, id);
		next.resolve();
	}

	private ordered(index: number, order: OrderClass): Promise<void> {
		this.classes[index] = order;
		const p = new Promise<void>((resolve) => this.waiting.push({ index, order, resolve }));
		this.wake();
		return p;
	}

	private mayWrite(index: number, order: OrderClass): boolean {
		for (let k = 0; k < index; k++) {
			if (this.done[k]) continue;
			const other = this.classes[k];
			if (other === undefined ? !this.queued[k] : other !== order) return false;
		}
		return true;
	}

	private wake(): void {
		const still: typeof this.waiting = [];
		for (const w of this.waiting) {
			if (this.mayWrite(w.index, w.order)) w.resolve();
			else still.push(w);
		}
		this.waiting = still;
	}
}
