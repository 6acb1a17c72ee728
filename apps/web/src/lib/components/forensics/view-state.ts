/**
 * Dump forensics' state as URL parameters (deep links show a colleague the same connection,
 * tab and charted fields): `fpc=<peer connection id>`, `ftab=stats|bandwidth|ice|sdp|api|config`,
 * `ff=<object>~<field>~<view>,…` (each part URI-encoded: stats ids hold `-`, `:`, `/`, `;`),
 * `fzoom=<from>-<to>` (UTC ms).
 */
export const FORENSIC_TABS = ['stats', 'bandwidth', 'ice', 'sdp', 'api', 'config'] as const;
export type ForensicTab = (typeof FORENSIC_TABS)[number];

export interface PickedField {
	objectId: string;
	field: string;
	view: string;
}

export interface ForensicsViewState {
	pcId: string | null;
	tab: ForensicTab;
	fields: PickedField[];
	/** The charts' zoom, UTC ms (`fzoom=<from>-<to>`). */
	zoom: { from: number; to: number } | null;
}

export function readForensicsState(params: URLSearchParams): ForensicsViewState {
	const tab = params.get('ftab');
	const fields = (params.get('ff') ?? '')
		.split(',')
		.filter(Boolean)
		.map((part) => part.split('~').map((x) => safeDecode(x)))
		.filter((p): p is [string, string, string] => p.length === 3 && p.every((x) => x !== null && x !== ''))
		.map(([objectId, field, view]) => ({ objectId, field, view }));
	const zoom = /^(\d+)-(\d+)$/.exec(params.get('fzoom') ?? '');
	return {
		pcId: params.get('fpc'),
		tab: (FORENSIC_TABS as readonly string[]).includes(tab ?? '') ? (tab as ForensicTab) : 'stats',
		fields,
		zoom: zoom && Number(zoom[2]) > Number(zoom[1]) ? { from: Number(zoom[1]), to: Number(zoom[2]) } : null
	};
}

export function forensicsParams(state: ForensicsViewState): Record<string, string | null> {
	return {
		fpc: state.pcId,
		ftab: state.tab === 'stats' ? null : state.tab,
		fzoom: state.zoom ? `${Math.round(state.zoom.from)}-${Math.round(state.zoom.to)}` : null,
		ff:
			state.fields.length > 0
				? state.fields.map((f) => [f.objectId, f.field, f.view].map(encodePart).join('~')).join(',')
				: null
	};
}

/** `~` separates the parts, so it is encoded too (encodeURIComponent leaves it). */
function encodePart(text: string): string {
	return encodeURIComponent(text).replace(/~/g, '%7E');
}

function safeDecode(text: string): string | null {
	try {
		return decodeURIComponent(text);
	} catch {
		return null;
	}
}
