import { json } from '@sveltejs/kit';
import { ApiError, authorize, endpoint, requireUser } from '#lib/server/http/api.ts';
import * as files from '#lib/server/files/index.ts';
import { limitersFor } from '#lib/server/auth/ratelimit.ts';
import type { RequestHandler } from './$types';

/**
 * Uploads one file (multipart/form-data: `purpose`, `ownerId`, `file`). The purpose's owner
 * decides through the policy whether the caller may add it; the type is decided by content.
 */
export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'write', { resource: 'uploads' });
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'multipart/form-data') throw new ApiError(415, 'unsupported_media_type', 'Skicka filen som multipart/form-data.');
	const limiter = limitersFor(locals.app).uploadUser;
	const wait = limiter.retryAfter(actor.userId);
	if (wait) throw new ApiError(429, 'rate_limited', `För många uppladdningar. Försök igen om ${Math.ceil(wait / 60)} min.`);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		throw new ApiError(400, 'malformed_form', 'Uppladdningen kunde inte läsas. Försök igen.');
	}
	const purpose = form.get('purpose');
	const ownerId = form.get('ownerId');
	const file = form.get('file');
	if (typeof purpose !== 'string' || typeof ownerId !== 'string' || !(file instanceof File)) {
		throw new ApiError(400, 'invalid_request', 'Ange purpose, ownerId och en fil (file).');
	}
	limiter.hit(actor.userId);
	const stored = await files.upload(locals.app, actor, {
		purpose,
		ownerId,
		name: file.name,
		bytes: new Uint8Array(await file.arrayBuffer())
	});
	return json(files.view(stored), { status: 201 });
});
