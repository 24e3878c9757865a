/**
 * Changes to pilots. Each command assumes the route asked the policy (`access.ts`); it enforces
 * what the policy cannot see from a role alone — the advisor's aggregation and the documented
 * reason above 100 000 SEK by direct award, points delegated to the supplier, the baselines
 * before a decision — and writes the journal (and notifications) in the same transaction as
 * the change (`journalled`).
 *
 * A recorded value is never changed silently: a new value for the same point and date replaces
 * the old one and journals both (`pilot.value_changed`).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { initiatives, memberships, needs, organisations, pilotDecisions, pilotOrganisations, pilotPoints, pilotValues, pilots, users } from '../db/schema/index.ts';
import type { PilotActivity, PilotAdviceRecord, PilotRisk, ScaleUpPlan } from '../db/schema/pilots.ts';
import type { BuyerKind, PurchaseKind } from '../db/schema/requirements.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { journalled } from '../audit/command.ts';
import { ApiError } from '../http/api.ts';
import { auditActor } from '../initiatives/commands.ts';
import { notify } from '../notifications/index.ts';
import * as advisor from '../advisor/index.ts';
import type { PilotContext } from './access.ts';
import { indicatorsOf } from './queries.ts';
import type { CreatePilot, DecisionInput, PlanInput, PointInput, ScaleUpInput, ValueInput } from './validation.ts';
import './notify.ts';

export const reasonRequired = () =>
	new ApiError(400, 'reason_required', 'En direktupphandling över 100 000 kronor ska dokumenteras: ange skälen för direktupphandlingen.');

/** What the advisor is asked about a pilot or its scale-up. */
async function adviceForValue(
	app: App,
	actor: UserActor,
	initiativeId: string,
	valueSek: number,
	opts: { excludePilotId?: string; marketSituation?: advisor.MarketSituation } = {}
): Promise<advisor.Advice> {
	const [initiative] = await app.db.select({ purchaseKind: initiatives.purchaseKind, procedure: initiatives.procedure }).from(initiatives).where(eq(initiatives.id, initiativeId));
	const saved = (initiative?.procedure ?? null) as { buyerKind?: BuyerKind; marketSituation?: advisor.MarketSituation } | null;
	return advisor.adviceFor(app.db, {
		input: {
			estimatedValueSek: valueSek,
			purchaseKind: (initiative?.purchaseKind as PurchaseKind | null) ?? 'services',
			buyerKind: saved?.buyerKind ?? 'municipality_region',
			marketSituation: opts.marketSituation ?? saved?.marketSituation ?? 'exists',
			needsRnd: false
		},
		organisationId: actor.organisationId,
		viewerUserId: actor.userId,
		// The initiative's own estimate is the procurement the pilot belongs to, not a purchase beside it.
		initiativeId,
		excludePilotId: opts.excludePilotId,
		now: app.clock.now()
	});
}

function adviceRecord(advice: advisor.Advice, valueSek: number): PilotAdviceRecord {
	return { totalSek: advice.aggregation.totalSek, sameKindSek: advice.aggregation.sameKindSek, warnings: advice.warnings.filter((w) => w.code !== 'below_eu_threshold') };
}

/** Buyer-organisation members of the initiative among `userIds` (decision makers must be). */
async function buyerMembers(app: App, initiativeId: string, userIds: string[]): Promise<string[]> {
	if (!userIds.length) return [];
	const rows = await app.db
		.select({ id: users.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(memberships.initiativeId, initiativeId), inArray(memberships.userId, userIds), eq(organisations.kind, 'buyer'), isNull(users.disabledAt)));
	return rows.map((r) => r.id);
}

/**
 * Creates a pilot. By direct award (the default) the advisor is asked with the pilot's value
 * aggregated with the organisation's other purchases of the same kind this year (pilots by
 * direct award included); above 100 000 SEK the reason is required. The advisor's warnings are
 * returned and kept with the pilot.
 */
export async function createPilot(app: App, actor: UserActor, initiativeId: string, input: CreatePilot) {
	const route = input.route ?? 'direct_award';
	const reason = input.directAwardReason?.trim() ?? '';
	if (route === 'direct_award' && input.valueSek > advisor.DOCUMENTATION_LIMIT_SEK && !reason) throw reasonRequired();
	const orgIds = [...new Set(input.organisationIds)];
	const orgs = await app.db.select({ id: organisations.id, kind: organisations.kind, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds));
	if (orgs.length !== orgIds.length || orgs.some((o) => o.kind !== 'supplier')) {
		throw new ApiError(400, 'unknown_organisation', 'Piloten ska köras av registrerade leverantörsorganisationer.');
	}
	const needIds = [...new Set(input.needIds)];
	if (needIds.length) {
		const found = await app.db.select({ id: needs.id }).from(needs).where(and(eq(needs.initiativeId, initiativeId), inArray(needs.id, needIds)));
		if (found.length !== needIds.length) throw new ApiError(400, 'unknown_need', 'Ett behov hör inte till initiativet.');
	}
	const decisionMakers = [...new Set(input.decisionMakers ?? [actor.userId])];
	if ((await buyerMembers(app, initiativeId, decisionMakers)).length !== decisionMakers.length) {
		throw new ApiError(400, 'invalid_decision_makers', 'Beslutsfattarna ska vara medlemmar i initiativet från den upphandlande organisationen.');
	}
	if (input.startDate && input.endDate && input.endDate < input.startDate) throw new ApiError(400, 'invalid_request', 'Slutdatum kan inte ligga före startdatum.');
	const advice = route === 'direct_award' ? await adviceForValue(app, actor, initiativeId, input.valueSek) : null;
	const record: PilotAdviceRecord = advice ? adviceRecord(advice, input.valueSek) : { totalSek: input.valueSek, sameKindSek: 0, warnings: [] };
	const now = app.clock.now();
	const id = await journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.insert(pilots)
			.values({
				initiativeId,
				title: input.title,
				kind: input.kind,
				route,
				valueSek: input.valueSek,
				directAwardReason: reason,
				needIds,
				decisionMakers,
				startDate: input.startDate ?? null,
				endDate: input.endDate ?? null,
				gateDate: input.gateDate ?? null,
				advice: record,
				createdBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: pilots.id });
		await tx.insert(pilotOrganisations).values(orgIds.map((organisationId) => ({ pilotId: row.id, organisationId })));
		await journal({
			initiativeId,
			actor: auditActor(actor),
			action: 'pilot.created',
			data: {
				pilotId: row.id,
				title: input.title,
				kind: input.kind,
				route,
				valueSek: input.valueSek,
				organisations: orgs.map((o) => o.name),
				decisionMakers,
				directAwardReason: reason || null,
				aggregatedSek: record.totalSek,
				warnings: record.warnings.map((w) => w.code)
			}
		});
		return row.id;
	});
	return { id, advice: record };
}

/** Saves the structured parts of the plan (dates, activities, risks). */
export async function updatePlan(app: App, actor: UserActor, ctx: PilotContext, input: PlanInput) {
	const p = ctx.pilot;
	const next = {
		startDate: input.startDate === undefined ? p.startDate : input.startDate,
		endDate: input.endDate === undefined ? p.endDate : input.endDate,
		gateDate: input.gateDate === undefined ? p.gateDate : input.gateDate,
		activities: input.activities
			? input.activities.map((a): PilotActivity => ({ id: a.id || randomUUID(), title: a.title, start: a.start, end: a.end ?? null, owner: a.owner, status: a.status }))
			: p.activities,
		risks: input.risks
			? input.risks.map((r): PilotRisk => ({ id: r.id || randomUUID(), risk: r.risk, likelihood: r.likelihood, impact: r.impact, mitigation: r.mitigation, owner: r.owner }))
			: p.risks
	};
	if (next.startDate && next.endDate && next.endDate < next.startDate) throw new ApiError(400, 'invalid_request', 'Slutdatum kan inte ligga före startdatum.');
	if (next.activities.some((a) => a.end && a.end < a.start)) throw new ApiError(400, 'invalid_request', 'En aktivitet slutar före den börjar.');
	const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(p[k]));
	if (!changed.length) return next;
	await journalled(app.db, async (tx, journal) => {
		await tx.update(pilots).set({ ...next, updatedAt: app.clock.now() }).where(eq(pilots.id, p.id));
		await journal({
			initiativeId: p.initiativeId,
			actor: auditActor(actor),
			action: 'pilot.plan_updated',
			data: { pilotId: p.id, title: p.title, fields: changed, activities: next.activities.length, risks: next.risks.length }
		});
	});
	return next;
}

/**
 * Replaces the measurement points. A point sent with its id is updated, one without is added,
 * and one left out is removed — unless values were recorded for it (409 `point_has_values`):
 * recorded values are never dropped without a trace.
 */
export async function savePoints(app: App, actor: UserActor, ctx: PilotContext, points: PointInput[]) {
	const pilotId = ctx.pilot.id;
	const existing = await app.db.select().from(pilotPoints).where(eq(pilotPoints.pilotId, pilotId));
	const known = new Set(existing.map((p) => p.id));
	const keptIds = new Set(points.flatMap((p) => (p.id ? [p.id] : [])));
	if (points.some((p) => p.id && !known.has(p.id))) throw new ApiError(400, 'unknown_point', 'En mätpunkt hör inte till piloten.');
	if (keptIds.size !== points.filter((p) => p.id).length) throw new ApiError(400, 'invalid_request', 'Samma mätpunkt finns två gånger.');
	const names = points.map((p) => p.name.toLowerCase());
	if (new Set(names).size !== names.length) throw new ApiError(400, 'duplicate_point', 'Två mätpunkter har samma namn.');
	const needIds = [...new Set(points.flatMap((p) => (p.needId ? [p.needId] : [])))];
	if (needIds.length) {
		const found = await app.db.select({ id: needs.id }).from(needs).where(and(eq(needs.initiativeId, ctx.pilot.initiativeId), inArray(needs.id, needIds)));
		if (found.length !== needIds.length) throw new ApiError(400, 'unknown_need', 'Ett behov hör inte till initiativet.');
	}
	const removed = existing.filter((p) => !keptIds.has(p.id));
	return journalled(app.db, async (tx, journal) => {
		if (removed.length) {
			const withValues = await tx.select({ pointId: pilotValues.pointId }).from(pilotValues).where(inArray(pilotValues.pointId, removed.map((p) => p.id))).limit(1);
			if (withValues.length) throw new ApiError(409, 'point_has_values', 'En mätpunkt med registrerade värden kan inte tas bort.');
			await tx.delete(pilotPoints).where(inArray(pilotPoints.id, removed.map((p) => p.id)));
		}
		const saved: Array<typeof pilotPoints.$inferSelect> = [];
		for (const [position, p] of points.entries()) {
			const values = {
				pilotId,
				position,
				needId: p.needId ?? null,
				name: p.name,
				unit: p.unit,
				direction: p.direction,
				baselineValue: p.baseline?.value ?? null,
				baselineDate: p.baseline?.date ?? null,
				baselineSource: p.baseline?.source ?? '',
				target: p.target,
				method: p.method ?? '',
				frequency: p.frequency ?? '',
				responsible: p.responsible ?? '',
				supplierReports: p.supplierReports ?? false
			};
			const [row] = p.id
				? await tx.update(pilotPoints).set(values).where(eq(pilotPoints.id, p.id)).returning()
				: await tx.insert(pilotPoints).values(values).returning();
			saved.push(row);
		}
		await journal({
			initiativeId: ctx.pilot.initiativeId,
			actor: auditActor(actor),
			action: 'pilot.points_saved',
			data: {
				pilotId,
				title: ctx.pilot.title,
				points: saved.map((p) => ({ id: p.id, name: p.name, baseline: p.baselineValue, target: p.target, direction: p.direction })),
				removed: removed.map((p) => p.name)
			}
		});
		return saved;
	});
}

export interface RecordResult {
	accepted: number;
	rejected: Array<{ row: number; error: string }>;
}

/**
 * Records values (from JSON or the CSV import). Each row is checked on its own; a bad row is
 * reported and never stops the good ones, which are written together in one transaction (all of
 * them or, should the database fail, none). A supplier records only on points delegated to it,
 * and its values stay unconfirmed until a team member confirms them; a value the team recorded is
 * confirmed by recording it. A value for a point and date that already has one replaces it, and
 * the journal keeps the old and the new value.
 */
export async function recordValues(
	app: App,
	actor: UserActor,
	ctx: PilotContext,
	rows: Array<ValueInput & { row: number }>,
	earlier: RecordResult['rejected'] = [],
	source: 'json' | 'csv' = 'json'
): Promise<RecordResult> {
	const pilotId = ctx.pilot.id;
	const supplier = actor.organisationKind === 'supplier';
	const points = new Map((await app.db.select().from(pilotPoints).where(eq(pilotPoints.pilotId, pilotId))).map((p) => [p.id, p]));
	const rejected = [...earlier];
	const good: Array<ValueInput & { row: number }> = [];
	const seen = new Set<string>();
	for (const r of rows) {
		const point = points.get(r.pointId);
		if (!point) rejected.push({ row: r.row, error: 'Okänd mätpunkt.' });
		else if (supplier && !point.supplierReports) rejected.push({ row: r.row, error: `Mätpunkten ”${point.name}” rapporteras av teamet.` });
		else if (seen.has(`${r.pointId}|${r.date}`)) rejected.push({ row: r.row, error: 'Samma mätpunkt och datum finns redan tidigare i förfrågan.' });
		else {
			seen.add(`${r.pointId}|${r.date}`);
			good.push(r);
		}
	}
	const now = app.clock.now();
	const accepted = await journalled(app.db, async (tx, journal) => {
		const keys = good.map((g) => g.pointId);
		const current = keys.length ? await tx.select().from(pilotValues).where(and(eq(pilotValues.pilotId, pilotId), inArray(pilotValues.pointId, keys))).for('update') : [];
		const byKey = new Map(current.map((v) => [`${v.pointId}|${v.date}`, v]));
		let created = 0;
		let count = 0;
		for (const g of good) {
			const note = g.note?.trim() ?? '';
			const old = byKey.get(`${g.pointId}|${g.date}`);
			const point = points.get(g.pointId)!;
			if (old) {
				// A supplier never overwrites what the team or another organisation recorded.
				if (supplier && old.reportedByOrganisationId !== actor.organisationId) {
					rejected.push({ row: g.row, error: 'Det finns redan ett värde för datumet.' });
					continue;
				}
				count++;
				if (old.value === g.value && old.note === note) continue;
				await tx
					.update(pilotValues)
					.set({
						value: g.value,
						note,
						recordedBy: actor.userId,
						reportedByOrganisationId: supplier ? actor.organisationId : null,
						confirmedBy: supplier ? null : actor.userId,
						confirmedAt: supplier ? null : now,
						recordedAt: now
					})
					.where(eq(pilotValues.id, old.id));
				await journal({
					initiativeId: ctx.pilot.initiativeId,
					actor: auditActor(actor),
					action: 'pilot.value_changed',
					data: { pilotId, title: ctx.pilot.title, pointId: g.pointId, point: point.name, unit: point.unit, date: g.date, from: old.value, to: g.value, noteFrom: old.note, noteTo: note, supplierReported: supplier }
				});
				continue;
			}
			await tx.insert(pilotValues).values({
				pointId: g.pointId,
				pilotId,
				date: g.date,
				value: g.value,
				note,
				recordedBy: actor.userId,
				reportedByOrganisationId: supplier ? actor.organisationId : null,
				confirmedBy: supplier ? null : actor.userId,
				confirmedAt: supplier ? null : now,
				recordedAt: now
			});
			created++;
			count++;
		}
		if (created) {
			await journal({
				initiativeId: ctx.pilot.initiativeId,
				actor: auditActor(actor),
				action: 'pilot.values_recorded',
				data: { pilotId, title: ctx.pilot.title, count: created, source, supplierReported: supplier }
			});
		}
		return count;
	});
	rejected.sort((a, b) => a.row - b.row);
	return { accepted, rejected };
}

/** A team member confirms supplier-reported values (already confirmed ones are left as they are). */
export async function confirmValues(app: App, actor: UserActor, ctx: PilotContext, valueIds: string[]): Promise<{ confirmed: number }> {
	const ids = [...new Set(valueIds)];
	return journalled(app.db, async (tx, journal) => {
		const rows = await tx
			.update(pilotValues)
			.set({ confirmedBy: actor.userId, confirmedAt: app.clock.now() })
			.where(and(eq(pilotValues.pilotId, ctx.pilot.id), inArray(pilotValues.id, ids), isNull(pilotValues.confirmedAt)))
			.returning({ id: pilotValues.id, date: pilotValues.date, value: pilotValues.value });
		if (rows.length) {
			await journal({
				initiativeId: ctx.pilot.initiativeId,
				actor: auditActor(actor),
				action: 'pilot.values_confirmed',
				data: { pilotId: ctx.pilot.id, title: ctx.pilot.title, count: rows.length, valueIds: rows.map((r) => r.id) }
			});
		}
		return { confirmed: rows.length };
	});
}

export const baselineMissing = () =>
	new ApiError(409, 'baseline_missing', 'Minst en mätpunkt saknar utgångsvärde. Komplettera utgångsvärdena eller ange skälet till att beslutet ändå fattas.');

/**
 * Records the go/no-go decision of a named decision maker (the route asked the policy). Refused
 * with 409 `baseline_missing` while a point lacks a baseline, unless a reason is given. The
 * evidence — each indicator's status — is kept with the decision; the team and the observers
 * are told.
 */
export async function decide(app: App, actor: UserActor, ctx: PilotContext, input: DecisionInput) {
	const indicators = await indicatorsOf(app.db, ctx, actor);
	const reason = input.reason?.trim() ?? '';
	const lacking = indicators.filter((i) => i.baseline === null);
	if (lacking.length && !reason) throw baselineMissing();
	const statuses = indicators.map((i) => ({ pointId: i.pointId, name: i.name, status: i.status }));
	const now = app.clock.now();
	return journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.insert(pilotDecisions)
			.values({ pilotId: ctx.pilot.id, decision: input.decision, motivation: input.motivation, reason, statuses, decidedBy: actor.userId, decidedAt: now })
			.returning({ id: pilotDecisions.id });
		await journal({
			initiativeId: ctx.pilot.initiativeId,
			actor: auditActor(actor),
			action: 'pilot.decided',
			data: {
				pilotId: ctx.pilot.id,
				title: ctx.pilot.title,
				decisionId: row.id,
				decision: input.decision,
				motivation: input.motivation,
				reason: reason || null,
				withoutBaseline: lacking.map((i) => i.name),
				statuses
			}
		});
		const recipients = await tx
			.select({ id: users.id })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(and(eq(memberships.initiativeId, ctx.pilot.initiativeId), eq(organisations.kind, 'buyer')));
		await notify(app, tx, {
			userIds: recipients.map((r) => r.id).filter((id) => id !== actor.userId),
			kind: 'pilot.decided',
			data: { title: ctx.pilot.title, decision: input.decision, by: actor.name },
			link: `/initiatives/${ctx.pilot.initiativeId}/pilots/${ctx.pilot.id}/gate`
		});
		return { id: row.id, decidedAt: now.toISOString() };
	});
}

/**
 * Saves the scale-up plan. The advisor is asked with the scale-up cost aggregated with the pilot
 * (and everything else of the same kind this year), so a pilot bought by direct award does not
 * silently grow past the threshold; its warnings are returned and kept.
 */
export async function saveScaleUp(app: App, actor: UserActor, ctx: PilotContext, input: ScaleUpInput) {
	const advice = await adviceForValue(app, actor, ctx.pilot.initiativeId, input.costSek, { marketSituation: input.marketSituation });
	const best = advice.recommendations.find((r) => r.fit === 'good') ?? advice.recommendations.find((r) => r.fit === 'possible') ?? null;
	const direct = advice.recommendations.find((r) => r.procedure === 'direct_award');
	const warnings = advice.warnings.filter((w) => w.code !== 'below_eu_threshold');
	if (ctx.pilot.route === 'direct_award' && direct && direct.fit === 'unsuitable') {
		warnings.unshift({ code: 'scale_up_exceeds_direct_award', values: { pilotSek: ctx.pilot.valueSek, scaleUpSek: input.costSek, totalSek: advice.aggregation.totalSek } });
	}
	const plan: ScaleUpPlan = {
		organisationRequirements: input.organisationRequirements,
		costSek: input.costSek,
		municipalities: [...new Set(input.municipalities)],
		advice: { procedure: best?.procedure ?? null, totalSek: advice.aggregation.totalSek, warnings },
		updatedAt: app.clock.now().toISOString(),
		updatedBy: actor.name
	};
	await journalled(app.db, async (tx, journal) => {
		await tx.update(pilots).set({ scaleUp: plan, updatedAt: app.clock.now() }).where(eq(pilots.id, ctx.pilot.id));
		await journal({
			initiativeId: ctx.pilot.initiativeId,
			actor: auditActor(actor),
			action: 'pilot.scale_up_saved',
			data: { pilotId: ctx.pilot.id, title: ctx.pilot.title, costSek: input.costSek, municipalities: plan.municipalities, procedure: plan.advice.procedure, totalSek: plan.advice.totalSek, warnings: warnings.map((w) => w.code) }
		});
	});
	return { scaleUp: plan, advice };
}
