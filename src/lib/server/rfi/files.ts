/**
 * Files attached to RFI answers (`purpose: rfi_answer`, owner = the round). A supplier user
 * uploads while the round takes answers; its organisation reads its own files; the buyer team
 * reads a file only once it is part of a submitted response. Everyone else: not found.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { rfiResponses } from '../db/schema/index.ts';
import { decide } from '../access/policy.ts';
import { registerFilePurpose } from '../files/index.ts';
import { isBuyerSide, rfiContext } from './access.ts';

registerFilePurpose('rfi_answer', {
	async authorizeUpload(app, actor, ownerId) {
		const ctx = await rfiContext(app.db, actor, ownerId);
		if (!ctx) return { verdict: 'not_found', initiativeId: null };
		const verdict = decide(actor, 'write', { resource: 'rfi_response', initiative: ctx.initiative, rfi: ctx.scope });
		if (verdict !== 'ok') return { verdict, initiativeId: null };
		if (ctx.rfi.answersDeadline.getTime() <= app.clock.now().getTime()) return { verdict: 'forbidden', initiativeId: null };
		return { verdict: 'ok', initiativeId: ctx.rfi.initiativeId };
	},
	async authorizeRead(app, actor, file) {
		const ctx = await rfiContext(app.db, actor, file.ownerId);
		if (!ctx || actor.kind !== 'user') return 'not_found';
		if (actor.organisationKind === 'supplier') {
			return actor.organisationId === file.organisationId && decide(actor, 'read', { resource: 'rfi_response', initiative: ctx.initiative, rfi: ctx.scope }) === 'ok' ? 'ok' : 'not_found';
		}
		if (!isBuyerSide(actor, ctx) || decide(actor, 'read', { resource: 'rfi_responses', initiative: ctx.initiative, rfi: ctx.scope }) !== 'ok') return 'not_found';
		const [submitted] = await app.db
			.select({ answers: rfiResponses.submittedAnswers })
			.from(rfiResponses)
			.where(and(eq(rfiResponses.rfiId, ctx.rfi.id), eq(rfiResponses.organisationId, file.organisationId ?? ''), isNotNull(rfiResponses.submittedAt)))
			.limit(1);
		const inSubmission = (submitted?.answers ?? []).some((a) => (Array.isArray(a.value) ? a.value : [a.value]).includes(file.id));
		return inSubmission ? 'ok' : 'not_found';
	}
});
