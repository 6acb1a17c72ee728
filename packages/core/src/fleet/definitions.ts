/**
 * Every fleet figure's definition, as the views show it next to the figure: the wording of
 * sparkrtc-console-guide.txt (§4.2–§4.4, §5) and which rtcscope inputs can supply it. One table,
 * so a figure and its footnote can't drift apart.
 */
export interface FigureDefinition {
	label: string;
	/** What the figure is (the document's definition, with rtcscope's counting rule). */
	definition: string;
	/** Which imported inputs supply it. */
	inputs: string;
}

const CDR = 'OpenVidu CDR (participantJoined/Left, webrtcConnectionCreated/Destroyed)';
const DUMPS = 'webrtc-internals or rtcstats dumps only';

export const FIGURES = {
	callMinutes: {
		label: 'Total call duration (participant-minutes)',
		definition:
			'Real-time audio and video call duration of all users, in minutes: each connection counts once, from join to leave, split at UTC midnight. Duration Statistics counts stream-minutes instead — every published and every received stream — so its total is larger: two people on camera for 10 minutes are 20 participant-minutes here and 40 stream-minutes there (2 published + 2 received streams).',
		inputs: `${CDR}; dumps not linked to a CDR session count their own time.`
	},
	streamMinutes: {
		label: 'Stream-minutes',
		definition:
			'Duration Statistics (SparkRTC §5): every published stream and every subscription counts from its start to its end, as audio or as video by its resolution. Data Insights’ call duration counts participant-minutes (each connection once), so the two differ: two people on camera for 10 minutes are 40 stream-minutes (2 published + 2 received streams) and 20 participant-minutes.',
		inputs: `${CDR} webrtcConnectionCreated/Destroyed; dumps not linked to a CDR session count their streams.`
	},
	videoMinutes: {
		label: 'Video call duration',
		definition: 'Call minutes of connections that sent or received video.',
		inputs: CDR
	},
	audioMinutes: {
		label: 'Audio call duration',
		definition: 'Call minutes of connections that sent and received audio only.',
		inputs: CDR
	},
	rooms: {
		label: 'Total rooms',
		definition: 'Rooms online in the range: a room is online after the first user joins it and before the last user leaves it. Counted on the day it started.',
		inputs: CDR
	},
	peakRooms: {
		label: 'Max concurrent online rooms per day',
		definition: 'The average over the days of each day’s peak number of rooms online at once.',
		inputs: CDR
	},
	peakUsers: {
		label: 'Max concurrent online users per day',
		definition: 'The average over the days of each day’s peak number of users online at once (a user in n rooms counts n).',
		inputs: CDR
	},
	participants: {
		label: 'Total call participants',
		definition: 'One user in n rooms counts as n participants (users as the session inspector groups them).',
		inputs: CDR
	},
	joins: {
		label: 'Total call sessions',
		definition: 'One call session each time a user joins a room.',
		inputs: CDR
	},
	roomLoaded: {
		label: 'Room loaded',
		definition: 'Users who joined a room ÷ users who attempted to join. Joined = media connected: the first connected state in a dump’s update log, else the participant’s first webrtcConnectionCreated after its participantJoined.',
		inputs: `${CDR}; dumps give the precise timing.`
	},
	roomLoaded5s: {
		label: 'Room loaded in 5s',
		definition: 'Users who joined a room within 5 seconds of the attempt ÷ users who attempted to join.',
		inputs: `${CDR}; dumps give the precise timing.`
	},
	videoFreeze: {
		label: 'Video freeze',
		definition: 'Video freeze duration ÷ total received video duration. A freeze counts once it reaches 600 ms (freezeCount / totalFreezesDuration per stats interval).',
		inputs: DUMPS
	},
	audioFreeze: {
		label: 'Audio freeze',
		definition: 'Audio freeze duration ÷ total received audio duration. A freeze counts once it reaches 200 ms (concealed samples per stats interval).',
		inputs: DUMPS
	},
	smoothVideo: {
		label: 'Smooth video',
		definition: '(Total video duration − video freeze duration) ÷ total video duration; freezes from 600 ms.',
		inputs: DUMPS
	},
	smoothAudio: {
		label: 'Smooth audio',
		definition: '(Total audio duration − audio freeze duration) ÷ total audio duration; freezes from 200 ms.',
		inputs: DUMPS
	},
	hqVideo: {
		label: 'HQ video transmission',
		definition: 'Share of video streams (sent and received) whose average packet loss rate is ≤ 5 %.',
		inputs: DUMPS
	},
	hqAudio: {
		label: 'HQ audio transmission',
		definition: 'Share of audio streams (sent and received) whose average packet loss rate is ≤ 5 %.',
		inputs: DUMPS
	},
	hqUpVideo: {
		label: 'HQ video upload',
		definition: 'Share of sent video streams whose average packet loss rate (as the receiver reports it) is ≤ 5 %.',
		inputs: DUMPS
	},
	hqUpAudio: {
		label: 'HQ audio upload',
		definition: 'Share of sent audio streams whose average packet loss rate (as the receiver reports it) is ≤ 5 %.',
		inputs: DUMPS
	},
	pushOk: {
		label: 'Successful stream push',
		definition: 'Published streams that did not end for a failure reason ÷ published streams.',
		inputs: CDR
	},
	pullOk: {
		label: 'Successful stream pull',
		definition: 'Subscriptions that did not end for a failure reason ÷ subscriptions.',
		inputs: CDR
	},
	onlineRooms: {
		label: 'Online rooms',
		definition: 'Rooms with at least one user online at the time.',
		inputs: CDR
	},
	onlineUsers: {
		label: 'Online users',
		definition: 'Users online at the time; a user in n rooms counts n.',
		inputs: CDR
	},
	cpu: {
		label: 'CPU usage',
		definition: 'System and app CPU usage (Table 4-2: 80 % and 70 %).',
		inputs: 'No supported input carries CPU usage: shown as no data.'
	}
} as const satisfies Record<string, FigureDefinition>;

export type FigureId = keyof typeof FIGURES;
