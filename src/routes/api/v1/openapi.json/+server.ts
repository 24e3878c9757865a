import { json } from '@sveltejs/kit';
import { buildDocument } from '#lib/server/openapi.ts';
import type { RequestHandler } from './$types';

// Every module describes its own operations in src/lib/server/<module>/openapi.ts.
import.meta.glob(['/src/lib/server/*/openapi.ts', '/src/lib/server/*/*/openapi.ts'], { eager: true });

/** The OpenAPI 3.1 description of the API. Public: it describes the contract, not data. */
export const GET: RequestHandler = ({ locals, url }) =>
	json(buildDocument({ serverUrl: locals.app.config.ORIGIN ?? url.origin }), { headers: { 'cache-control': 'public, max-age=300' } });
