import { describe, expect, it } from 'vitest';
import { listRecent, MAX_RECENT, recordInspected } from './recent';

function memory(): Storage {
	const m = new Map<string, string>();
	return {
		getItem: (k) => m.get(k) ?? null,
		setItem: (k, v) => void m.set(k, v),
		removeItem: (k) => void m.delete(k),
		clear: () => m.clear(),
		key: () => null,
		length: 0
	};
}

describe('recently inspected sessions', () => {
	it('keeps the newest first, moves a reopened one to the top, and keeps at most 20', () => {
		const s = memory();
		for (let i = 0; i < 25; i++) recordInspected({ key: `openvidu:s${i}`, sessionId: `s${i}`, provider: 'openvidu', openedAt: 1_000 + i }, s);
		expect(listRecent(s)).toHaveLength(MAX_RECENT);
		expect(listRecent(s)[0]?.sessionId).toBe('s24');
		recordInspected({ key: 'openvidu:s10', sessionId: 's10', provider: 'openvidu', openedAt: 5_000 }, s);
		expect(listRecent(s).slice(0, 2).map((r) => [r.sessionId, r.openedAt])).toEqual([['s10', 5_000], ['s24', 1_024]]);
		expect(listRecent(s).filter((r) => r.sessionId === 's10')).toHaveLength(1);
	});

	it('reads a damaged entry as an empty list', () => {
		const s = memory();
		s.setItem('rtcscope.recentSessions', '{not json');
		expect(listRecent(s)).toEqual([]);
		s.setItem('rtcscope.recentSessions', JSON.stringify([{ key: 1 }, { key: 'k', sessionId: 's', provider: 'p', openedAt: 3 }]));
		expect(listRecent(s)).toEqual([{ key: 'k', sessionId: 's', provider: 'p', openedAt: 3 }]);
	});
});
