import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * 200 when the database answers (and Redis, in multi-process mode), else 503, so a load
 * balancer stops sending new connections to a process that cannot serve them. `redis` is `off`
 * with one process.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const app = locals.app;
	const [db, redis] = await Promise.all([app.database.ping(), app.cluster ? app.cluster.ping() : Promise.resolve(null)]);
	const ok = db && redis !== false;
	return json(
		{ status: ok ? 'ok' : 'unavailable', database: db ? 'ok' : 'unavailable', redis: redis === null ? 'off' : redis ? 'ok' : 'unavailable', pid: process.pid },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
