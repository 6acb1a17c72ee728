/**
 * rtcstats method names. Version 4 of the client (`clientProtocol: "rtcstats#4.0"`, file format 3)
 * writes some methods as numbers; the ones below are read off the rtcstats/rtcstats test fixture
 * `gumonly` (a getUserMedia call and its result on a page). Other numbers are kept as
 * "method <n>" rather than guessed.
 */
const NUMERIC_METHODS: Record<number, string> = {
	39: 'create',
	60: 'navigator.mediaDevices.getUserMedia',
	61: 'navigator.mediaDevices.getUserMediaOnSuccess'
};

export function methodName(method: unknown): string | null {
	if (typeof method === 'string') return method;
	if (typeof method === 'number') return NUMERIC_METHODS[method] ?? `method ${method}`;
	return null;
}

/** getStats under the names the generations use (`getstats` in 3.x, `getStats` in file format 3). */
export function isGetStats(method: string): boolean {
	return method === 'getstats' || method === 'getStats';
}
