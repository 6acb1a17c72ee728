import { describe, expect, it } from 'vitest';
import { FLEET_DEFAULTS, generateFleet } from './fleet.js';

describe('demo fleet generator', () => {
	it('writes the same bytes for the same options', () => {
		const a = [...generateFleet({ days: 3, sessionsPerDay: 20 })];
		const b = [...generateFleet({ days: 3, sessionsPerDay: 20 })];
		expect(a.map((f) => f.name)).toEqual(b.map((f) => f.name));
		expect(a.map((f) => f.text)).toEqual(b.map((f) => f.text));
		// CDR files come first (dumps link to stored sessions), one per app and week.
		const firstDump = a.findIndex((f) => f.name.startsWith('fleet-dumps/'));
		expect(a.slice(0, 2).map((f) => f.app)).toEqual(['meet', 'classroom']);
		expect(firstDump === -1 || firstDump >= 2).toBe(true);
	});

	it('holds 90 days, at least 20,000 sessions and 100,000 participants by default', () => {
		let sessions = 0;
		let participants = 0;
		let dumps = 0;
		let first = Infinity;
		let last = -Infinity;
		for (const f of generateFleet()) {
			if (f.name.startsWith('fleet-dumps/')) {
				dumps++;
				continue;
			}
			for (const line of f.text.split('\n')) {
				if (line.startsWith('{"sessionCreated"')) {
					sessions++;
					const at = Number(/"timestamp":(\d+)/.exec(line)?.[1]);
					first = Math.min(first, at);
					last = Math.max(last, at);
				} else if (line.startsWith('{"participantJoined"')) participants++;
			}
		}
		expect(sessions).toBeGreaterThanOrEqual(20_000);
		expect(participants).toBeGreaterThanOrEqual(100_000);
		expect(dumps).toBeGreaterThan(500);
		expect(last - first).toBeGreaterThan(89 * 86_400_000);
		expect(last).toBeLessThan(FLEET_DEFAULTS.endAt);
	}, 60_000);
});
