import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** 200 when the database answers, else 503. */
export const GET: RequestHandler = async ({ locals }) => {
	const ok = await locals.app.database.ping();
	return json({ status: ok ? 'ok' : 'unavailable' }, { status: ok ? 200 : 503 });
};
