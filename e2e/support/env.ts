import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PORT = Number(process.env.E2E_PORT ?? 4319);
/** The site is served under a sub-path in every test: relative paths must hold. */
export const BASE_PATH = '/tools/rtcscope';
/** e2e/mock-feeds/server.mjs: Livepeer, OpenVidu REST and CDR-over-HTTP look-alikes on 127.0.0.1. */
export const MOCK_FEEDS_PORT = Number(process.env.MOCK_FEEDS_PORT ?? 4398);
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags from the machine notes: without the background-networking ones Chromium's own calls fail noisily. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '../..');
export const SHARED = resolve(REPO, '../shared');
export const BUILD_DIR = resolve(REPO, 'apps/web/build');

export function realSample(...parts: string[]): string {
	return resolve(SHARED, 'data/real', ...parts);
}

export const CDR_DOCS = realSample(
	'openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl'
);
export const CDR_WEBHOOKS = realSample(
	'openvidu-cdr/extracted/openvidu.io-docs__webhook-doc-examples-2019-2021.jsonl'
);
export const CDR_PRO = realSample(
	'openvidu-cdr/extracted/OpenVidu-openvidu-issue-619__pro-2.17-elasticsearch-events.jsonl'
);

export const WI_OLD = realSample(
	'webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt'
);
export const WI_PAIR = realSample(
	'webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt'
);
export const RTCSTATS_PAIR = realSample(
	'rtcstats/Guilospanck-webrtc-stats-analyzer__rtcstats_dump.txt'
);
export const RTCSTATS_RELAY = realSample('rtcstats/jitsi-rtcstats-server__chrome-relay');

/** Inputs written for rtcscope's tests (no licence question): e2e/fixtures. */
export function fixture(name: string): string {
	return resolve(REPO, 'e2e/fixtures', name);
}
