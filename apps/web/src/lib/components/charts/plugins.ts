import type uPlot from 'uplot';

/**
 * Small uPlot plugins (uPlot leaves these to the app by design: "Non-Features" in its README).
 */

/** Dashed horizontal lines at fixed values of the y scale (quality thresholds). */
export function thresholdLines(lines: { value: number; color: string; label: string }[], scale = 'y'): uPlot.Plugin {
	return {
		hooks: {
			draw: [
				(u) => {
					const ctx = u.ctx;
					ctx.save();
					ctx.setLineDash([6, 5]);
					ctx.lineWidth = 1.5 * devicePixelRatio;
					ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
					for (const line of lines) {
						const y = u.valToPos(line.value, scale, true);
						if (!Number.isFinite(y) || y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
						ctx.strokeStyle = line.color;
						ctx.beginPath();
						ctx.moveTo(u.bbox.left, y);
						ctx.lineTo(u.bbox.left + u.bbox.width, y);
						ctx.stroke();
						ctx.fillStyle = line.color;
						ctx.fillText(line.label, u.bbox.left + 4 * devicePixelRatio, y - 3 * devicePixelRatio);
					}
					ctx.restore();
				}
			]
		}
	};
}

/** Zooms the time axis with the mouse wheel around the cursor; double-click resets (uPlot default). */
export function wheelZoom(factor = 0.8): uPlot.Plugin {
	return {
		hooks: {
			ready: [
				(u) => {
					u.over.addEventListener(
						'wheel',
						(event) => {
							event.preventDefault();
							const min = u.scales.x?.min;
							const max = u.scales.x?.max;
							if (min == null || max == null) return;
							const at = u.posToVal(event.offsetX, 'x');
							const span = (max - min) * (event.deltaY < 0 ? factor : 1 / factor);
							const left = (at - min) / (max - min);
							u.setScale('x', { min: at - left * span, max: at - left * span + span });
						},
						{ passive: false }
					);
				}
			]
		}
	};
}

/**
 * Short vertical marks from the zero line of `scale`, up or down: freezes. Clipped to the plot,
 * so a mark never lands in the axis or the legend.
 */
export function marks(points: { x: number; up: boolean; color?: string }[], scale = 'y'): uPlot.Plugin {
	return {
		hooks: {
			draw: [
				(u) => {
					const ctx = u.ctx;
					ctx.save();
					ctx.beginPath();
					ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
					ctx.clip();
					ctx.lineWidth = 2 * devicePixelRatio;
					const len = 12 * devicePixelRatio;
					const zero = u.valToPos(0, scale, true);
					const top = u.bbox.top;
					const bottom = u.bbox.top + u.bbox.height;
					const base = Number.isFinite(zero) ? Math.min(bottom - len, Math.max(top + len, zero)) : top + u.bbox.height / 2;
					for (const p of points) {
						const x = u.valToPos(p.x, 'x', true);
						if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
						ctx.strokeStyle = p.color ?? '#dc2626';
						ctx.beginPath();
						ctx.moveTo(x, base);
						ctx.lineTo(x, p.up ? base - len : base + len);
						ctx.stroke();
					}
					ctx.restore();
				}
			]
		}
	};
}

/** A palette for streams: distinct, readable on white, stable by index. */
export const STREAM_COLORS = ['#1d4ed8', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#b45309', '#4f46e5', '#be123c'];

export function streamColor(index: number): string {
	return STREAM_COLORS[index % STREAM_COLORS.length] as string;
}
