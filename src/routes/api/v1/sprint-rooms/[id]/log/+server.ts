import { json } from '@sveltejs/kit';
import { ApiError, endpoint, readJson } from '#lib/server/http/api.ts';
import { takeExport } from '#lib/server/requirements/limits.ts';
import { docxResponse, renderDocx } from '#lib/server/exports/docx.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { logEntrySchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** The room's sprint log: stages, decisions, findings. `?format=docx` for Word (default `json`). */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json' && format !== 'docx') throw new ApiError(400, 'invalid_format', 'format är json eller docx.');
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'read');
	if (format === 'json') return json(await sprints.sprintLogDocument(locals.app, ctx.actor, ctx));
	const limited = takeExport(locals.app, ctx.actor.userId);
	if (limited) return limited;
	const doc = await sprints.sprintLogDocument(locals.app, ctx.actor, ctx);
	return docxResponse(await renderDocx(doc), doc.fileBase);
});

/** Records a decision or a finding (a finding may link needs and propose a requirements change). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const input = await readJson(request, logEntrySchema);
	return json(await sprints.addLogEntry(locals.app, ctx.actor, ctx, input), { status: 201 });
});
