/**
 * Who edited a live document and when, from the server's authorship ledger (never from what a
 * client says): one line per person with their last edit. What people need to trust a document
 * is "Maria Lind, i dag 14:02" — not "166 ändringar", which counts network messages.
 */
import { and, desc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import { docLedger, organisations, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import { mayKnowOrganisation, type Actor } from '../access/policy.ts';
import { swedishDateTime } from './document.ts';

export interface Editor {
	userId: string;
	name: string;
	organisationId: string;
	organisation: string;
	organisationKind: 'buyer' | 'supplier';
	/** ISO time of their latest accepted change. */
	lastAt: string;
}

/** The people who wrote in a document, latest edit first. */
export async function editorsOf(db: Db, docName: string): Promise<Editor[]> {
	const last = max(docLedger.at);
	const rows = await db
		.select({ userId: docLedger.userId, lastAt: last })
		.from(docLedger)
		.where(and(eq(docLedger.docName, docName), isNotNull(docLedger.userId)))
		.groupBy(docLedger.userId)
		.orderBy(desc(last));
	if (!rows.length) return [];
	const people = await db
		.select({ id: users.id, name: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(inArray(users.id, rows.map((r) => r.userId!)));
	const byId = new Map(people.map((p) => [p.id, p]));
	return rows.flatMap((r) => {
		const p = byId.get(r.userId!);
		if (!p || !r.lastAt) return [];
		return [{ userId: p.id, name: p.name, organisationId: p.orgId, organisation: p.orgName, organisationKind: p.orgKind, lastAt: new Date(r.lastAt).toISOString() }];
	});
}

/** The editors `viewer` may know of (rule 3: a supplier never learns of another supplier's people). */
export function visibleEditors(viewer: Actor, editors: Editor[]): Editor[] {
	return editors.filter((e) => mayKnowOrganisation(viewer, { id: e.organisationId, kind: e.organisationKind }));
}

/** "Senast ändrat 7 december 2026 kl. 14:02 av Maria Lind. Har skrivit: Maria Lind, Ahmed Karimi." */
export function editorsLine(editors: Editor[]): string {
	if (!editors.length) return 'Ingen har skrivit i dokumentet ännu.';
	const [latest] = editors;
	return `Senast ändrat ${swedishDateTime(latest.lastAt)} av ${latest.name}. Har skrivit: ${editors.map((e) => e.name).join(', ')}.`;
}
