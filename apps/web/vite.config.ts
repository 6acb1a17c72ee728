/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// Registered by src/lib/pwa (workbox-window) so updates follow our prompt policy.
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				name: 'rtcscope — real-time video session inspector',
				short_name: 'rtcscope',
				description:
					'Inspect OpenVidu CDR files and other real-time video logs entirely in your browser.',
				start_url: './',
				scope: './',
				display: 'standalone',
				background_color: '#f6f7f9',
				theme_color: '#1d4ed8',
				icons: [
					{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}', 'prerendered/**/*.html'],
				// Every page is prerendered: navigations fall back to the cached page of that path.
				navigateFallback: null,
				// Pages keep their state in the query string (?session=…): any query maps to the page.
				ignoreURLParametersMatching: [/.*/],
				cleanupOutdatedCaches: true
			},
			// Precache URLs relative to sw.js (the plugin would write "/" for the home page), so the
			// offline copy works under any sub-path.
			kit: { base: './', trailingSlash: 'always', includeVersionFile: true }
		})
	],
	worker: { format: 'es' },
	// NO_MINIFY=1 keeps function names, for reading CPU profiles of the pages and workers.
	build: { target: 'es2022', minify: !process.env.NO_MINIFY },
	test: { include: ['src/**/*.test.ts'], env: { TZ: 'UTC' } }
});
