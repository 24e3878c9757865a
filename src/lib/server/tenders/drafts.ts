/**
 * A supplier organisation's unsubmitted tender, kept between visits (like an RFI response draft)
 * but sealed like a tender: canonical JSON encrypted under the round's data key, read back only
 * for the organisation itself, never journalled (a working draft is not a record, and a journal
 * entry would tell that the organisation is preparing a tender). Submitting deletes it.
 */
import { and, eq } from 'drizzle-orm';
import { tenderDrafts, tenders } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { canonicalJson } from '../audit/index.ts';
import type { TenderContext } from './access.ts';
import { dataKey } from './content.ts';
import { deadlinePassed, refuseIfIneligible } from './commands.ts';
import { openContent, sealContent } from './seal.ts';
import type { DraftInput } from './validation.ts';

export type TenderDraft = DraftInput & { updatedAt: string };

/** The organisation's draft, decrypted for it; null when there is none. */
export async function readDraft(app: App, actor: UserActor, ctx: TenderContext): Promise<TenderDraft | null> {
	const [row] = await app.db
		.select()
		.from(tenderDrafts)
		.where(and(eq(tenderDrafts.tenderId, ctx.tender.id), eq(tenderDrafts.organisationId, actor.organisationId)))
		.limit(1);
	if (!row) return null;
	try {
		return { ...(JSON.parse(openContent(dataKey(app, ctx.tender), row.ciphertext)) as DraftInput), updatedAt: row.updatedAt.toISOString() };
	} catch {
		return null;
	}
}

/** Saves the organisation's draft (replacing the previous one) until the deadline, if it may tender. */
export async function saveDraft(app: App, actor: UserActor, ctx: TenderContext, input: DraftInput): Promise<{ updatedAt: string }> {
	await refuseIfIneligible(app, actor, ctx, 'draft');
	const ciphertext = sealContent(dataKey(app, ctx.tender), canonicalJson(input));
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select({ deadline: tenders.deadline, openedAt: tenders.openedAt }).from(tenders).where(eq(tenders.id, ctx.tender.id)).for('share');
		const now = app.clock.now();
		if (current.openedAt || now.getTime() >= current.deadline.getTime()) throw deadlinePassed();
		await tx
			.insert(tenderDrafts)
			.values({ tenderId: ctx.tender.id, organisationId: actor.organisationId, ciphertext, updatedBy: actor.userId, updatedAt: now })
			.onConflictDoUpdate({ target: [tenderDrafts.tenderId, tenderDrafts.organisationId], set: { ciphertext, updatedBy: actor.userId, updatedAt: now } });
		return { updatedAt: now.toISOString() };
	});
}
