/**
 * How many charts were built (`new uPlot`) since the page loaded, readable by the end-to-end
 * tests and the bench as `window.__rtcscopeCharts.builds` and as `rtcscope:chart-build` marks.
 * Opening a session must build each chart it shows once; a filter change rebuilds only the
 * charts whose series changed.
 */
interface ChartCounter {
	builds: number;
}

declare global {
	interface Window {
		__rtcscopeCharts?: ChartCounter;
	}
}

export function countChartBuild(label: string): void {
	if (typeof window === 'undefined') return;
	const counter = (window.__rtcscopeCharts ??= { builds: 0 });
	counter.builds++;
	performance.mark('rtcscope:chart-build', { detail: label });
}
