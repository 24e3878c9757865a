/**
 * Reading pilots as the viewer may see them. A supplier reads only its own pilot (the route asked
 * the policy) and, in it, the confirmed values plus the unconfirmed ones its own organisation
 * reported — never another organisation's unconfirmed values, never the advisor's aggregation
 * (it names the buyer's other purchases) nor the other organisations that run the pilot.
 */
import { and, asc, desc, eq, inArray, or, isNotNull, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { auditLog, docProjections, initiatives, needs, organisations, pilotDecisions, pilotOrganisations, pilotPoints, pilotValues, pilots, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import type { Actor } from '../access/policy.ts';
import { PLAN_TEXT_SECTIONS, missingParts, readSections, type PlanTextSection } from '../../shapes/pilot.ts';
import { docNameOf, type Pilot, type PilotContext } from './access.ts';
import { indicatorStatus, type IndicatorStatus } from './status.ts';

export type Point = typeof pilotPoints.$inferSelect;

export interface Indicator {
	pointId: string;
	needId: string | null;
	name: string;
	unit: string;
	direction: 'up' | 'down';
	baseline: { value: number; date: string | null; source: string } | null;
	target: number;
	method: string;
	frequency: string;
	responsible: string;
	supplierReports: boolean;
	series: Array<{ id: string; date: string; value: number; note: string; confirmed: boolean; supplierReported: boolean }>;
	status: IndicatorStatus;
}

const isSupplier = (viewer: Actor) => viewer.kind === 'user' && viewer.organisationKind === 'supplier';

export async function pointsOf(db: Db, pilotId: string): Promise<Point[]> {
	return db.select().from(pilotPoints).where(eq(pilotPoints.pilotId, pilotId)).orderBy(asc(pilotPoints.position));
}

/** Every point with its series (as the viewer may see it) and status. */
export async function indicatorsOf(db: Db, ctx: { pilot: Pilot }, viewer: Actor): Promise<Indicator[]> {
	const points = await pointsOf(db, ctx.pilot.id);
	const visible =
		viewer.kind === 'user' && viewer.organisationKind === 'supplier'
			? and(eq(pilotValues.pilotId, ctx.pilot.id), or(isNotNull(pilotValues.confirmedAt), eq(pilotValues.reportedByOrganisationId, viewer.organisationId)))
			: eq(pilotValues.pilotId, ctx.pilot.id);
	const values = await db.select().from(pilotValues).where(visible).orderBy(asc(pilotValues.date));
	return points.map((p) => {
		const series = values
			.filter((v) => v.pointId === p.id)
			.map((v) => ({ id: v.id, date: v.date, value: v.value, note: v.note, confirmed: v.confirmedAt !== null, supplierReported: v.reportedByOrganisationId !== null }));
		return {
			pointId: p.id,
			needId: p.needId,
			name: p.name,
			unit: p.unit,
			direction: p.direction,
			baseline: p.baselineValue === null ? null : { value: p.baselineValue, date: p.baselineDate, source: p.baselineSource },
			target: p.target,
			method: p.method,
			frequency: p.frequency,
			responsible: p.responsible,
			supplierReports: p.supplierReports,
			series,
			status: indicatorStatus(p.direction, p.target, series)
		};
	});
}

/** The plan's text sections: from the live document when the server runs one, else its stored projection. */
export async function planSections(app: Pick<App, 'db' | 'liveDocs'>, pilotId: string): Promise<Record<PlanTextSection, string>> {
	if (app.liveDocs) return app.liveDocs.read(docNameOf(pilotId), (doc: Y.Doc) => readSections(doc));
	return sectionsFromProjection(app.db, pilotId);
}

/** The sections as the last stored projection has them (exports and reports without a live server). */
export async function sectionsFromProjection(db: Db, pilotId: string): Promise<Record<PlanTextSection, string>> {
	const [row] = await db.select({ json: docProjections.json }).from(docProjections).where(eq(docProjections.docName, docNameOf(pilotId))).limit(1);
	const json = (row?.json ?? {}) as Record<string, unknown>;
	const sections = (json.sections ?? {}) as Record<string, unknown>;
	return Object.fromEntries(PLAN_TEXT_SECTIONS.map((k) => [k, typeof sections[k] === 'string' ? (sections[k] as string) : ''])) as Record<PlanTextSection, string>;
}

export async function decisionsOf(db: Db, pilotId: string) {
	const rows = await db
		.select({ d: pilotDecisions, by: users.name })
		.from(pilotDecisions)
		.innerJoin(users, eq(users.id, pilotDecisions.decidedBy))
		.where(eq(pilotDecisions.pilotId, pilotId))
		.orderBy(desc(pilotDecisions.decidedAt));
	return rows.map(({ d, by }) => ({ id: d.id, decision: d.decision, motivation: d.motivation, reason: d.reason, statuses: d.statuses, decidedBy: by, decidedAt: d.decidedAt.toISOString() }));
}

/** The whole plan as the viewer may see it, with `missingSections`. */
export async function pilotView(app: Pick<App, 'db' | 'liveDocs'>, ctx: PilotContext, viewer: Actor) {
	const p = ctx.pilot;
	const supplier = isSupplier(viewer);
	const [orgs, needRows, makers, indicators, sections, decisions] = await Promise.all([
		app.db
			.select({ id: organisations.id, name: organisations.name })
			.from(pilotOrganisations)
			.innerJoin(organisations, eq(organisations.id, pilotOrganisations.organisationId))
			.where(eq(pilotOrganisations.pilotId, p.id))
			.orderBy(asc(organisations.name)),
		p.needIds.length ? app.db.select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, p.needIds)) : Promise.resolve([]),
		app.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, p.decisionMakers)),
		indicatorsOf(app.db, ctx, viewer),
		planSections(app, p.id),
		decisionsOf(app.db, p.id)
	]);
	const missingSections = missingParts(sections, { activities: p.activities.length, points: indicators.length, risks: p.risks.length });
	return {
		id: p.id,
		initiativeId: p.initiativeId,
		title: p.title,
		kind: p.kind,
		route: p.route,
		valueSek: p.valueSek,
		organisations: supplier && viewer.kind === 'user' ? orgs.filter((o) => o.id === viewer.organisationId) : orgs,
		needs: needRows,
		decisionMakers: makers,
		startDate: p.startDate,
		endDate: p.endDate,
		gateDate: p.gateDate,
		activities: p.activities,
		risks: p.risks,
		sections,
		missingSections,
		points: indicators.map(({ series: _s, status: _st, pointId, ...point }) => ({ id: pointId, ...point })),
		decisions,
		scaleUp: supplier ? null : p.scaleUp,
		...(supplier ? {} : { directAwardReason: p.directAwardReason, advice: p.advice }),
		createdAt: p.createdAt.toISOString()
	};
}

/** The pilots of an initiative for the buyer side, each with its suppliers and latest decision. */
export async function listPilots(db: Db, initiativeId: string) {
	const rows = await db.select().from(pilots).where(eq(pilots.initiativeId, initiativeId)).orderBy(asc(pilots.createdAt));
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const [orgs, decisions, points] = await Promise.all([
		db
			.select({ pilotId: pilotOrganisations.pilotId, name: organisations.name })
			.from(pilotOrganisations)
			.innerJoin(organisations, eq(organisations.id, pilotOrganisations.organisationId))
			.where(inArray(pilotOrganisations.pilotId, ids)),
		db.select().from(pilotDecisions).where(inArray(pilotDecisions.pilotId, ids)).orderBy(desc(pilotDecisions.decidedAt)),
		db.select({ pilotId: pilotPoints.pilotId }).from(pilotPoints).where(inArray(pilotPoints.pilotId, ids))
	]);
	return rows.map((r) => {
		const d = decisions.find((x) => x.pilotId === r.id);
		return {
			id: r.id,
			title: r.title,
			kind: r.kind,
			route: r.route,
			valueSek: r.valueSek,
			startDate: r.startDate,
			endDate: r.endDate,
			gateDate: r.gateDate,
			organisations: orgs.filter((o) => o.pilotId === r.id).map((o) => o.name),
			points: points.filter((p) => p.pilotId === r.id).length,
			decision: d ? { decision: d.decision, decidedAt: d.decidedAt.toISOString() } : null
		};
	});
}

/** The pilots a supplier user's organisation runs (its portal). */
export async function pilotsOfOrganisation(db: Db, organisationId: string) {
	return db
		.select({ id: pilots.id, title: pilots.title, initiativeId: pilots.initiativeId, buyer: initiatives.title, startDate: pilots.startDate, endDate: pilots.endDate })
		.from(pilotOrganisations)
		.innerJoin(pilots, eq(pilots.id, pilotOrganisations.pilotId))
		.innerJoin(initiatives, eq(initiatives.id, pilots.initiativeId))
		.where(eq(pilotOrganisations.organisationId, organisationId))
		.orderBy(asc(pilots.createdAt));
}

export interface ComparedSeries {
	pilotId: string;
	pilotTitle: string;
	indicator: Indicator;
}

/**
 * Parallel pilots measured on the same indicators, side by side (buyer side only): points are the
 * same indicator when they share a need and a unit, or else a name and a unit.
 */
export async function parallelComparison(db: Db, initiativeId: string, viewer: Actor): Promise<Array<{ key: string; name: string; unit: string; direction: 'up' | 'down'; target: number; series: ComparedSeries[] }>> {
	const rows = await db.select().from(pilots).where(and(eq(pilots.initiativeId, initiativeId), eq(pilots.kind, 'parallel'))).orderBy(asc(pilots.createdAt));
	const groups = new Map<string, { key: string; name: string; unit: string; direction: 'up' | 'down'; target: number; series: ComparedSeries[] }>();
	for (const pilot of rows) {
		for (const indicator of await indicatorsOf(db, { pilot }, viewer)) {
			const key = `${indicator.needId ?? indicator.name.toLowerCase()}|${indicator.unit.toLowerCase()}`;
			const g = groups.get(key) ?? { key, name: indicator.name, unit: indicator.unit, direction: indicator.direction, target: indicator.target, series: [] };
			g.series.push({ pilotId: pilot.id, pilotTitle: pilot.title, indicator });
			groups.set(key, g);
		}
	}
	return [...groups.values()].filter((g) => g.series.length > 1);
}

/** The journal entries about one pilot, oldest first (for readers of the journal only: the route checks). */
export async function pilotLog(db: Db, initiativeId: string, pilotId: string) {
	const rows = await db
		.select({ at: auditLog.at, action: auditLog.action, actorLabel: auditLog.actorLabel, data: auditLog.data })
		.from(auditLog)
		.where(and(eq(auditLog.initiativeId, initiativeId), sql`${auditLog.data}->>'pilotId' = ${pilotId}`))
		.orderBy(asc(auditLog.id));
	return rows.map((r) => ({ at: new Date(r.at).toISOString(), action: r.action, actorLabel: r.actorLabel, data: (r.data ?? {}) as Record<string, unknown> }));
}

/** The observers' dashboard of an initiative: every pilot with its indicators' status and its decisions. */
export async function dashboard(db: Db, initiativeId: string, viewer: Actor) {
	const rows = await db.select().from(pilots).where(eq(pilots.initiativeId, initiativeId)).orderBy(asc(pilots.createdAt));
	return Promise.all(
		rows.map(async (pilot) => {
			const indicators = await indicatorsOf(db, { pilot }, viewer);
			return {
				id: pilot.id,
				title: pilot.title,
				kind: pilot.kind,
				startDate: pilot.startDate,
				endDate: pilot.endDate,
				gateDate: pilot.gateDate,
				indicators: indicators.map((i) => {
					const confirmed = i.series.filter((s) => s.confirmed);
					const latest = confirmed.at(-1) ?? null;
					return { pointId: i.pointId, name: i.name, unit: i.unit, direction: i.direction, baseline: i.baseline?.value ?? null, target: i.target, latest: latest && { date: latest.date, value: latest.value }, status: i.status };
				}),
				decisions: (await decisionsOf(db, pilot.id)).map((d) => ({ id: d.id, decision: d.decision, decidedAt: d.decidedAt, decidedBy: d.decidedBy, motivation: d.motivation }))
			};
		})
	);
}
