/**
 * Attaches the live-document server to an HTTP server (production entry and `vite dev`):
 * upgrades on `/yjs/*` go to the collab server. Other upgrades are the business of whoever
 * else listens (Vite's HMR socket in dev); in production nobody else does, so they are answered
 * `404` and closed (`otherUpgrades: 'refuse'`) rather than left hanging with an open socket.
 */
import type http from 'node:http';
import { getApp, type App } from '../src/lib/server/app.ts';
import { createCollabServer, type CollabServer } from './collab/index.ts';
import { seedDemoWorkshop } from '../src/lib/server/demo/live.ts';
import { seedDemoRfi } from '../src/lib/server/demo/rfi.ts';
import { seedDemoSprint } from '../src/lib/server/demo/sprint.ts';

export const COLLAB_PREFIX = '/yjs/';

export interface AttachOptions {
	/** `leave` (default, for `vite dev`): other listeners handle other upgrades. `refuse`: answer 404. */
	otherUpgrades?: 'leave' | 'refuse';
}

export async function attachToHttpServer(server: http.Server, app?: App, opts: AttachOptions = {}): Promise<CollabServer> {
	const theApp = app ?? (await getApp());
	const collab = createCollabServer({ app: theApp });
	server.on('upgrade', (req, socket, head) => {
		if ((req.url ?? '').startsWith(COLLAB_PREFIX)) return collab.handleUpgrade(req, socket, head);
		if (opts.otherUpgrades === 'refuse') collab.refuseUpgrade(socket, 404, 'not_found', 'Det finns ingen sådan anslutning.');
	});
	// Demo content that lives on a board needs the live-document server; a failure here must
	// not keep the server from starting.
	await seedDemoWorkshop(theApp).catch((err) => theApp.log.error('demo.workshop_seed_failed', { error: String(err) }));
	await seedDemoRfi(theApp).catch((err) => theApp.log.error('demo.rfi_seed_failed', { error: String(err) }));
	await seedDemoSprint(theApp).catch((err) => theApp.log.error('demo.sprint_seed_failed', { error: String(err) }));
	return collab;
}
