/**
 * The needs register: needs formulated as functions and outcomes, each traceable to the workshop
 * cards and groups it came from, and the initiative's effect logic. Every change is journalled.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { effectLogic, needs, workshops, type EffectItem, type NeedSource } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import type { Actor, InitiativeScope, UserActor } from '../access/policy.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { journalled } from '../audit/command.ts';
import { ApiError } from '../http/api.ts';
import { productWords } from '../../components/needs/statement.ts';
import { auditActor, existingCardIds, readWorkshopBoard } from '../workshops/index.ts';
import { statusProblem, type CreateNeed, type EffectLogicInput, type PatchNeed } from './validation.ts';

export type Need = typeof needs.$inferSelect;

export interface ResolvedSource extends NeedSource {
	workshopTitle: string;
	/** The card's text or the group's title as it is now; empty when it is gone from the board. */
	label: string;
	kind: 'card' | 'group';
	missing: boolean;
}

export async function loadNeed(db: Db, id: string): Promise<Need | null> {
	if (!isUuid(id)) return null;
	const [row] = await db.select().from(needs).where(eq(needs.id, id)).limit(1);
	return row ?? null;
}

/** The need with the actor's scope in its initiative, or null when it does not exist. */
export async function needContext(db: Db, actor: Actor, id: string): Promise<{ need: Need; initiative: InitiativeScope } | null> {
	const need = await loadNeed(db, id);
	if (!need) return null;
	const initiative = await initiativeScope(db, actor, need.initiativeId);
	return initiative ? { need, initiative } : null;
}

export async function listNeeds(db: Db, initiativeId: string): Promise<Need[]> {
	return db.select().from(needs).where(eq(needs.initiativeId, initiativeId)).orderBy(asc(needs.createdAt));
}

/** Warnings shown with a need: product or brand words in what should describe a function. */
export function needWarnings(n: Pick<Need, 'title' | 'statement' | 'desiredEffect'>): { code: 'names_product'; words: string[] }[] {
	const words = productWords([n.title, n.statement, n.desiredEffect].join('\n'));
	return words.length ? [{ code: 'names_product', words }] : [];
}

/**
 * Checks that every source points at a workshop of the same initiative and at a card or group
 * that is on its board. Cards are checked in our table (they are permanent); groups on the board.
 */
async function checkSources(app: App, initiativeId: string, sources: NeedSource[]): Promise<NeedSource[]> {
	if (!sources.length) return [];
	const workshopIds = [...new Set(sources.map((s) => s.workshopId))];
	const rows = await app.db
		.select({ id: workshops.id })
		.from(workshops)
		.where(and(eq(workshops.initiativeId, initiativeId), inArray(workshops.id, workshopIds)));
	const known = new Set(rows.map((r) => r.id));
	const seen = new Set<string>();
	const out: NeedSource[] = [];
	for (const wid of workshopIds) {
		if (!known.has(wid)) throw new ApiError(400, 'invalid_source', 'En källa pekar på en workshop som inte hör till initiativet.');
		const mine = sources.filter((s) => s.workshopId === wid);
		const cards = await existingCardIds(app.db, wid, mine.flatMap((s) => (s.cardId ? [s.cardId] : [])));
		const groupIds = mine.some((s) => s.groupId) ? new Set((await readWorkshopBoard(app, wid)).groups.map((g) => g.id)) : new Set<string>();
		for (const s of mine) {
			const ok = s.cardId ? cards.has(s.cardId) : groupIds.has(s.groupId!);
			if (!ok) throw new ApiError(400, 'invalid_source', 'En källa pekar på ett kort eller en grupp som inte finns på tavlan.');
			const key = `${wid}:${s.cardId ?? ''}:${s.groupId ?? ''}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push(s.cardId ? { workshopId: wid, cardId: s.cardId } : { workshopId: wid, groupId: s.groupId });
		}
	}
	return out;
}

/** Sources with the text they point at, for showing why a need exists. */
export async function resolveSources(app: App, sources: NeedSource[]): Promise<ResolvedSource[]> {
	if (!sources.length) return [];
	const ids = [...new Set(sources.map((s) => s.workshopId))];
	const titles = new Map(
		(await app.db.select({ id: workshops.id, title: workshops.title }).from(workshops).where(inArray(workshops.id, ids))).map((r) => [r.id, r.title])
	);
	const boards = new Map(await Promise.all(ids.map(async (id) => [id, await readWorkshopBoard(app, id)] as const)));
	return sources.map((s) => {
		const board = boards.get(s.workshopId);
		const label = s.cardId
			? board?.cards.find((c) => c.id === s.cardId)?.text
			: board?.groups.find((g) => g.id === s.groupId)?.title;
		return { ...s, workshopTitle: titles.get(s.workshopId) ?? '', label: label ?? '', kind: s.cardId ? 'card' : 'group', missing: label === undefined };
	});
}

export function toApi(n: Need, resolved?: ResolvedSource[]) {
	return {
		id: n.id,
		initiativeId: n.initiativeId,
		title: n.title,
		statement: n.statement,
		affected: n.affected,
		currentSituation: n.currentSituation,
		baseline: n.baseline,
		desiredEffect: n.desiredEffect,
		indicators: n.indicators,
		priority: n.priority,
		status: n.status,
		movedTo: n.movedTo,
		sources: resolved ?? n.sources,
		version: n.version,
		createdAt: n.createdAt.toISOString(),
		updatedAt: n.updatedAt.toISOString(),
		warnings: needWarnings(n)
	};
}

export async function createNeed(app: App, actor: UserActor, initiativeId: string, input: CreateNeed): Promise<Need> {
	const problem = statusProblem(input);
	if (problem) throw new ApiError(400, 'invalid_request', problem);
	const sources = await checkSources(app, initiativeId, input.sources);
	return journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.insert(needs)
			.values({ ...input, movedTo: input.status === 'moved' ? input.movedTo : '', sources, initiativeId, createdBy: actor.userId })
			.returning();
		await journal({
			initiativeId,
			actor: auditActor(actor),
			action: 'need.created',
			data: { needId: row.id, title: row.title, status: row.status, priority: row.priority, sources: sources.length }
		});
		return row;
	});
}

const TRACKED = ['title', 'statement', 'affected', 'currentSituation', 'baseline', 'desiredEffect', 'indicators', 'priority', 'status', 'movedTo', 'sources'] as const;

/** Applies a change; refuses with 409 `stale` when the client edited an older version. */
export async function updateNeed(app: App, actor: UserActor, need: Need, patch: PatchNeed): Promise<Need> {
	if (patch.version !== undefined && patch.version !== need.version) {
		throw new ApiError(409, 'stale', 'Någon annan har ändrat behovet sedan du öppnade det. Ladda om och gör ändringen igen.');
	}
	const next = { ...need, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Need;
	const problem = statusProblem(next);
	if (problem) throw new ApiError(400, 'invalid_request', problem);
	if (patch.sources) next.sources = await checkSources(app, need.initiativeId, patch.sources);
	if (next.status !== 'moved') next.movedTo = '';
	const changed = TRACKED.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(need[k]));
	if (!changed.length) return need;
	const values = Object.fromEntries(changed.map((k) => [k, next[k]]));
	return journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.update(needs)
			.set({ ...values, version: need.version + 1, updatedAt: new Date() })
			.where(and(eq(needs.id, need.id), eq(needs.version, need.version)))
			.returning();
		if (!row) throw new ApiError(409, 'stale', 'Någon annan har ändrat behovet samtidigt. Ladda om och gör ändringen igen.');
		const data: Record<string, unknown> = { needId: need.id, title: row.title, fields: changed };
		if (changed.includes('status')) data.status = { from: need.status, to: row.status };
		if (changed.includes('priority')) data.priority = { from: need.priority, to: row.priority };
		await journal({ initiativeId: need.initiativeId, actor: auditActor(actor), action: 'need.updated', data });
		return row;
	});
}

// ——— effect logic ———

export interface EffectLogic {
	activities: EffectItem[];
	outputs: EffectItem[];
	outcomes: EffectItem[];
	impacts: EffectItem[];
	updatedAt: string | null;
}

export async function getEffectLogic(db: Db, initiativeId: string): Promise<EffectLogic> {
	const [row] = await db.select().from(effectLogic).where(eq(effectLogic.initiativeId, initiativeId)).limit(1);
	if (!row) return { activities: [], outputs: [], outcomes: [], impacts: [], updatedAt: null };
	return { activities: row.activities, outputs: row.outputs, outcomes: row.outcomes, impacts: row.impacts, updatedAt: row.updatedAt.toISOString() };
}

/**
 * Replaces the effect logic. Links must point one step back (activity → need, output → activity,
 * outcome → output, impact → outcome); links to things that do not exist are dropped.
 */
export async function saveEffectLogic(app: App, actor: UserActor, initiativeId: string, input: EffectLogicInput): Promise<EffectLogic> {
	const needIds = new Set((await listNeeds(app.db, initiativeId)).map((n) => n.id));
	const keep = (items: EffectLogicInput['activities'], allowed: Set<string>): EffectItem[] => {
		const ids = new Set<string>();
		return items
			.filter((i) => !ids.has(i.id) && ids.add(i.id))
			.map((i) => ({ id: i.id, text: i.text, links: [...new Set(i.links)].filter((l) => allowed.has(l)) }));
	};
	const activities = keep(input.activities, needIds);
	const outputs = keep(input.outputs, new Set(activities.map((a) => a.id)));
	const outcomes = keep(input.outcomes, new Set(outputs.map((a) => a.id)));
	const impacts = keep(input.impacts, new Set(outcomes.map((a) => a.id)));
	const now = new Date();
	await journalled(app.db, async (tx, journal) => {
		await tx
			.insert(effectLogic)
			.values({ initiativeId, activities, outputs, outcomes, impacts, updatedAt: now })
			.onConflictDoUpdate({ target: effectLogic.initiativeId, set: { activities, outputs, outcomes, impacts, updatedAt: now } });
		await journal({
			initiativeId,
			actor: auditActor(actor),
			action: 'effect_logic.updated',
			data: { activities: activities.length, outputs: outputs.length, outcomes: outcomes.length, impacts: impacts.length }
		});
	});
	return { activities, outputs, outcomes, impacts, updatedAt: now.toISOString() };
}
