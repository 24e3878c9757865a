import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';
import path from 'node:path';
import { paraglideOptions } from './i18n.config.ts';
import { pathToFileURL } from 'node:url';

/**
 * Serves the live-document endpoint `/yjs/*` from `vite dev` too, on Vite's own HTTP server,
 * with the same code the production entry uses (imported natively, outside Vite's bundle).
 */
function collabInDev(): Plugin {
	return {
		name: 'brygga-collab-dev',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const entry = pathToFileURL(path.resolve('server/attach.ts')).href;
			const { attachToHttpServer } = await import(/* @vite-ignore */ entry);
			await attachToHttpServer(server.httpServer);
		}
	};
}

const buildName = process.env.BRYGGA_BUILD;

export default defineConfig({
	plugins: [
		paraglideVitePlugin(paraglideOptions),
		sveltekit({
			// BRYGGA_BUILD=<name> builds into .build/<name>/ so parallel work does not clobber build/.
			adapter: adapter({ out: buildName ? `.build/${buildName}/build` : 'build' }),
			outDir: buildName ? `.build/${buildName}/kit` : '.svelte-kit',
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// Svelte transitions and the editor set inline style attributes.
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['none'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			}
		}),
		collabInDev()
	],
	server: { port: 5173, strictPort: false }
});
