import { endpoint } from '#lib/server/http/api.ts';
import * as files from '#lib/server/files/index.ts';
import type { RequestHandler } from './$types';

/** Downloads a file, as an attachment, when its purpose's policy lets the caller read it. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { file, content } = await files.readForActor(locals.app, locals.actor, params.id ?? '');
	return files.download(file, content);
});
