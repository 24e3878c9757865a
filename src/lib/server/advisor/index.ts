/**
 * The advisor with its data: thresholds in force on a date, the organisation's other purchases
 * of the same kind this year, and saving the chosen procedure on an initiative.
 */
import { and, asc, desc, eq, gte, isNull, lt, ne, or, lte, sql } from 'drizzle-orm';
import { initiativeOrganisations, initiatives, memberships, pilots, procurementThresholds, type BuyerKind, type PurchaseKind, type ThresholdName } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { reviewOverdue } from './review.ts';
import { advise, type Advice, type AdviceInput, type Procedure, type ThresholdUsed } from './advise.ts';

export * from './advise.ts';
export * from './review.ts';

export interface ThresholdRow {
	id: number;
	name: ThresholdName;
	buyerKind: BuyerKind | null;
	purchaseKind: PurchaseKind | null;
	sek: number;
	validFrom: string;
	validTo: string | null;
	reviewBy: string | null;
	source: string;
}

/** YYYY-MM-DD of a date in UTC. */
export function isoDay(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/**
 * The threshold of a name in force on `day` for this buyer and purchase kind: the row with the
 * latest `validFrom` not after the day and not expired, the most specific scope winning ties.
 */
export async function thresholdAt(db: Db, name: ThresholdName, buyerKind: BuyerKind, purchaseKind: PurchaseKind, day: string): Promise<ThresholdUsed | null> {
	const rows = await db
		.select()
		.from(procurementThresholds)
		.where(
			and(
				eq(procurementThresholds.name, name),
				lte(procurementThresholds.validFrom, day),
				or(isNull(procurementThresholds.validTo), gte(procurementThresholds.validTo, day)),
				or(isNull(procurementThresholds.buyerKind), eq(procurementThresholds.buyerKind, buyerKind)),
				or(isNull(procurementThresholds.purchaseKind), eq(procurementThresholds.purchaseKind, purchaseKind))
			)
		)
		.orderBy(
			desc(procurementThresholds.validFrom),
			sql`(${procurementThresholds.buyerKind} is not null)::int + (${procurementThresholds.purchaseKind} is not null)::int desc`,
			desc(procurementThresholds.id)
		)
		.limit(1);
	const r = rows[0];
	return r ? { name: r.name, sek: r.sek, validFrom: r.validFrom, validTo: r.validTo, reviewBy: r.reviewBy, reviewOverdue: reviewOverdue(r, day), source: r.source } : null;
}

export async function listThresholds(db: Db): Promise<ThresholdRow[]> {
	const rows = await db
		.select()
		.from(procurementThresholds)
		.orderBy(asc(procurementThresholds.name), desc(procurementThresholds.validFrom), asc(procurementThresholds.purchaseKind), asc(procurementThresholds.buyerKind));
	return rows.map((r) => ({ id: r.id, name: r.name, buyerKind: r.buyerKind, purchaseKind: r.purchaseKind, sek: r.sek, validFrom: r.validFrom, validTo: r.validTo, reviewBy: r.reviewBy, source: r.source }));
}

export type ThresholdInput = Omit<ThresholdRow, 'id' | 'reviewBy'> & { reviewBy?: string | null };

export async function createThreshold(db: Db, actor: UserActor, input: ThresholdInput): Promise<ThresholdRow> {
	return db.transaction(async (tx) => {
		const [row] = await tx.insert(procurementThresholds).values(input).returning();
		await audit.record(tx, { initiativeId: null, actor: { userId: actor.userId, label: actor.name }, action: 'threshold.created', data: { id: row.id, ...input } });
		return { ...input, reviewBy: row.reviewBy, id: row.id };
	});
}

export async function updateThreshold(db: Db, actor: UserActor, id: number, input: ThresholdInput): Promise<ThresholdRow | null> {
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(procurementThresholds).where(eq(procurementThresholds.id, id)).limit(1);
		if (!before) return null;
		const [after] = await tx.update(procurementThresholds).set({ ...input, updatedAt: new Date() }).where(eq(procurementThresholds.id, id)).returning();
		await audit.record(tx, {
			initiativeId: null,
			actor: { userId: actor.userId, label: actor.name },
			action: 'threshold.updated',
			data: { id, before: { sek: before.sek, validFrom: before.validFrom, validTo: before.validTo, reviewBy: before.reviewBy, source: before.source }, after: input }
		});
		return { ...input, reviewBy: after.reviewBy, id };
	});
}

export async function deleteThreshold(db: Db, actor: UserActor, id: number): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [before] = await tx.delete(procurementThresholds).where(eq(procurementThresholds.id, id)).returning();
		if (!before) return false;
		await audit.record(tx, {
			initiativeId: null,
			actor: { userId: actor.userId, label: actor.name },
			action: 'threshold.deleted',
			data: { id, name: before.name, sek: before.sek, validFrom: before.validFrom, purchaseKind: before.purchaseKind, buyerKind: before.buyerKind }
		});
		return true;
	});
}

/**
 * The organisation's other initiatives with the same purchase kind started in the same calendar
 * year (the fiscal year of Swedish municipalities and regions) — their estimated values add up.
 *
 * "The organisation's" means the initiatives it owns, alone or jointly, by its own consent:
 * `initiative_organisations` holds a co-owner only once its administrator has accepted the
 * invitation (see `initiatives/co-owners.ts`), so nobody can push another organisation's
 * purchases over the direct-award limit. The sum is the organisation's (splitting is judged
 * per contracting authority), but only initiatives the viewer may see — those they are a member
 * of — are named; the others are counted without titles (`hidden`).
 */
export async function sameKindPurchases(
	db: Db,
	opts: { organisationId: string; viewerUserId: string; purchaseKind: PurchaseKind; year: number; excludeInitiativeId?: string; excludePilotId?: string }
) {
	const from = new Date(Date.UTC(opts.year, 0, 1));
	const to = new Date(Date.UTC(opts.year + 1, 0, 1));
	const conds = [
		eq(initiativeOrganisations.organisationId, opts.organisationId),
		eq(initiatives.purchaseKind, opts.purchaseKind),
		gte(initiatives.createdAt, from),
		lt(initiatives.createdAt, to)
	];
	if (opts.excludeInitiativeId) conds.push(ne(initiatives.id, opts.excludeInitiativeId));
	const rows = await db
		.selectDistinct({ id: initiatives.id, title: initiatives.title, estimatedValueSek: initiatives.estimatedValueSek, member: memberships.userId })
		.from(initiatives)
		.innerJoin(initiativeOrganisations, eq(initiativeOrganisations.initiativeId, initiatives.id))
		.leftJoin(memberships, and(eq(memberships.initiativeId, initiatives.id), eq(memberships.userId, opts.viewerUserId)))
		.where(and(...conds));
	const all = rows.map((r) => ({ id: r.id, title: r.title, estimatedValueSek: r.estimatedValueSek ?? 0, visible: r.member !== null }));
	// Pilots bought by direct award count as purchases of their own (issue 16), also those of the
	// initiative being advised on: two pilots just under a limit are one purchase over it.
	const pilotConds = [
		eq(initiativeOrganisations.organisationId, opts.organisationId),
		eq(initiatives.purchaseKind, opts.purchaseKind),
		eq(pilots.route, 'direct_award'),
		gte(pilots.createdAt, from),
		lt(pilots.createdAt, to)
	];
	if (opts.excludePilotId) pilotConds.push(ne(pilots.id, opts.excludePilotId));
	const pilotRows = await db
		.selectDistinct({ id: pilots.id, title: pilots.title, initiativeTitle: initiatives.title, valueSek: pilots.valueSek, member: memberships.userId })
		.from(pilots)
		.innerJoin(initiatives, eq(initiatives.id, pilots.initiativeId))
		.innerJoin(initiativeOrganisations, eq(initiativeOrganisations.initiativeId, initiatives.id))
		.leftJoin(memberships, and(eq(memberships.initiativeId, initiatives.id), eq(memberships.userId, opts.viewerUserId)))
		.where(and(...pilotConds));
	for (const p of pilotRows) all.push({ id: p.id, title: `Pilot: ${p.title} (${p.initiativeTitle})`, estimatedValueSek: p.valueSek, visible: p.member !== null });
	const hidden = all.filter((r) => !r.visible);
	return {
		sameKindSek: all.reduce((s, r) => s + r.estimatedValueSek, 0),
		initiatives: all.filter((r) => r.visible).map(({ visible: _v, ...r }) => r),
		hidden: { count: hidden.length, estimatedValueSek: hidden.reduce((s, r) => s + r.estimatedValueSek, 0) }
	};
}

/** Full advice for a user's organisation on a day (see `sameKindPurchases` for what is counted and named). */
export async function adviceFor(
	db: Db,
	opts: { input: AdviceInput; organisationId: string; viewerUserId: string; initiativeId?: string; excludePilotId?: string; now?: Date }
): Promise<Advice> {
	const now = opts.now ?? new Date();
	const day = isoDay(now);
	const [directAward, euThreshold] = await Promise.all([
		thresholdAt(db, 'direct_award', opts.input.buyerKind, opts.input.purchaseKind, day),
		thresholdAt(db, 'eu_threshold', opts.input.buyerKind, opts.input.purchaseKind, day)
	]);
	const agg = await sameKindPurchases(db, {
		organisationId: opts.organisationId,
		viewerUserId: opts.viewerUserId,
		purchaseKind: opts.input.purchaseKind,
		year: now.getUTCFullYear(),
		excludeInitiativeId: opts.initiativeId,
		excludePilotId: opts.excludePilotId
	});
	return advise(opts.input, { directAward, euThreshold }, agg);
}

export interface ProcedureDecision {
	procedure: Procedure;
	reasoning: string;
	directAwardReason?: string;
	estimatedValueSek: number;
	purchaseKind: PurchaseKind;
	buyerKind: BuyerKind;
	marketSituation: AdviceInput['marketSituation'];
	needsRnd: boolean;
	fit: string;
	thresholdsUsed: ThresholdUsed[];
	decidedAt: string;
	decidedBy: { id: string; name: string };
}

/** Saves the chosen procedure on the initiative (with the purchase kind and value used) and journals it. */
export async function saveDecision(db: Tx, actor: UserActor, initiativeId: string, decision: ProcedureDecision): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.update(initiatives)
			.set({ procedure: decision, purchaseKind: decision.purchaseKind, estimatedValueSek: decision.estimatedValueSek, updatedAt: new Date() })
			.where(eq(initiatives.id, initiativeId));
		await audit.record(tx, {
			initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'procedure.chosen',
			data: {
				procedure: decision.procedure,
				fit: decision.fit,
				estimatedValueSek: decision.estimatedValueSek,
				purchaseKind: decision.purchaseKind,
				reasoning: decision.reasoning,
				directAwardReason: decision.directAwardReason ?? null,
				thresholds: decision.thresholdsUsed.map((t) => ({ name: t.name, sek: t.sek, validFrom: t.validFrom }))
			}
		});
	});
}
