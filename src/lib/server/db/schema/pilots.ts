/**
 * Pilots (issue 16): a pilot of an initiative with the supplier organisations that run it, its
 * measurement points (indicators with a numeric baseline and target), the values recorded over
 * time, the go/no-go decision and the scale-up plan.
 *
 * The plan's free-text checklist sections live in the live document `pilot.<pilotId>` (shape in
 * `src/lib/shapes/pilot.ts`); timeline activities and risks are structured rows kept here as JSON
 * on the pilot, so the gate page and the report can read them without the document.
 */
import { pgTable, uuid, text, timestamp, boolean, jsonb, bigint, doublePrecision, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { initiatives } from './initiatives.ts';
import { organisations, users } from './accounts.ts';
import { needs } from './needs.ts';

export const PILOT_KINDS = ['series', 'parallel'] as const;
export type PilotKind = (typeof PILOT_KINDS)[number];
/** How the pilot was bought: a direct award recorded with the advisor, an awarded tender, a sprint room. */
export const PILOT_ROUTES = ['direct_award', 'tender', 'sprint'] as const;
export type PilotRoute = (typeof PILOT_ROUTES)[number];
export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const PILOT_DECISIONS = ['scale', 'repeat', 'stop'] as const;
export type PilotDecision = (typeof PILOT_DECISIONS)[number];
export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'done'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** One dated activity of the pilot's timeline. */
export interface PilotActivity {
	id: string;
	title: string;
	start: string;
	end: string | null;
	owner: string;
	status: ActivityStatus;
}

/** One risk of the risk analysis; likelihood and impact 1–5. */
export interface PilotRisk {
	id: string;
	risk: string;
	likelihood: number;
	impact: number;
	mitigation: string;
	owner: string;
}

/** The scale-up plan, with the advisor's answer for the scale-up value aggregated with the pilot. */
export interface ScaleUpPlan {
	organisationRequirements: string;
	costSek: number;
	municipalities: string[];
	/** The procedure the advisor recommended first, and its warnings, at the time of saving. */
	advice: { procedure: string | null; totalSek: number; warnings: Array<{ code: string; values?: Record<string, number> }> };
	updatedAt: string;
	updatedBy: string;
}

/** The advisor's answer at creation, kept with the pilot (what the team was told). */
export interface PilotAdviceRecord {
	totalSek: number;
	sameKindSek: number;
	warnings: Array<{ code: string; values?: Record<string, number> }>;
}

export const pilots = pgTable(
	'pilots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		kind: text('kind', { enum: PILOT_KINDS }).notNull(),
		route: text('route', { enum: PILOT_ROUTES }).notNull().default('direct_award'),
		valueSek: bigint('value_sek', { mode: 'number' }).notNull(),
		/** Required by a direct award above 100 000 SEK (seed 000; LOU 19:30). */
		directAwardReason: text('direct_award_reason').notNull().default(''),
		needIds: jsonb('need_ids').$type<string[]>().notNull().default([]),
		/** User ids of the named decision makers of the go/no-go (default: the process leader). */
		decisionMakers: jsonb('decision_makers').$type<string[]>().notNull(),
		startDate: text('start_date'),
		endDate: text('end_date'),
		gateDate: text('gate_date'),
		activities: jsonb('activities').$type<PilotActivity[]>().notNull().default([]),
		risks: jsonb('risks').$type<PilotRisk[]>().notNull().default([]),
		advice: jsonb('advice').$type<PilotAdviceRecord>().notNull(),
		scaleUp: jsonb('scale_up').$type<ScaleUpPlan | null>(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [index('pilots_initiative_idx').on(t.initiativeId)]
);

/** The supplier organisations that run a pilot; each sees this pilot and no other. */
export const pilotOrganisations = pgTable(
	'pilot_organisations',
	{
		pilotId: uuid('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id)
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.organisationId] }), index('pilot_organisations_org_idx').on(t.organisationId)]
);

/** A measurement point: usually one of a need's indicators. */
export const pilotPoints = pgTable(
	'pilot_points',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pilotId: uuid('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		needId: uuid('need_id').references(() => needs.id, { onDelete: 'set null' }),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		unit: text('unit').notNull().default(''),
		direction: text('direction', { enum: DIRECTIONS }).notNull(),
		baselineValue: doublePrecision('baseline_value'),
		baselineDate: text('baseline_date'),
		baselineSource: text('baseline_source').notNull().default(''),
		target: doublePrecision('target').notNull(),
		method: text('method').notNull().default(''),
		frequency: text('frequency').notNull().default(''),
		responsible: text('responsible').notNull().default(''),
		/** The supplier records values of this point (delegated); they stay marked until confirmed. */
		supplierReports: boolean('supplier_reports').notNull().default(false)
	},
	(t) => [index('pilot_points_pilot_idx').on(t.pilotId)]
);

/** A value of a point on a date. One value per point and date; a change keeps old and new in the journal. */
export const pilotValues = pgTable(
	'pilot_values',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pointId: uuid('point_id')
			.notNull()
			.references(() => pilotPoints.id, { onDelete: 'cascade' }),
		pilotId: uuid('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		date: text('date').notNull(),
		value: doublePrecision('value').notNull(),
		note: text('note').notNull().default(''),
		recordedBy: uuid('recorded_by')
			.notNull()
			.references(() => users.id),
		/** The supplier organisation that reported it; null for the buyer team's own values. */
		reportedByOrganisationId: uuid('reported_by_organisation_id').references(() => organisations.id),
		confirmedBy: uuid('confirmed_by').references(() => users.id),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull()
	},
	(t) => [uniqueIndex('pilot_values_point_date_idx').on(t.pointId, t.date), index('pilot_values_pilot_idx').on(t.pilotId)]
);

/** The go/no-go decision (one per gate), with the evidence as it stood. */
export const pilotDecisions = pgTable(
	'pilot_decisions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pilotId: uuid('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		decision: text('decision', { enum: PILOT_DECISIONS }).notNull(),
		motivation: text('motivation').notNull(),
		/** Why the decision was taken although a point lacks a baseline. */
		reason: text('reason').notNull().default(''),
		statuses: jsonb('statuses').$type<Array<{ pointId: string; name: string; status: string }>>().notNull(),
		decidedBy: uuid('decided_by')
			.notNull()
			.references(() => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull()
	},
	(t) => [index('pilot_decisions_pilot_idx').on(t.pilotId)]
);
