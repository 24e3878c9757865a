/**
 * Files of buyer inputs (`purpose: sprint_input`, owner = the sprint). The process leader uploads
 * them before publishing an input. The buyer side of the sprint reads them; a supplier reads a
 * file only once it is part of an input that arrived in its own room, and only after its terms
 * are accepted. Everyone else: not found — a file of another room is as unknown as one that does
 * not exist.
 */
import { and, eq, sql } from 'drizzle-orm';
import { sprintInputDeliveries, sprintInputs } from '../db/schema/index.ts';
import { decide } from '../access/policy.ts';
import { registerFilePurpose } from '../files/index.ts';
import { isBuyerSide, roomOpenFor, sprintContext } from './access.ts';
import { INPUT_FILE_PURPOSE } from './commands.ts';

registerFilePurpose(INPUT_FILE_PURPOSE, {
	async authorizeUpload(app, actor, ownerId) {
		const ctx = await sprintContext(app.db, actor, ownerId);
		if (!ctx) return { verdict: 'not_found', initiativeId: null };
		const verdict = decide(actor, 'admin', { resource: 'sprint', initiative: ctx.initiative, sprint: ctx.scope });
		return verdict === 'ok' ? { verdict, initiativeId: ctx.sprint.initiativeId } : { verdict, initiativeId: null };
	},
	async authorizeRead(app, actor, file) {
		const ctx = await sprintContext(app.db, actor, file.ownerId);
		if (!ctx || actor.kind !== 'user') return 'not_found';
		if (decide(actor, 'read', { resource: 'sprint', initiative: ctx.initiative, sprint: ctx.scope }) !== 'ok') return 'not_found';
		if (actor.organisationKind === 'buyer') return isBuyerSide(actor, ctx) ? 'ok' : 'not_found';
		const roomId = ctx.scope.ownRoomId;
		if (!roomId) return 'not_found';
		const [delivered] = await app.db
			.select({ termsAcceptedAt: sql<Date | null>`(select terms_accepted_at from sprint_rooms where id = ${roomId})` })
			.from(sprintInputDeliveries)
			.innerJoin(sprintInputs, eq(sprintInputs.id, sprintInputDeliveries.inputId))
			.where(and(eq(sprintInputDeliveries.roomId, roomId), sql`${sprintInputs.fileIds} @> ${JSON.stringify([file.id])}::jsonb`))
			.limit(1);
		if (!delivered) return 'not_found';
		return roomOpenFor(actor, { termsAcceptedAt: delivered.termsAcceptedAt }) ? 'ok' : 'not_found';
	}
});
