import { DEFAULT_STREAM_FILTER, type StreamFilter } from '@rtcscope/core/analysis';

/**
 * The quality charts' state as URL parameters (deep links: "copy link" shows a colleague the
 * same filters, selected users and zoom): `qzoom=<from>-<to>` (UTC ms), `qusers=<id>,<id>`,
 * `qoff=video,audio,pub,sub`, `qconn=1`, `qtable=1`.
 */
export interface QualityViewState {
	filter: Partial<StreamFilter>;
	range: { from: number; to: number } | null;
	table: boolean;
}

const FLAGS: [keyof StreamFilter, string][] = [
	['video', 'video'],
	['audio', 'audio'],
	['publishers', 'pub'],
	['subscribers', 'sub']
];

export function readQualityState(params: URLSearchParams): QualityViewState {
	const filter: Partial<StreamFilter> = {};
	const off = new Set((params.get('qoff') ?? '').split(',').filter(Boolean));
	for (const [key, flag] of FLAGS) if (off.has(flag)) (filter as Record<string, boolean>)[key] = false;
	if (params.get('qconn') === '1') filter.connections = true;
	const users = (params.get('qusers') ?? '').split(',').filter(Boolean);
	if (users.length > 0) filter.participantIds = users;
	const zoom = /^(\d+)-(\d+)$/.exec(params.get('qzoom') ?? '');
	const range = zoom && Number(zoom[2]) > Number(zoom[1]) ? { from: Number(zoom[1]), to: Number(zoom[2]) } : null;
	return { filter, range, table: params.get('qtable') === '1' };
}

/** The parameters for a state (null removes a parameter). */
export function qualityParams(state: QualityViewState): Record<string, string | null> {
	const f = { ...DEFAULT_STREAM_FILTER, ...state.filter };
	const off = FLAGS.filter(([key]) => f[key] === false).map(([, flag]) => flag);
	return {
		qoff: off.length > 0 ? off.join(',') : null,
		qconn: f.connections ? '1' : null,
		qusers: f.participantIds.length > 0 ? f.participantIds.join(',') : null,
		qzoom: state.range ? `${Math.round(state.range.from)}-${Math.round(state.range.to)}` : null,
		qtable: state.table ? '1' : null
	};
}
