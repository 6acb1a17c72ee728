import uPlot from 'uplot';
import { utc } from '$lib/format';

/** uPlot options shared by every time chart: UTC clock (CDR times are UTC), drag-to-zoom on x. */
export function timeChartBase(): Pick<uPlot.Options, 'tzDate' | 'cursor' | 'legend' | 'scales'> {
	return {
		tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
		cursor: { drag: { x: true, y: false, setScale: true } },
		legend: { live: true },
		scales: { x: TIME_SCALE }
	};
}

/**
 * The x scale of every time chart. Data spanning under a minute (every event in one second, one
 * sample) is shown ±30 s around it: uPlot widens a zero-width time range by 86400 / ms, which in
 * seconds mode is years (the capogreco dump's timeline spanned 2.7 years).
 */
export const TIME_SCALE: uPlot.Scale = {
	time: true,
	range: (_u, min, max) => (max - min < 60 ? [min - 30, max + 30] : [min, max])
};

/** The x series of a time chart: the legend shows the full UTC time under the cursor. */
export const TIME_SERIES: uPlot.Series = {
	label: 'Time (UTC)',
	value: (_u, v) => (v == null ? '—' : utc(v * 1000))
};

/** 24-hour UTC ticks: HH:mm, with seconds for short spans and the date for long ones or at midnight. */
export const TIME_AXIS: uPlot.Axis = {
	space: 90,
	values: (_u, splits) => {
		const span = (splits[splits.length - 1] ?? 0) - (splits[0] ?? 0);
		const step = splits.length > 1 ? (splits[1] as number) - (splits[0] as number) : span;
		return splits.map((s) => {
			const iso = new Date(s * 1000).toISOString();
			const date = iso.slice(5, 10);
			const hm = iso.slice(11, 16);
			if (step < 60) return iso.slice(11, 19);
			// Months apart: the year matters (two doc examples of 2020-03 and 2020-06, a 2014 listing).
			if (span >= 180 * 86_400) return iso.slice(0, 10);
			if (span >= 2 * 86_400) return hm === '00:00' ? date : `${date} ${hm}`;
			return hm === '00:00' ? `${date} ${hm}` : hm;
		});
	}
};

/** Integer-only labels for count axes. */
export const COUNT_VALUES: uPlot.Axis['values'] = (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : ''));

/** Colours by meaning, used consistently across charts. */
export const COLORS = {
	participants: '#1d4ed8',
	publications: '#059669',
	subscriptions: '#d97706',
	load: '#7c3aed',
	limit: '#dc2626',
	nodes: '#0891b2',
	status: {
		launching: '#93c5fd',
		running: '#16a34a',
		'waiting-idle-to-terminate': '#f59e0b',
		terminating: '#f97316',
		terminated: '#64748b',
		canceled: '#a1a1aa',
		failed: '#dc2626'
	} as Record<string, string>
};
