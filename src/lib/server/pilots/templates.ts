/**
 * The pilot plan as part of a method template (registry key `pilot_plan`): what the organisation
 * learnt about running a pilot, without the people and the supplier. `capture` keeps the kind,
 * the checklist's structure, measurement points (name, unit, direction, method, frequency — no
 * figures, no responsible person), activities as offsets from the start (no owners) and risks (no
 * owners). Free-text sections are not copied (they name people and the supplier), and any row
 * whose text names a supplier organisation of the pilot or a member of the initiative is dropped.
 * `apply` creates the plan as a draft pilot in the new initiative, without suppliers or value,
 * with the actor as decision maker; choosing suppliers and the value happens as for any pilot.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { memberships, organisations, pilotOrganisations, pilotPoints, pilots, users } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { auditActor } from '../initiatives/commands.ts';
import { DIRECTIONS, PILOT_KINDS, type PilotActivity, type PilotRisk } from '../db/schema/pilots.ts';

export interface PilotPlanTemplate {
	version: 1;
	plans: Array<{
		title: string;
		kind: (typeof PILOT_KINDS)[number];
		durationDays: number | null;
		points: Array<{ name: string; unit: string; direction: (typeof DIRECTIONS)[number]; method: string; frequency: string; supplierReports: boolean }>;
		activities: Array<{ title: string; startOffsetDays: number; durationDays: number | null }>;
		risks: Array<{ risk: string; likelihood: number; impact: number; mitigation: string }>;
	}>;
}

const days = (from: string | null, to: string | null) => (from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) : null);

async function capture(db: Db, initiativeId: string): Promise<PilotPlanTemplate> {
	const rows = await db.select().from(pilots).where(eq(pilots.initiativeId, initiativeId)).orderBy(asc(pilots.createdAt));
	if (!rows.length) return { version: 1, plans: [] };
	const ids = rows.map((r) => r.id);
	const [orgNames, people, points] = await Promise.all([
		db.select({ name: organisations.name }).from(pilotOrganisations).innerJoin(organisations, eq(organisations.id, pilotOrganisations.organisationId)).where(inArray(pilotOrganisations.pilotId, ids)),
		db.select({ name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.initiativeId, initiativeId)),
		db.select().from(pilotPoints).where(inArray(pilotPoints.pilotId, ids)).orderBy(asc(pilotPoints.position))
	]);
	const banned = [...orgNames.map((o) => o.name), ...people.map((p) => p.name)].map((n) => n.trim().toLowerCase()).filter((n) => n.length > 2);
	const clean = (...texts: string[]) => !texts.some((t) => banned.some((b) => t.toLowerCase().includes(b)));
	return {
		version: 1,
		plans: rows.map((p) => ({
			title: clean(p.title) ? p.title : 'Pilot',
			kind: p.kind,
			durationDays: days(p.startDate, p.endDate),
			points: points
				.filter((x) => x.pilotId === p.id && clean(x.name, x.unit, x.method, x.frequency))
				.map((x) => ({ name: x.name, unit: x.unit, direction: x.direction, method: x.method, frequency: x.frequency, supplierReports: x.supplierReports })),
			activities: p.activities
				.filter((a: PilotActivity) => clean(a.title))
				.map((a: PilotActivity) => ({ title: a.title, startOffsetDays: days(p.startDate, a.start) ?? 0, durationDays: days(a.start, a.end) })),
			risks: p.risks.filter((r: PilotRisk) => clean(r.risk, r.mitigation)).map((r: PilotRisk) => ({ risk: r.risk, likelihood: r.likelihood, impact: r.impact, mitigation: r.mitigation }))
		}))
	};
}

async function apply(tx: Tx, newInitiativeId: string, data: unknown, actor: UserActor): Promise<void> {
	const template = data as PilotPlanTemplate;
	if (!template || template.version !== 1 || !Array.isArray(template.plans)) return;
	const now = new Date();
	const today = now.toISOString().slice(0, 10);
	const plus = (n: number | null) => (n === null ? null : new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10));
	for (const plan of template.plans) {
		const [row] = await tx
			.insert(pilots)
			.values({
				initiativeId: newInitiativeId,
				title: plan.title,
				kind: plan.kind,
				route: 'direct_award',
				valueSek: 0,
				decisionMakers: [actor.userId],
				startDate: today,
				endDate: plus(plan.durationDays),
				activities: plan.activities.map((a) => ({ id: crypto.randomUUID(), title: a.title, start: plus(a.startOffsetDays)!, end: a.durationDays === null ? null : plus(a.startOffsetDays + a.durationDays), owner: '', status: 'planned' as const })),
				risks: plan.risks.map((r) => ({ id: crypto.randomUUID(), ...r, owner: '' })),
				advice: { totalSek: 0, sameKindSek: 0, warnings: [] },
				createdBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: pilots.id });
		if (plan.points.length) {
			await tx.insert(pilotPoints).values(plan.points.map((p, position) => ({ pilotId: row.id, position, name: p.name, unit: p.unit, direction: p.direction, target: 0, method: p.method, frequency: p.frequency, supplierReports: p.supplierReports })));
		}
		await audit.record(tx, {
			initiativeId: newInitiativeId,
			actor: auditActor(actor),
			action: 'pilot.created_from_template',
			data: { pilotId: row.id, title: plan.title, points: plan.points.length, activities: plan.activities.length, risks: plan.risks.length }
		});
	}
}

/** The pilots' part of a method template (registered in `register.ts`). */
export const pilotTemplatePart = { key: 'pilot_plan', capture, apply } as const;
