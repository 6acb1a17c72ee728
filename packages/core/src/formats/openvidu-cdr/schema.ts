import * as v from 'valibot';

/**
 * Runtime shapes of OpenVidu CDR event payloads, one per event name.
 * Source: ../shared/spec/sources/openvidu-cdr.txt (OpenVidu 2.x docs), plus the historic shapes
 * seen in the docs' history (../shared/data/real/openvidu-cdr/): 2018 `endTime`, the 2018–2019
 * `recordingStarted`/`recordingStopped` events with `layout`, and `connectionId` for
 * `participantId` in 2.16+ webhooks (renamed before validation, see parse.ts).
 *
 * Units: `timestamp`, `startTime` are UTC ms; `duration` is seconds (integer for sessions and
 * participants, fractional for recordings); `size` is bytes; `videoFramerate` fps.
 *
 * Fields not in a schema are kept (loose objects) and stored as the event's `extra`.
 */

const text = v.string();
const num = v.pipe(v.number(), v.finite());
const bool = v.boolean();
/** Optional fields may also be null: OpenVidu writes `"environmentId": null`. */
const opt = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));

const base = { timestamp: num, sessionId: text };
const participant = {
	...base,
	participantId: text,
	location: opt(text),
	platform: opt(text),
	clientData: opt(text),
	serverData: opt(text)
};
const ended = { startTime: opt(num), duration: opt(num), reason: opt(text) };
const dimensions = v.union([text, v.looseObject({ width: num, height: num })]);
const webrtc = {
	...base,
	participantId: text,
	connection: v.picklist(['INBOUND', 'OUTBOUND']),
	streamId: opt(text),
	receivingFrom: opt(text),
	audioEnabled: opt(bool),
	videoEnabled: opt(bool),
	videoSource: opt(text),
	videoFramerate: opt(num),
	videoDimensions: opt(dimensions)
};
const recording = {
	...base,
	id: text,
	name: opt(text),
	outputMode: opt(text),
	hasAudio: opt(bool),
	hasVideo: opt(bool),
	recordingLayout: opt(text),
	layout: opt(text),
	resolution: opt(text),
	size: opt(num),
	duration: opt(num),
	startTime: opt(num),
	reason: opt(text),
	url: opt(text)
};
const mediaNode = v.looseObject({
	id: text,
	environmentId: opt(text),
	ip: opt(text),
	load: opt(num),
	status: opt(text)
});
const nodeList = opt(v.array(mediaNode));

export const CDR_SCHEMAS = {
	sessionCreated: v.looseObject({ ...base }),
	sessionDestroyed: v.looseObject({ ...base, ...ended }),
	participantJoined: v.looseObject(participant),
	participantLeft: v.looseObject({ ...participant, ...ended }),
	webrtcConnectionCreated: v.looseObject(webrtc),
	webrtcConnectionDestroyed: v.looseObject({ ...webrtc, ...ended }),
	recordingStatusChanged: v.looseObject({ ...recording, status: text }),
	recordingStarted: v.looseObject(recording),
	recordingStopped: v.looseObject(recording),
	filterEventDispatched: v.looseObject({
		...base,
		participantId: opt(text),
		streamId: opt(text),
		filterType: opt(text),
		eventType: opt(text),
		data: opt(v.unknown())
	}),
	signalSent: v.looseObject({
		...base,
		from: opt(text),
		to: opt(v.array(text)),
		type: opt(text),
		data: opt(text)
	}),
	mediaNodeStatusChanged: v.looseObject({
		timestamp: num,
		id: text,
		environmentId: opt(text),
		ip: opt(text),
		uri: opt(text),
		clusterId: opt(text),
		oldStatus: opt(text),
		newStatus: text
	}),
	autoscaling: v.looseObject({
		timestamp: num,
		clusterId: opt(text),
		reason: opt(text),
		mediaNodes: opt(
			v.looseObject({
				launch: opt(
					v.looseObject({
						total: opt(num),
						newNodes: opt(num),
						waitingIdleToTerminateNodes: nodeList,
						canceledNodes: nodeList
					})
				),
				terminate: opt(
					v.looseObject({ total: opt(num), runningNodes: nodeList, launchingNodes: nodeList })
				)
			})
		),
		system: opt(
			v.looseObject({
				config: opt(
					v.looseObject({
						maxNodes: opt(num),
						minNodes: opt(num),
						maxAvgLoad: opt(num),
						minAvgLoad: opt(num)
					})
				),
				status: opt(
					v.looseObject({
						numNodes: opt(num),
						totalLoad: opt(num),
						avgLoad: opt(num),
						runningNodes: nodeList,
						launchingNodes: nodeList,
						waitingIdleToTerminateNodes: nodeList,
						canceledNodes: nodeList
					})
				)
			})
		)
	}),
	/** OpenVidu Pro's Elasticsearch quality documents (`elastic_type: "webrtcStats"`). */
	webrtcStats: v.looseObject({
		timestamp: num,
		sessionId: text,
		participantId: opt(text),
		endpoint: opt(text),
		mediaType: opt(text)
	})
} as const;

export type CdrEventName = keyof typeof CDR_SCHEMAS;

export type CdrPayload<N extends CdrEventName> = v.InferOutput<(typeof CDR_SCHEMAS)[N]>;

/** A validated CDR event as a discriminated union on `name`. */
export type CdrEvent = { [N in CdrEventName]: { name: N; payload: CdrPayload<N> } }[CdrEventName];

export const CDR_EVENT_NAMES = Object.keys(CDR_SCHEMAS) as CdrEventName[];

export function isCdrEventName(name: string): name is CdrEventName {
	return Object.prototype.hasOwnProperty.call(CDR_SCHEMAS, name);
}

function byName<T>(fn: (name: CdrEventName) => T): Record<CdrEventName, T> {
	const out = {} as Record<CdrEventName, T>;
	for (const name of CDR_EVENT_NAMES) out[name] = fn(name);
	return out;
}

/** Top-level keys a schema declares for each event; every other key is kept as `extra`. */
export const DECLARED_KEYS: Record<CdrEventName, ReadonlySet<string>> = byName(
	(name) => new Set(Object.keys(CDR_SCHEMAS[name].entries))
);

/** Keys whose absence or wrong type makes the line unusable (error, line skipped). */
export const REQUIRED_KEYS: Record<CdrEventName, ReadonlySet<string>> = byName(
	(name) =>
		new Set(
			Object.entries(CDR_SCHEMAS[name].entries)
				.filter(([, schema]) => schema.type !== 'optional')
				.map(([key]) => key)
		)
);
