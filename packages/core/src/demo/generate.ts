import { Random } from '../util/rng.js';
import { CdrWriter, type ParticipantSpec, type StreamSpec } from './cdr-lines.js';

/**
 * Deterministic demo dataset: OpenVidu CDR lines for a few days of an app's calls, written in
 * the real format and imported through the real pipeline. The same options always give the same
 * bytes (seeded PRNG, fixed start date), so tests can assert on its figures.
 *
 * What it contains, on purpose: one-to-one, multiparty, broadcast and one-to-zero calls; a
 * session id reused for two meetings; network disconnects with reconnects; a participant removed
 * by a moderator; a media-server crash; a recording that becomes ready and one that fails;
 * signals; and an OpenVidu Pro cluster whose media nodes scale with the load.
 */
export interface DemoOptions {
	seed: number;
	/** UTC midnight of the first day, ms. */
	startAt: number;
	days: number;
	sessionsPerDay: number;
	clusterId: string;
}

export const DEMO_DEFAULTS: DemoOptions = {
	seed: 20261116,
	startAt: Date.UTC(2026, 10, 16),
	days: 5,
	sessionsPerDay: 8,
	clusterId: 'demo-cluster'
};

/** The name the demo import gets in the import list. */
export const DEMO_FILE_NAME = 'rtcscope-demo-openvidu-cdr.jsonl';

const MIN = 60_000;
const HOUR = 60 * MIN;

const LOCATIONS = [
	'Madrid, Spain',
	'Berlin, Germany',
	'New York, United States',
	'São Paulo, Brazil',
	'Tokyo, Japan',
	'unknown'
];
const PLATFORMS = [
	'Chrome 131.0.6778.86 on Windows 10 64-bit',
	'Chrome 131.0.6778.86 on OS X 10.15.7 64-bit',
	'Firefox 133.0 on Ubuntu 64-bit',
	'Safari 18.1 on OS X 10.15.7 64-bit',
	'Chrome Mobile 131.0.6778.81 on Android 14',
	'Mobile Safari 18.1 on iOS 18.1',
	'Edge 131.0.2903.70 on Windows 10 64-bit'
];
const NAMES = [
	'Alice',
	'Bob',
	'Carmen',
	'Dmitri',
	'Emeka',
	'Fatima',
	'Gus',
	'Hana',
	'Ivan',
	'Jun',
	'Kofi',
	'Lena',
	'Mateo',
	'Nia',
	'Omar',
	'Priya',
	'Quinn',
	'Rosa',
	'Sven',
	'Tariq'
];
const RESOLUTIONS: [number, number][] = [
	[640, 480],
	[1280, 720],
	[1280, 720],
	[1920, 1080],
	[320, 240]
];

type Kind = 'one-to-one' | 'multiparty' | 'broadcast' | 'one-to-zero';

interface Person {
	name: string;
	location: string;
	platform: string;
	publishes: boolean;
}

interface Connection extends ParticipantSpec {
	person: Person;
	joinedAt: number;
	leftAt: number;
	leaveReason: string;
	camera: StreamSpec | null;
}

export function generateDemoCdr(overrides: Partial<DemoOptions> = {}): CdrWriter {
	const options = { ...DEMO_DEFAULTS, ...overrides };
	const rnd = new Random(options.seed);
	const out = new CdrWriter();

	for (let day = 0; day < options.days; day++) {
		const dayStart = options.startAt + day * 24 * HOUR;
		for (let i = 0; i < options.sessionsPerDay; i++) {
			const startAt = dayStart + 8 * HOUR + Math.floor(rnd.next() * 10 * HOUR);
			const roll = rnd.next();
			const special = specialsFor(day, i);
			const kind: Kind =
				special.kind ??
				(roll < 0.5
					? 'one-to-one'
					: roll < 0.72
						? 'multiparty'
						: roll < 0.88
							? 'broadcast'
							: 'one-to-zero');
			const sessionId = `ses_${rnd.id(10)}`;
			writeSession(out, rnd, sessionId, startAt, kind, special);
		}
		if (day === 0) {
			// One session id reused for two meetings 30 idle minutes apart (Vonage meeting rule).
			writeSession(out, rnd, 'daily-standup', dayStart + 9 * HOUR, 'multiparty', {
				fixedMinutes: 15
			});
			writeSession(out, rnd, 'daily-standup', dayStart + 10 * HOUR, 'multiparty', {
				fixedMinutes: 20
			});
		}
	}
	writeCluster(out, rnd, options);
	return out;
}

interface SessionSpecials {
	kind?: Kind;
	recording?: 'ready' | 'failed';
	crash?: boolean;
	kick?: boolean;
	fixedMinutes?: number;
}

/** Places the special cases on fixed days, so every demo of a few days has each of them. */
function specialsFor(day: number, index: number): SessionSpecials {
	if (index !== 0) return {};
	const pattern = day % 4;
	if (pattern === 1) return { kind: 'multiparty', recording: 'ready' };
	if (pattern === 2) return { kind: 'one-to-one', recording: 'failed', crash: true };
	if (pattern === 3) return { kind: 'multiparty', kick: true };
	return {};
}

function writeSession(
	out: CdrWriter,
	rnd: Random,
	sessionId: string,
	startAt: number,
	kind: Kind,
	special: SessionSpecials
): void {
	const people = castFor(rnd, kind);
	const durationMin =
		special.fixedMinutes ??
		(kind === 'one-to-zero'
			? rnd.int(2, 8)
			: kind === 'broadcast'
				? rnd.int(30, 80)
				: rnd.int(5, 55));
	const createdAt = startAt - rnd.int(200, 1500);
	const sessionEnd = startAt + durationMin * MIN;
	out.sessionCreated(createdAt, sessionId);

	const crashAt = special.crash ? startAt + Math.floor(durationMin * MIN * 0.6) : null;
	const connections: Connection[] = [];
	people.forEach((person, n) => {
		let joinedAt = startAt + n * rnd.int(2_000, 40_000);
		const leaveAt = n === 0 ? sessionEnd : Math.min(sessionEnd, sessionEnd - rnd.int(0, 4 * MIN));
		// Some people lose the network once and come back as a new connection.
		const dropAt =
			kind !== 'one-to-zero' && !crashAt && rnd.chance(0.12)
				? joinedAt + Math.floor((leaveAt - joinedAt) * (0.3 + rnd.next() * 0.4))
				: null;
		if (dropAt) {
			connections.push(connection(rnd, person, joinedAt, dropAt, 'networkDisconnect'));
			joinedAt = dropAt + rnd.int(15_000, 70_000);
		}
		const kicked = special.kick && n === people.length - 1 && people.length > 2;
		const end = crashAt ?? (kicked ? joinedAt + Math.floor((leaveAt - joinedAt) / 2) : leaveAt);
		const reason = crashAt
			? 'mediaServerDisconnect'
			: kicked
				? 'forceDisconnectByServer'
				: 'disconnect';
		connections.push(connection(rnd, person, joinedAt, Math.max(joinedAt + 5_000, end), reason));
	});

	for (const c of connections) {
		out.participantJoined(c.joinedAt, sessionId, spec(c));
		if (c.camera) {
			const startedAt = c.joinedAt + rnd.int(800, 4_000);
			if (startedAt < c.leftAt) {
				out.webrtcConnection('created', startedAt, sessionId, c.participantId, c.camera, null);
				out.webrtcConnection('destroyed', c.leftAt, sessionId, c.participantId, c.camera, null, {
					startTime: startedAt,
					reason: c.leaveReason === 'disconnect' ? 'unpublish' : c.leaveReason
				});
				subscribeAll(out, rnd, sessionId, c, c.camera, startedAt, c.leftAt, connections);
			}
		}
		out.participantLeft(c.leftAt, sessionId, spec(c), c.joinedAt, c.leaveReason);
	}
	// A screen share in some multiparty calls.
	const presenter = connections.find((c) => c.camera);
	if (kind === 'multiparty' && presenter && rnd.chance(0.35)) {
		const from = presenter.joinedAt + Math.floor((presenter.leftAt - presenter.joinedAt) * 0.3);
		const to = Math.min(presenter.leftAt, from + rnd.int(3, 10) * MIN);
		const screen: StreamSpec = {
			streamId: `str_SCR_${rnd.id(4)}_${presenter.participantId}`,
			videoSource: 'SCREEN',
			audioEnabled: false,
			videoEnabled: true,
			videoFramerate: 15,
			width: 1920,
			height: 1080
		};
		out.webrtcConnection('created', from, sessionId, presenter.participantId, screen, null);
		out.webrtcConnection('destroyed', to, sessionId, presenter.participantId, screen, null, {
			startTime: from,
			reason: 'unpublish'
		});
		subscribeAll(out, rnd, sessionId, presenter, screen, from, to, connections);
	}
	if (connections.length > 1 && rnd.chance(0.5)) {
		const a = connections[0] as Connection;
		const at = a.joinedAt + rnd.int(30_000, 120_000);
		if (at < a.leftAt)
			out.signalSent(
				at,
				sessionId,
				a.participantId,
				connections
					.filter((c) => c !== a && c.joinedAt <= at && c.leftAt >= at)
					.map((c) => c.participantId),
				'chat',
				JSON.stringify({ message: 'Can you hear me?', name: a.person.name })
			);
	}
	if (special.recording)
		writeRecording(out, rnd, sessionId, startAt, connections, special.recording, crashAt);
	const lastLeft = Math.max(...connections.map((c) => c.leftAt));
	out.sessionDestroyed(
		lastLeft + rnd.int(20, 900),
		sessionId,
		createdAt,
		crashAt ? 'mediaServerDisconnect' : 'lastParticipantLeft'
	);
}

function castFor(rnd: Random, kind: Kind): Person[] {
	const count =
		kind === 'one-to-zero'
			? 1
			: kind === 'one-to-one'
				? 2
				: kind === 'multiparty'
					? rnd.int(3, 6)
					: rnd.int(6, 15);
	const names = [...NAMES].sort(() => rnd.next() - 0.5);
	return Array.from({ length: count }, (_, n) => ({
		name: names[n % names.length] as string,
		location: rnd.pick(LOCATIONS),
		platform: rnd.pick(PLATFORMS),
		publishes: kind !== 'broadcast' || n === 0
	}));
}

function connection(
	rnd: Random,
	person: Person,
	joinedAt: number,
	leftAt: number,
	leaveReason: string
): Connection {
	const participantId = `con_${rnd.id(10)}`;
	const [width, height] = rnd.pick(RESOLUTIONS);
	return {
		participantId,
		location: person.location,
		platform: person.platform,
		clientData: JSON.stringify({ clientData: person.name }),
		serverData: JSON.stringify({ role: person.publishes ? 'PUBLISHER' : 'SUBSCRIBER' }),
		person,
		joinedAt,
		leftAt,
		leaveReason,
		camera: person.publishes
			? {
					streamId: `str_CAM_${rnd.id(4)}_${participantId}`,
					videoSource: 'CAMERA',
					audioEnabled: true,
					videoEnabled: rnd.chance(0.9),
					videoFramerate: rnd.pick([15, 24, 30, 30]),
					width,
					height
				}
			: null
	};
}

function spec(c: Connection): ParticipantSpec {
	return {
		participantId: c.participantId,
		location: c.location,
		platform: c.platform,
		clientData: c.clientData,
		serverData: c.serverData
	};
}

function subscribeAll(
	out: CdrWriter,
	rnd: Random,
	sessionId: string,
	publisher: Connection,
	stream: StreamSpec,
	from: number,
	to: number,
	everyone: Connection[]
): void {
	for (const sub of everyone) {
		if (sub.person === publisher.person) continue;
		const start = Math.max(from, sub.joinedAt) + rnd.int(300, 2_500);
		const end = Math.min(to, sub.leftAt);
		if (start >= end) continue;
		const reason =
			end === sub.leftAt
				? sub.leaveReason === 'disconnect'
					? 'unsubscribe'
					: sub.leaveReason
				: publisher.leftAt === to && publisher.leaveReason !== 'disconnect'
					? publisher.leaveReason
					: 'unpublish';
		out.webrtcConnection('created', start, sessionId, sub.participantId, stream, {
			receivingFrom: publisher.participantId
		});
		out.webrtcConnection(
			'destroyed',
			end,
			sessionId,
			sub.participantId,
			stream,
			{ receivingFrom: publisher.participantId },
			{ startTime: start, reason }
		);
	}
}

function writeRecording(
	out: CdrWriter,
	rnd: Random,
	sessionId: string,
	startAt: number,
	connections: Connection[],
	outcome: 'ready' | 'failed',
	crashAt: number | null
): void {
	const started = startAt + rnd.int(60_000, 180_000);
	const stopped = crashAt ?? Math.min(...connections.map((c) => c.leftAt)) - rnd.int(5_000, 30_000);
	const base = {
		sessionId,
		startTime: started,
		id: sessionId,
		name: `${sessionId}-recording`,
		outputMode: 'COMPOSED',
		resolution: '1280x720',
		recordingLayout: 'BEST_FIT',
		hasAudio: true,
		hasVideo: true
	};
	out.recordingStatusChanged(started + rnd.int(500, 2_000), {
		...base,
		duration: 0,
		size: 0,
		status: 'started'
	});
	if (outcome === 'failed') {
		out.recordingStatusChanged(stopped + 800, {
			...base,
			duration: 0,
			size: 0,
			status: 'failed',
			reason: 'mediaServerDisconnect'
		});
		return;
	}
	const durationS = Math.round((stopped - started) / 10) / 100;
	const size = Math.round(durationS * rnd.int(90_000, 160_000));
	out.recordingStatusChanged(stopped, {
		...base,
		duration: 0,
		size: 0,
		status: 'stopped',
		reason: 'recordingStoppedByServer'
	});
	out.recordingStatusChanged(stopped + rnd.int(4_000, 20_000), {
		...base,
		duration: durationS,
		size,
		status: 'ready',
		reason: 'recordingStoppedByServer'
	});
}

function writeCluster(out: CdrWriter, rnd: Random, options: DemoOptions): void {
	const config = { maxNodes: 3, minNodes: 1, maxAvgLoad: 70, minAvgLoad: 30 };
	const nodes = [
		{ id: 'kms_Base0001', environmentId: 'i-0a1b2c3d4e5f00001', ip: '10.0.1.11' }
	] as const;
	const base = nodes[0];
	const bootAt = options.startAt + 7 * HOUR;
	out.mediaNodeStatusChanged(bootAt, base, options.clusterId, null, 'launching');
	out.mediaNodeStatusChanged(bootAt + 95_000, base, options.clusterId, 'launching', 'running');
	for (let day = 0; day < options.days; day++) {
		const dayStart = options.startAt + day * 24 * HOUR;
		// Autoscaling writes an event only when it changes the cluster: the peak node joins when
		// the working-day load passes the upper limit and leaves when it falls under the lower one.
		const cycles = rnd.int(2, 3);
		for (let c = 0; c < cycles; c++) {
			// A terminated node never comes back: each scale-up launches a new one.
			const peak = {
				id: `kms_${rnd.id(8)}`,
				environmentId: `i-0${rnd.id(16).toLowerCase()}`,
				ip: `10.0.1.${rnd.int(20, 250)}`
			};
			const up = dayStart + (9 + c * 3) * HOUR + rnd.int(0, 50) * MIN;
			const down = up + rnd.int(70, 150) * MIN;
			const high = 71 + rnd.int(0, 20);
			const low = 10 + rnd.int(0, 16);
			writeAutoscaling(
				out,
				up,
				options.clusterId,
				config,
				`The cluster average load (${high.toFixed(2)}%) is above its limits [30.00%, 70.00%] and the upper limit of Media Nodes (3) has not been reached. Current number of active nodes is 1 (0 launching and 1 running). 1 new Media Node will be launched.`,
				{ launch: 1, terminate: 0 },
				[{ ...base, load: high, status: 'running' }],
				high
			);
			out.mediaNodeStatusChanged(
				up + 1_000,
				{ ...peak, ip: null },
				options.clusterId,
				null,
				'launching'
			);
			out.mediaNodeStatusChanged(
				up + rnd.int(80, 150) * 1000,
				peak,
				options.clusterId,
				'launching',
				'running'
			);
			writeAutoscaling(
				out,
				down,
				options.clusterId,
				config,
				`The cluster average load (${(low / 2).toFixed(2)}%) is below its limits [30.00%, 70.00%] and the lower limit of Media Nodes (1) has not been reached. Current number of active nodes is 2 (0 launching and 2 running). 1 running Media Node will be terminated.`,
				{ launch: 0, terminate: 1 },
				[
					{ ...base, load: low, status: 'running' },
					{ ...peak, load: 0, status: 'running' }
				],
				low / 2
			);
			out.mediaNodeStatusChanged(
				down + 1_000,
				peak,
				options.clusterId,
				'running',
				'waiting-idle-to-terminate'
			);
			out.mediaNodeStatusChanged(
				down + 4 * MIN,
				peak,
				options.clusterId,
				'waiting-idle-to-terminate',
				'terminating'
			);
			out.mediaNodeStatusChanged(
				down + 5 * MIN,
				peak,
				options.clusterId,
				'terminating',
				'terminated'
			);
		}
	}
}

type NodeLoad = {
	id: string;
	environmentId: string | null;
	ip: string | null;
	load: number;
	status: string;
};

function writeAutoscaling(
	out: CdrWriter,
	at: number,
	clusterId: string,
	config: Record<string, number>,
	reason: string,
	change: { launch: number; terminate: number },
	running: NodeLoad[],
	avgLoad: number
): void {
	const terminating = change.terminate > 0 ? running.slice(-change.terminate) : [];
	out.autoscaling(at, {
		clusterId,
		reason,
		mediaNodes: {
			launch: {
				total: change.launch,
				newNodes: change.launch,
				waitingIdleToTerminateNodes: [],
				canceledNodes: []
			},
			terminate: { total: change.terminate, runningNodes: terminating, launchingNodes: [] }
		},
		system: {
			config,
			status: {
				numNodes: running.length,
				totalLoad: running.reduce((s, n) => s + n.load, 0),
				avgLoad,
				runningNodes: running,
				launchingNodes: [],
				waitingIdleToTerminateNodes: [],
				canceledNodes: []
			}
		}
	});
}
