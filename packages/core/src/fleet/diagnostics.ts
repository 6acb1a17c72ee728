import type { ParticipantFact, RoomFact } from './facts.js';
import { alarmTable, ROOM_LOADED_FAST_MS, type AlarmDefinition, type AlarmId, type ThresholdOverrides } from './thresholds.js';
import { topWithOther, type Share } from './top-five.js';

/**
 * Diagnostics (sparkrtc-console-guide.txt §4.4): users with abnormal call experience in a window
 * of at most 24 hours, why, and where to look.
 *
 * Rules (the document names the types, causes and sources but not how a cause is chosen):
 * - **slow room loading** (phase joining): the join did not connect media within 5 s, or never;
 *   cause: the first of the user's uplink figures over its Table 4-3 threshold, else "never
 *   connected" or "unknown" (no dump from this user: the CDR alone cannot say why);
 * - **video freeze** / **audio freeze** (phase in call): the user's received video (audio) freeze
 *   rate is over the "Downlink video (audio) freeze" threshold (5 %, 3 %); cause: the first of
 *   the user's own downlink figures of that media over its threshold (source local), else the
 *   first uplink figure of that media over its threshold among the other users of the room
 *   online at the same time (source remote), else the freeze rate itself (source local).
 * "First" follows the order of Table 4-3.
 */

export type ExceptionType = 'slowLoading' | 'videoFreeze' | 'audioFreeze';

export const EXCEPTION_TYPE_LABELS: Record<ExceptionType, string> = {
	slowLoading: 'Slow room loading',
	videoFreeze: 'Video freeze',
	audioFreeze: 'Audio freeze'
};

export interface ExceptionRow {
	/** Call time: the join (slow loading) or the first counted freeze, UTC ms. */
	at: number;
	app: string;
	sessionKey: string;
	sessionId: string;
	participantId: string;
	/** Untrusted text (clientData): show as text. */
	user: string;
	userKey: string;
	phase: 'joining' | 'in call';
	type: ExceptionType;
	/** A Table 4-3 cause label, or "Unknown (no stats from this user)" / "Never connected". */
	cause: string;
	causeId: AlarmId | null;
	source: 'local' | 'remote' | null;
	/** The figure that made it an exception: load time (ms, null if never) or freeze rate (%). */
	value: number | null;
	/** For a remote cause: the sending user's participant id. */
	remoteParticipantId?: string;
}

export interface Diagnostics {
	from: number;
	to: number;
	overview: Record<ExceptionType, number>;
	/** Users per cause, top 5 with Other; share = users ÷ all (user, cause) pairs. */
	causes: Share[];
	/** Per cause: its exception type(s). */
	causeTypes: Record<string, ExceptionType[]>;
	rows: ExceptionRow[];
	/** Users whose join fell in the window, and how many of them had a dump. */
	users: number;
	usersWithStats: number;
}

const UNKNOWN_CAUSE = 'Unknown (no stats from this user)';
const NEVER_CONNECTED = 'Never connected (no media)';

function breach(p: ParticipantFact, row: AlarmDefinition): boolean {
	const v = p.stats?.metrics[row.id];
	return v !== undefined && v > row.threshold;
}

function overlaps(a: ParticipantFact, b: ParticipantFact): boolean {
	return a.joinAt < b.leftAt && b.joinAt < a.leftAt;
}

export function diagnostics(rooms: readonly RoomFact[], from: number, to: number, overrides: ThresholdOverrides = {}): Diagnostics {
	const table = alarmTable(overrides);
	const row = (id: AlarmId) => table.find((r) => r.id === id) as AlarmDefinition;
	const rows: ExceptionRow[] = [];
	let users = 0;
	let usersWithStats = 0;
	for (const room of rooms) {
		for (const p of room.participants) {
			if (p.joinAt < from || p.joinAt > to) continue;
			users++;
			if (p.stats) usersWithStats++;
			const base = {
				app: room.app,
				sessionKey: room.sessionKey,
				sessionId: room.sessionId,
				participantId: p.participantId,
				user: p.label,
				userKey: p.userKey
			};
			if (p.attempted && p.loaded !== null && (!p.loaded || (p.loadMs ?? 0) > ROOM_LOADED_FAST_MS)) {
				const cause = table.find((r) => r.direction === 'uplink' && breach(p, r));
				rows.push({
					...base,
					at: p.joinAt,
					phase: 'joining',
					type: 'slowLoading',
					cause: cause?.label ?? (p.loaded ? UNKNOWN_CAUSE : NEVER_CONNECTED),
					causeId: cause?.id ?? null,
					source: cause ? 'local' : null,
					value: p.loaded ? p.loadMs : null
				});
			}
			for (const media of ['video', 'audio'] as const) {
				const freezeRow = row(media === 'video' ? 'downlinkVideoFreeze' : 'downlinkAudioFreeze');
				if (!breach(p, freezeRow)) continue;
				const kind = media === 'video' ? 'Video' : 'Audio';
				const own = table.find((r) => r.direction === 'downlink' && r.id.startsWith(`downlink${kind}`) && r.id !== freezeRow.id && breach(p, r));
				let cause: AlarmDefinition = own ?? freezeRow;
				let source: ExceptionRow['source'] = 'local';
				let remoteParticipantId: string | undefined;
				if (!own) {
					for (const r of table.filter((x) => x.direction === 'uplink' && x.id.startsWith(`uplink${kind}`))) {
						const sender = room.participants.find((o) => o !== p && overlaps(o, p) && breach(o, r));
						if (sender) {
							cause = r;
							source = 'remote';
							remoteParticipantId = sender.participantId;
							break;
						}
					}
				}
				const firstAt = media === 'video' ? p.stats?.firstVideoFreezeAt : p.stats?.firstAudioFreezeAt;
				rows.push({
					...base,
					at: firstAt ?? p.joinAt,
					phase: 'in call',
					type: media === 'video' ? 'videoFreeze' : 'audioFreeze',
					cause: cause.label,
					causeId: cause.id,
					source,
					value: p.stats?.metrics[freezeRow.id] ?? null,
					...(remoteParticipantId ? { remoteParticipantId } : {})
				});
			}
		}
	}
	rows.sort((a, b) => a.at - b.at || a.sessionKey.localeCompare(b.sessionKey));
	const usersOf = (type: ExceptionType) => new Set(rows.filter((r) => r.type === type).map((r) => `${r.sessionKey}|${r.userKey}`)).size;
	const causeUsers = new Map<string, Set<string>>();
	const causeTypes: Record<string, ExceptionType[]> = {};
	for (const r of rows) {
		const set = causeUsers.get(r.cause) ?? new Set<string>();
		set.add(`${r.sessionKey}|${r.userKey}`);
		causeUsers.set(r.cause, set);
		const types = (causeTypes[r.cause] ??= []);
		if (!types.includes(r.type)) types.push(r.type);
	}
	return {
		from,
		to,
		overview: { slowLoading: usersOf('slowLoading'), videoFreeze: usersOf('videoFreeze'), audioFreeze: usersOf('audioFreeze') },
		causes: topWithOther(new Map([...causeUsers].map(([c, s]) => [c, s.size]))),
		causeTypes,
		rows,
		users,
		usersWithStats
	};
}
