/**
 * The one resolver of a requirement's need links. A requirement links needs by id inside the
 * live document, and a document accepts whatever ids an editing client writes — also the id of
 * another initiative's need. Every reader (the draft API and publishing, the editor's list of
 * needs, the print page, the DOCX export, versions) resolves links here, only inside the
 * initiative: an id that is not a need of this initiative is dropped, so nothing of another
 * initiative (its need's title, or that it exists) shows through.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { needs } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { RequirementJson } from '../../shapes/requirements.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The initiative's needs, oldest first: what a requirement may link to (the editor's list). */
export function initiativeNeeds(db: Db, initiativeId: string) {
	return db
		.select({ id: needs.id, title: needs.title, status: needs.status })
		.from(needs)
		.where(eq(needs.initiativeId, initiativeId))
		.orderBy(asc(needs.createdAt));
}

/** Titles of those of `ids` that are needs of this initiative; other ids are simply absent. */
export async function ownNeedTitles(db: Db, initiativeId: string, ids: Iterable<string>): Promise<Map<string, string>> {
	const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
	if (!wanted.length) return new Map();
	const rows = await db
		.select({ id: needs.id, title: needs.title })
		.from(needs)
		.where(and(eq(needs.initiativeId, initiativeId), inArray(needs.id, wanted)));
	return new Map(rows.map((r) => [r.id, r.title]));
}

/** The requirements with every need id that is not in `own` removed (order kept, duplicates dropped). */
export function keepOwnNeeds<R extends Pick<RequirementJson, 'needIds'>>(requirements: R[], own: ReadonlyMap<string, string>): R[] {
	return requirements.map((r) => ({ ...r, needIds: [...new Set(r.needIds)].filter((id) => own.has(id)) }));
}

/**
 * A specification (draft or version) with its need links resolved inside the initiative: foreign
 * ids dropped from every requirement, and the titles of the remaining ones.
 */
export async function resolveNeedLinks<C extends { requirements: RequirementJson[] }>(
	db: Db,
	initiativeId: string,
	content: C
): Promise<C & { needTitles: Map<string, string> }> {
	const needTitles = await ownNeedTitles(db, initiativeId, content.requirements.flatMap((r) => r.needIds));
	return { ...content, requirements: keepOwnNeeds(content.requirements, needTitles), needTitles };
}
