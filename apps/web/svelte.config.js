import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is prerendered to its own index.html; state lives in query strings, so the
		// build works on any static host and under any sub-path (relative paths).
		adapter: adapter({ pages: 'build', assets: 'build', strict: true }),
		paths: { relative: true },
		// The service worker comes from @vite-pwa/sveltekit (workbox); Kit must not register its own.
		serviceWorker: { register: false },
		version: { pollInterval: 0 },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// No inline script except Kit's own bootstrap, allowed by its hash; no third-party origin.
				'script-src': ['self'],
				'worker-src': ['self'],
				// uPlot and Svelte set element styles from script.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
