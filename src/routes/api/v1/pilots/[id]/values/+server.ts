import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, endpoint, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { valueSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

const MAX_CSV_BYTES = 512 * 1024;
const envelope = z.object({ values: z.array(z.unknown(), { error: 'Skicka värdena som en lista.' }).min(1, 'Skicka minst ett värde.').max(2000, 'Högst 2000 värden per gång.') }).strict();

/**
 * Records values, as JSON `{values:[…]}` or as `text/csv` with the header `point,date,value,note`.
 * Each row is judged on its own (`rejected:[{row, error}]`; JSON rows are numbered from 1, CSV
 * rows by their line); the good rows are written together.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot_values', 'write');
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'text/csv') {
		const text = await request.text();
		if (text.length > MAX_CSV_BYTES) throw new ApiError(413, 'payload_too_large', 'Filen är för stor.');
		const points = await pilots.pointsOf(locals.app.db, ctx.pilot.id);
		const parsed = pilots.parseValuesCsv(text, points);
		if (parsed.fileError) throw new ApiError(400, 'invalid_csv', parsed.fileError);
		const result = await pilots.recordValues(locals.app, ctx.actor, ctx, parsed.rows, parsed.rejected, 'csv');
		return json(result, { status: 201 });
	}
	const body = await readJson(request, envelope);
	const rows: Parameters<typeof pilots.recordValues>[3] = [];
	const rejected: Array<{ row: number; error: string }> = [];
	body.values.forEach((raw, i) => {
		const r = valueSchema.safeParse(raw);
		if (r.success) rows.push({ ...r.data, row: i + 1 });
		else rejected.push({ row: i + 1, error: `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`.replace(/^: /, '') });
	});
	return json(await pilots.recordValues(locals.app, ctx.actor, ctx, rows, rejected), { status: 201 });
});
