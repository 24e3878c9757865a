import { error, fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { can } from '#lib/server/access/policy.ts';
import { sprintRooms } from '#lib/server/db/schema/index.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import * as files from '#lib/server/files/index.ts';
import { attempt, optional, pageSprint } from '#lib/server/sprints/pages.ts';
import { addRoomSchema, answerSchema, inputSchema, lockSchema, stageSchema } from '#lib/server/sprints/validation.ts';
import { formatMegabytes } from '#lib/server/files/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The leader's console: rooms and their progress, stage and timer, lock, inputs, questions, parity. */
export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { abilities } = await parent();
	const ctx = await pageSprint(locals, url, params.sprintId, 'sprint', 'read');
	if (ctx.sprint.initiativeId !== params.id || !sprints.isBuyerSide(ctx.actor, ctx)) error(404, 'Finns inte.');
	const db = locals.app.db;
	const run = abilities.runSprints;
	const [view, progress, questions, candidates] = await Promise.all([
		sprints.sprintView(db, ctx.actor, ctx),
		sprints.progress(db, ctx.sprint.id),
		run ? sprints.allQuestions(db, ctx.sprint.id) : Promise.resolve([]),
		run ? sprints.candidateOrganisations(db, ctx.sprint.initiativeId) : Promise.resolve([])
	]);
	const inSprint = new Set(view.rooms.map((r) => r.organisation?.id).filter(Boolean));
	// Observers follow counts; a room's page is linked only where the viewer may read the room.
	const roomRows = await db.select().from(sprintRooms).where(eq(sprintRooms.sprintId, ctx.sprint.id));
	const readable: string[] = [];
	for (const room of roomRows) {
		const scope = await sprints.roomScopeFor(db, ctx.actor, room);
		if (can(ctx.actor, 'read', { resource: 'sprint_room', initiative: ctx.initiative, sprint: ctx.scope, room: scope })) readable.push(room.id);
	}
	return {
		sprint: view,
		progress,
		questions,
		candidates: candidates.filter((c) => !inSprint.has(c.id)),
		readableRooms: readable,
		maxFile: formatMegabytes(locals.app.config.FILES_MAX_BYTES),
		now: locals.app.clock.now().toISOString()
	};
};

async function admin(event: RequestEvent) {
	return pageSprint(event.locals, event.url, event.params.sprintId, 'sprint', 'admin');
}

export const actions: Actions = {
	stage: async (event) => {
		const ctx = await admin(event);
		const form = await event.request.formData();
		const minutes = optional(form.get('timerMinutes'));
		const parsed = stageSchema.safeParse({ stage: form.get('stage'), ...(minutes ? { timerSeconds: Math.round(Number(minutes.replace(',', '.')) * 60) } : {}) });
		if (!parsed.success) return fail(400, { action: 'stage' as const, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.startStage(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'stage' });
		if (!result.ok) return result.failure;
		return { action: 'stage' as const, done: true };
	},
	lock: async (event) => {
		const ctx = await admin(event);
		const form = await event.request.formData();
		const parsed = lockSchema.safeParse({ locked: form.get('locked') === 'true', ...(optional(form.get('roomId')) ? { roomId: optional(form.get('roomId')) } : {}) });
		if (!parsed.success) return fail(400, { action: 'lock' as const, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.setLocked(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'lock' });
		if (!result.ok) return result.failure;
		return { action: 'lock' as const, done: true };
	},
	room: async (event) => {
		const ctx = await admin(event);
		const form = await event.request.formData();
		const organisationId = optional(form.get('organisationId'));
		const email = optional(form.get('email'));
		const parsed = addRoomSchema.safeParse(organisationId ? { organisationId } : { email: email ?? '' });
		if (!parsed.success) return fail(400, { action: 'room' as const, email, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.addRoom(event.locals.app, ctx.actor, ctx, parsed.data, event.locals.app.config.ORIGIN ?? event.url.origin), { action: 'room', email });
		if (!result.ok) return result.failure;
		return { action: 'room' as const, done: true, invited: result.value.inviteUrl ? { email: email ?? '', url: result.value.inviteUrl } : null };
	},
	input: async (event) => {
		const ctx = await admin(event);
		const form = await event.request.formData();
		const values = { title: String(form.get('title') ?? ''), body: String(form.get('body') ?? ''), roomId: String(form.get('roomId') ?? ''), reason: String(form.get('reason') ?? '') };
		const candidate = {
			title: values.title,
			body: values.body,
			...(optional(form.get('roomId')) ? { roomId: optional(form.get('roomId')) } : {}),
			...(optional(form.get('reason')) ? { reason: optional(form.get('reason')) } : {})
		};
		const checked = inputSchema.safeParse(candidate);
		if (!checked.success) return fail(400, { action: 'input' as const, values, error: checked.error.issues[0].message });
		const upload = form.get('file');
		const fileIds: string[] = [];
		if (upload instanceof File && upload.size > 0) {
			const stored = await attempt(
				async () => files.upload(event.locals.app, ctx.actor, { purpose: sprints.INPUT_FILE_PURPOSE, ownerId: ctx.sprint.id, name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) }),
				{ action: 'input', values }
			);
			if (!stored.ok) return stored.failure;
			fileIds.push(stored.value.id);
		}
		const result = await attempt(() => sprints.publishInput(event.locals.app, ctx.actor, ctx, { ...checked.data, fileIds }), { action: 'input', values });
		if (!result.ok) return result.failure;
		return { action: 'input' as const, done: true };
	},
	answer: async (event) => {
		const ctx = await admin(event);
		const form = await event.request.formData();
		const questionId = String(form.get('questionId') ?? '');
		const parsed = answerSchema.safeParse({
			answer: String(form.get('answer') ?? ''),
			...(optional(form.get('question')) ? { question: optional(form.get('question')) } : {}),
			...(optional(form.get('specificReason')) ? { specificReason: optional(form.get('specificReason')) } : {})
		});
		if (!parsed.success) return fail(400, { action: 'answer' as const, questionId, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.answerQuestion(event.locals.app, ctx.actor, ctx, questionId, parsed.data), { action: 'answer', questionId });
		if (!result.ok) return result.failure;
		return { action: 'answer' as const, done: true };
	}
};
