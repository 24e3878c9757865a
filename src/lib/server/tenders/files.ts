/**
 * Files attached to tenders (`purpose: tender_attachment`, owner = the round). Sealed like the
 * tender itself: the bytes are stored encrypted under the round's data key, and the upload is
 * journalled in the round's sealed chain, so neither the database nor the initiative's journal
 * tells anyone that a supplier is preparing a tender. A supplier user uploads while it may tender;
 * its organisation reads its own files; the buyer team reads a file once the round is opened, the
 * reader has declared, and the file is part of a tender. Everyone else: not found.
 */
import { decide } from '../access/policy.ts';
import { registerFilePurpose } from '../files/index.ts';
import { isBuyerSide, tenderContext } from './access.ts';
import { dataKey, verifySubmissions } from './content.ts';
import { eligibilityOf } from './eligibility.ts';
import { openBytes, sealBytes } from './seal.ts';
import { eq } from 'drizzle-orm';
import { tenders } from '../db/schema/index.ts';
import type { App } from '../app.ts';

export const TENDER_ATTACHMENT = 'tender_attachment';

async function roundKey(app: App, tenderId: string) {
	const [t] = await app.db.select({ wrappedKey: tenders.wrappedKey }).from(tenders).where(eq(tenders.id, tenderId)).limit(1);
	return dataKey(app, t);
}

registerFilePurpose(TENDER_ATTACHMENT, {
	async authorizeUpload(app, actor, ownerId) {
		const ctx = await tenderContext(app.db, actor, ownerId);
		if (!ctx || decide(actor, 'read', { resource: 'tender', initiative: ctx.initiative, tender: ctx.scope }) !== 'ok') return { verdict: 'not_found', initiativeId: null };
		if (decide(actor, 'write', { resource: 'tender_submission', initiative: ctx.initiative, tender: ctx.scope }) !== 'ok') return { verdict: 'forbidden', initiativeId: null };
		if (ctx.tender.openedAt || ctx.tender.deadline.getTime() <= app.clock.now().getTime()) return { verdict: 'forbidden', initiativeId: null };
		if (!(await eligibilityOf(app.db, ctx.tender, actor.organisationId)).eligible) return { verdict: 'forbidden', initiativeId: null };
		return { verdict: 'ok', initiativeId: ctx.tender.initiativeId, journalId: ctx.tender.id };
	},
	async authorizeRead(app, actor, file) {
		const ctx = await tenderContext(app.db, actor, file.ownerId);
		if (!ctx || actor.kind !== 'user') return 'not_found';
		if (actor.organisationKind === 'supplier') {
			return actor.organisationId === file.organisationId && decide(actor, 'read', { resource: 'tender_submission', initiative: ctx.initiative, tender: ctx.scope }) === 'ok' ? 'ok' : 'not_found';
		}
		if (!isBuyerSide(actor, ctx) || decide(actor, 'read', { resource: 'tender_submissions', initiative: ctx.initiative, tender: ctx.scope }) !== 'ok') return 'not_found';
		const subs = await verifySubmissions(app, app.db, ctx.tender);
		return subs.some((s) => s.organisation.id === file.organisationId && s.content?.attachments?.some((a) => a.fileId === file.id)) ? 'ok' : 'not_found';
	},
	seal: {
		close: async (app, ownerId, bytes) => sealBytes(await roundKey(app, ownerId), bytes),
		open: async (app, file, stored) => openBytes(await roundKey(app, file.ownerId), stored)
	}
});
