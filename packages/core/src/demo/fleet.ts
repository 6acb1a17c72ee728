import { Random } from '../util/rng.js';
import { CdrWriter, type ParticipantSpec, type StreamSpec } from './cdr-lines.js';
import { writeDump, type DumpPeer, type DumpQuality } from './dump-writer.js';

/**
 * The demo fleet: 90 days of two apps' calls for the fleet views, written in the real input
 * formats — OpenVidu CDR files (one per app and week, as a rotated cdr log) and
 * chrome://webrtc-internals dumps of one participant in `dumpEvery` — and imported through the
 * real pipeline. Deterministic: the same options always give the same bytes.
 *
 * What it models, so every figure has something to show: a daily rhythm per region (Europe,
 * the Americas, Asia) and quieter weekends; small meetings (the "meet" app) and classes (the
 * "classroom" app: a teacher publishes, students subscribe); a pool of returning users; seven
 * countries plus OpenVidu CE's "unknown"; browsers on five OSes; joins that connect in 1–3 s, a
 * few slow ones and a few that never connect; network disconnects; and, in the dumps, networks
 * (wifi, ethernet, cellular, vpn), RTT, jitter and loss profiles, video freezes and audio
 * concealment.
 */
export interface FleetOptions {
	seed: number;
	/** UTC midnight after the last day, ms. */
	endAt: number;
	days: number;
	/** Average sessions per day (weekdays get more, weekends fewer). */
	sessionsPerDay: number;
	/** One participant in this many has a webrtc-internals dump. */
	dumpEvery: number;
}

export const FLEET_DEFAULTS: FleetOptions = {
	seed: 20261123,
	endAt: Date.UTC(2026, 10, 23),
	days: 90,
	sessionsPerDay: 225,
	dumpEvery: 100
};

export interface FleetFile {
	name: string;
	app: string;
	text: string;
}

export const FLEET_APPS = ['meet', 'classroom'] as const;
type FleetApp = (typeof FLEET_APPS)[number];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface RegionSpec {
	cities: string[];
	/** Hour of the day (UTC) calls peak. */
	peakHour: number;
	weight: number;
}

const REGIONS: RegionSpec[] = [
	{ cities: ['Madrid, Spain', 'Barcelona, Spain'], peakHour: 10, weight: 0.16 },
	{ cities: ['Berlin, Germany', 'Munich, Germany'], peakHour: 10, weight: 0.14 },
	{ cities: ['London, United Kingdom'], peakHour: 11, weight: 0.12 },
	{ cities: ['New York, United States', 'Chicago, United States', 'San Francisco, United States'], peakHour: 17, weight: 0.24 },
	{ cities: ['São Paulo, Brazil'], peakHour: 16, weight: 0.1 },
	{ cities: ['Mumbai, India', 'Bangalore, India'], peakHour: 7, weight: 0.14 },
	{ cities: ['Tokyo, Japan'], peakHour: 3, weight: 0.1 }
];

interface PlatformSpec {
	platform: string;
	userAgent: string;
	weight: number;
}

const PLATFORMS: PlatformSpec[] = [
	{ platform: 'Chrome 131.0.6778.86 on Windows 10 64-bit', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36', weight: 0.24 },
	{ platform: 'Chrome 130.0.6723.117 on Windows 10 64-bit', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.117 Safari/537.36', weight: 0.08 },
	{ platform: 'Edge 131.0.2903.70 on Windows 10 64-bit', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70', weight: 0.08 },
	{ platform: 'Chrome 131.0.6778.86 on OS X 10.15.7 64-bit', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36', weight: 0.14 },
	{ platform: 'Safari 18.1 on OS X 10.15.7 64-bit', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', weight: 0.08 },
	{ platform: 'Firefox 133.0 on Ubuntu 64-bit', userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', weight: 0.05 },
	{ platform: 'Chrome Mobile 131.0.6778.81 on Android 14', userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36', weight: 0.17 },
	{ platform: 'Mobile Safari 18.1 on iOS 18.1', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', weight: 0.16 }
];

const NETWORKS: [string, number][] = [
	['wifi', 0.55],
	['ethernet', 0.25],
	['cellular', 0.15],
	['vpn', 0.05]
];

const USERS_PER_REGION = 4_000;

function weighted<T>(rnd: Random, items: readonly T[], weight: (item: T) => number): T {
	const total = items.reduce((s, i) => s + weight(i), 0);
	let r = rnd.next() * total;
	for (const item of items) {
		r -= weight(item);
		if (r <= 0) return item;
	}
	return items[items.length - 1] as T;
}

/** A seeded stream per day, so a day's sessions don't depend on how many came before. */
function dayRandom(seed: number, day: number): Random {
	return new Random((seed ^ Math.imul(day + 1, 0x9e3779b1)) >>> 0);
}

interface Person {
	userId: string;
	region: RegionSpec;
	city: string;
	platform: PlatformSpec;
}

interface Member {
	person: Person;
	participantId: string;
	joinAt: number;
	leaveAt: number;
	/** Join → media connected, ms; null = never connected. */
	loadMs: number | null;
	reason: string;
	stream: StreamSpec | null;
	/** Subscriptions: start, end (UTC ms) and the publishing member. */
	subs: { from: number; to: number; publisher: Member }[];
}

/** One file at a time: CDR files week by week, then the dumps (so they link to stored sessions). */
export function* generateFleet(overrides: Partial<FleetOptions> = {}): Generator<FleetFile> {
	const o = { ...FLEET_DEFAULTS, ...overrides };
	const startAt = o.endAt - o.days * DAY;
	const dumps: { name: string; app: FleetApp; spec: () => string }[] = [];
	const people = new Map<string, Person>();
	const weekdayFactor = (day: number) => {
		const weekday = new Date(startAt + day * DAY).getUTCDay();
		return weekday === 0 || weekday === 6 ? 0.45 : 1.22;
	};
	const meanFactor = Array.from({ length: o.days }, (_, d) => weekdayFactor(d)).reduce((a, b) => a + b, 0) / Math.max(1, o.days);
	let participantCounter = 0;
	for (let week = 0; week * 7 < o.days; week++) {
		const writers: Record<FleetApp, CdrWriter> = { meet: new CdrWriter(), classroom: new CdrWriter() };
		for (let day = week * 7; day < Math.min(o.days, week * 7 + 7); day++) {
			const rnd = dayRandom(o.seed, day);
			const dayStart = startAt + day * DAY;
			const count = Math.round((o.sessionsPerDay * weekdayFactor(day)) / meanFactor);
			for (let i = 0; i < count; i++) {
				const app: FleetApp = rnd.chance(0.75) ? 'meet' : 'classroom';
				const region = weighted(rnd, REGIONS, (r) => r.weight);
				const hour = (region.peakHour + gaussian(rnd) * 3 + 24) % 24;
				const sessionStart = dayStart + Math.floor(hour * HOUR + rnd.next() * MIN);
				const sessionId = `ses_${rnd.id(12)}`;
				const members = writeRoom(writers[app], rnd, app, sessionId, sessionStart, region, people, () => `con_${(participantCounter++).toString(36).toUpperCase().padStart(6, '0')}${rnd.id(4)}`);
				for (const m of members) {
					if (!(rnd.next() < 1 / o.dumpEvery)) continue;
					// Someone who neither published nor received anything has no peer connection to dump.
					if (!m.stream && m.loadMs !== null && m.subs.length === 0) continue;
					const seed = Math.floor(rnd.next() * 2 ** 31);
					dumps.push({
						name: `fleet-dumps/${new Date(dayStart).toISOString().slice(0, 10)}/webrtc_internals_dump_${m.participantId}.txt`,
						app,
						spec: () => dumpFor(new Random(seed), app, sessionId, m)
					});
				}
			}
		}
		const label = new Date(startAt + week * 7 * DAY).toISOString().slice(0, 10);
		for (const app of FLEET_APPS) {
			yield { name: `fleet-${app}/cdr-${label}.log`, app, text: writers[app].toText() };
		}
	}
	for (const d of dumps) yield { name: d.name, app: d.app, text: d.spec() };
}

/** How many files generateFleet yields, without generating them (for progress). */
export function fleetFileCount(overrides: Partial<FleetOptions> = {}): { cdr: number } {
	const o = { ...FLEET_DEFAULTS, ...overrides };
	return { cdr: Math.ceil(o.days / 7) * FLEET_APPS.length };
}

function gaussian(rnd: Random): number {
	// Irwin–Hall: close enough to normal for a daily rhythm, and deterministic.
	let s = 0;
	for (let i = 0; i < 6; i++) s += rnd.next();
	return (s - 3) / Math.sqrt(0.5);
}

function personFor(rnd: Random, region: RegionSpec, people: Map<string, Person>): Person {
	const local = rnd.chance(0.85) ? region : weighted(rnd, REGIONS, (r) => r.weight);
	const index = Math.floor(rnd.next() * USERS_PER_REGION);
	const userId = `${local.cities[0]?.slice(0, 3).toLowerCase()}-user-${index}`;
	let person = people.get(userId);
	if (!person) {
		// A person keeps a city and a device; OpenVidu CE (location "unknown") for a few.
		const city = index % 25 === 0 ? 'unknown' : (local.cities[index % local.cities.length] as string);
		person = { userId, region: local, city, platform: weighted(rnd, PLATFORMS, (p) => p.weight) };
		people.set(userId, person);
	}
	return person;
}

function writeRoom(
	out: CdrWriter,
	rnd: Random,
	app: FleetApp,
	sessionId: string,
	start: number,
	region: RegionSpec,
	people: Map<string, Person>,
	newId: () => string
): Member[] {
	const classroom = app === 'classroom';
	const size = classroom ? rnd.int(7, 15) : weighted(rnd, [2, 2, 2, 2, 2, 3, 3, 3, 4, 5, 6], () => 1);
	const lengthMs = classroom ? rnd.int(40, 90) * MIN : Math.max(3 * MIN, Math.round(Math.exp(2.6 + gaussian(rnd) * 0.6) * MIN));
	const end = start + lengthMs;
	out.sessionCreated(start, sessionId);
	const members: Member[] = [];
	const used = new Set<string>();
	let joinAt = start;
	for (let i = 0; i < size; i++) {
		let person = personFor(rnd, region, people);
		while (used.has(person.userId)) person = personFor(rnd, region, people);
		used.add(person.userId);
		// Joins at least 1.5 s apart: people click "join" at different times.
		joinAt += i === 0 ? 0 : 1_500 + Math.floor(rnd.next() * (i < 3 ? 40_000 : 180_000));
		const roll = rnd.next();
		const loadMs = roll < 0.02 ? null : roll < 0.09 ? rnd.int(5_200, 14_000) : rnd.int(700, 3_200);
		const leaveAt = loadMs === null ? joinAt + rnd.int(20, 60) * 1000 : Math.min(end + rnd.int(0, 30_000), Math.max(joinAt + 2 * MIN, end - (rnd.chance(0.2) ? rnd.int(1, 20) * MIN : 0)));
		const reason = loadMs === null ? 'disconnect' : rnd.chance(0.05) ? 'networkDisconnect' : 'disconnect';
		const publishes = !classroom || i === 0 || rnd.chance(0.06);
		const participantId = newId();
		const audioOnly = !classroom && rnd.chance(0.12);
		const [w, h] = audioOnly ? [0, 0] : pickResolution(rnd, person.platform, i === 0 && classroom);
		members.push({
			person,
			participantId,
			joinAt,
			leaveAt: Math.max(joinAt + 10_000, leaveAt),
			loadMs,
			reason,
			stream:
				publishes && loadMs !== null
					? {
							streamId: `str_CAM_${rnd.id(4)}_${participantId}`,
							videoSource: 'CAMERA',
							audioEnabled: true,
							videoEnabled: !audioOnly,
							videoFramerate: 30,
							width: w,
							height: h
						}
					: null,
			subs: []
		});
	}
	// A network disconnect is followed by a rejoin: a new connection of the same user (OpenVidu
	// gives it a new participantId), so call sessions outnumber call participants.
	for (const m of [...members]) {
		if (m.reason !== 'networkDisconnect' || m.leaveAt >= end - MIN) continue;
		const joinAt = m.leaveAt + rnd.int(4_000, 20_000);
		const loadMs = rnd.int(900, 3_500);
		const participantId = newId();
		members.push({
			...m,
			participantId,
			joinAt,
			leaveAt: Math.max(joinAt + 30_000, end + rnd.int(0, 20_000)),
			loadMs,
			reason: 'disconnect',
			stream: m.stream ? { ...m.stream, streamId: `str_CAM_${rnd.id(4)}_${participantId}` } : null,
			subs: []
		});
	}
	// Subscriptions: everyone connected receives every other publisher while both are online.
	for (const m of members) {
		if (m.loadMs === null) continue;
		const ready = m.joinAt + m.loadMs;
		for (const p of members) {
			if (p === m || !p.stream || p.loadMs === null) continue;
			const from = Math.max(ready, p.joinAt + p.loadMs) + 300;
			const to = Math.min(m.leaveAt, p.leaveAt);
			if (to - from > 2_000) m.subs.push({ from, to, publisher: p });
		}
	}
	const spec = (m: Member): ParticipantSpec => ({
		participantId: m.participantId,
		location: m.person.city,
		platform: m.person.platform.platform,
		clientData: m.person.userId,
		serverData: classroom ? (m === members[0] ? 'teacher' : 'student') : ''
	});
	for (const m of members) {
		out.participantJoined(m.joinAt, sessionId, spec(m));
		if (m.stream && m.loadMs !== null) {
			const at = m.joinAt + m.loadMs;
			out.webrtcConnection('created', at, sessionId, m.participantId, m.stream, null);
			out.webrtcConnection('destroyed', m.leaveAt, sessionId, m.participantId, m.stream, null, { startTime: at, reason: m.reason === 'disconnect' ? 'unpublish' : m.reason });
		}
		for (const s of m.subs) {
			const stream = s.publisher.stream as StreamSpec;
			out.webrtcConnection('created', s.from, sessionId, m.participantId, stream, { receivingFrom: s.publisher.participantId });
			out.webrtcConnection('destroyed', s.to, sessionId, m.participantId, stream, { receivingFrom: s.publisher.participantId }, { startTime: s.from, reason: s.to === m.leaveAt && m.reason !== 'disconnect' ? m.reason : 'unsubscribe' });
		}
		out.participantLeft(m.leaveAt, sessionId, spec(m), m.joinAt, m.reason);
	}
	const last = Math.max(...members.map((m) => m.leaveAt));
	out.sessionDestroyed(last + 100, sessionId, start, 'lastParticipantLeft');
	return members;
}

function pickResolution(rnd: Random, platform: PlatformSpec, teacher: boolean): [number, number] {
	if (teacher && rnd.chance(0.15)) return [2560, 1440];
	if (/Mobile/.test(platform.platform)) return rnd.chance(0.6) ? [640, 480] : [1280, 720];
	const roll = rnd.next();
	return roll < 0.3 ? [640, 360] : roll < 0.85 ? [1280, 720] : [1920, 1080];
}

/** The member's dump: its publisher connection and up to two subscriptions, with a quality profile. */
function dumpFor(rnd: Random, app: FleetApp, sessionId: string, m: Member): string {
	const created = m.joinAt + rnd.int(150, 400);
	const connectedAt = m.loadMs === null ? null : m.joinAt + m.loadMs;
	const peers: DumpPeer[] = [];
	if (m.stream || m.loadMs === null) {
		peers.push({
			direction: 'outbound',
			video: m.stream && m.stream.videoEnabled ? { width: m.stream.width, height: m.stream.height, fps: 30 } : null,
			audio: true,
			createdAt: created,
			connectedAt,
			endAt: m.leaveAt
		});
	}
	for (const s of m.subs.slice(0, 2)) {
		const stream = s.publisher.stream as StreamSpec;
		peers.push({
			direction: 'inbound',
			video: stream.videoEnabled ? { width: stream.width, height: stream.height, fps: 30 } : null,
			audio: true,
			createdAt: peers.length === 0 ? created : s.from - 400,
			connectedAt: s.from,
			endAt: s.to
		});
	}
	const callMs = Math.max(1, m.leaveAt - m.joinAt);
	return writeDump(
		{
			userAgent: m.person.platform.userAgent,
			url: `https://${app}.example.com/room/${sessionId}`,
			networkType: weighted(rnd, NETWORKS, (n) => n[1])[0],
			peers,
			quality: qualityProfile(rnd, callMs),
			sampleS: 15
		},
		rnd
	);
}

function qualityProfile(rnd: Random, callMs: number): DumpQuality {
	const roll = rnd.next();
	const freezes = (ratePct: number, minMs: number, maxMs: number) => {
		const out: number[] = [];
		let total = 0;
		while (total < (callMs * ratePct) / 100) {
			const ms = rnd.int(minMs, maxMs);
			out.push(ms);
			total += ms;
		}
		return out;
	};
	if (roll < 0.7) {
		return { rttMs: rnd.int(30, 140), jitterMs: rnd.int(3, 18), lossPct: rnd.next() * 1.2, videoFreezesMs: freezes(rnd.next() * 0.6, 650, 900), audioConcealedMs: freezes(rnd.next() * 0.3, 210, 300) };
	}
	if (roll < 0.82) {
		return { rttMs: rnd.int(120, 300), jitterMs: rnd.int(30, 90), lossPct: 6 + rnd.next() * 22, videoFreezesMs: freezes(4 + rnd.next() * 8, 700, 2_500), audioConcealedMs: freezes(2 + rnd.next() * 4, 220, 600) };
	}
	if (roll < 0.9) {
		return { rttMs: rnd.int(520, 950), jitterMs: rnd.int(40, 140), lossPct: 1 + rnd.next() * 4, videoFreezesMs: freezes(1 + rnd.next() * 3, 700, 1_500), audioConcealedMs: freezes(rnd.next() * 2, 210, 400) };
	}
	return { rttMs: rnd.int(40, 150), jitterMs: rnd.int(5, 25), lossPct: rnd.next() * 2, videoFreezesMs: freezes(5.5 + rnd.next() * 7, 800, 2_000), audioConcealedMs: freezes(rnd.next() * 1, 210, 300) };
}
