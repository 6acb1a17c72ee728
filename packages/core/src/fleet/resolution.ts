import type { ResolutionClass } from '../model/quality.js';

export type { ResolutionClass } from '../model/quality.js';

/**
 * Resolution classes of Duration Statistics (DESIGN.md "Durations", after SparkRTC §5 billing):
 * SD below 1280×720 pixels, HD up to 1920×1080, UHD above. Compared by pixel count, so a
 * portrait 720×1280 phone stream is HD like its landscape twin.
 */
export const HD_MIN_PIXELS = 1280 * 720;
export const HD_MAX_PIXELS = 1920 * 1080;

export const RESOLUTION_LABELS: Record<ResolutionClass, string> = {
	sd: 'SD (below 1280×720)',
	hd: 'HD (1280×720 to 1920×1080)',
	uhd: 'UHD (above 1920×1080)'
};

/** null when either side is unknown or not positive. */
export function resolutionClass(widthPx: number | null | undefined, heightPx: number | null | undefined): ResolutionClass | null {
	if (!widthPx || !heightPx || widthPx <= 0 || heightPx <= 0) return null;
	const pixels = widthPx * heightPx;
	if (pixels < HD_MIN_PIXELS) return 'sd';
	if (pixels <= HD_MAX_PIXELS) return 'hd';
	return 'uhd';
}
