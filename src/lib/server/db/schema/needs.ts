/**
 * The needs register of an initiative and its effect logic. Indicators and sources are small
 * structured lists kept as JSON on the need; sources point at workshop cards or groups so
 * anyone can see why a need exists.
 */
import { pgTable, uuid, text, timestamp, integer, jsonb, index } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { initiatives } from './initiatives.ts';

export const NEED_STATUSES = ['draft', 'agreed', 'parked', 'moved'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

export interface NeedIndicator {
	name: string;
	unit: string;
	/** The baseline as words (kept as a note next to the numbers). */
	baseline: string;
	/** The target as words (kept as a note next to the numbers). */
	target: string;
	/** Numeric baseline (issue 16); null until known. Rows written before numbers may lack these fields: read through `numericIndicator`. */
	baselineValue?: number | null;
	/** YYYY-MM-DD the baseline was measured. */
	baselineDate?: string | null;
	/** Where the baseline figure comes from. */
	baselineSource?: string;
	targetValue?: number | null;
	/** Which way is better. */
	direction?: 'up' | 'down';
	/**
	 * Set by the migration to numbers when the text baseline or target did not parse as a number:
	 * the team should complete the figures. Cleared when numbers are saved.
	 */
	needsNumbers?: boolean;
	/** How it is measured. */
	method: string;
	/** Who measures it. */
	owner: string;
}

export interface NeedSource {
	workshopId: string;
	cardId?: string;
	groupId?: string;
}

export const needs = pgTable(
	'needs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** "[vem] behöver [funktion/resultat] så att [effekt]" — a function or outcome, never a product. */
		statement: text('statement').notNull().default(''),
		affected: text('affected').notNull().default(''),
		currentSituation: text('current_situation').notNull().default(''),
		baseline: text('baseline').notNull().default(''),
		desiredEffect: text('desired_effect').notNull().default(''),
		indicators: jsonb('indicators').$type<NeedIndicator[]>().notNull().default([]),
		priority: text('priority', { enum: NEED_PRIORITIES }).notNull().default('medium'),
		status: text('status', { enum: NEED_STATUSES }).notNull().default('draft'),
		/** With status `moved`: which process took it over. */
		movedTo: text('moved_to').notNull().default(''),
		sources: jsonb('sources').$type<NeedSource[]>().notNull().default([]),
		/** Increments on every change; a PATCH may send it to refuse overwriting someone else's edit. */
		version: integer('version').notNull().default(1),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('needs_initiative_idx').on(t.initiativeId)]
);

/** One step of the effect logic chain; `links` point at items of the step before. */
export interface EffectItem {
	id: string;
	text: string;
	links: string[];
}

/** The initiative's effect logic: needs → activities → outputs → outcomes → impact. */
export const effectLogic = pgTable('effect_logic', {
	initiativeId: uuid('initiative_id')
		.primaryKey()
		.references(() => initiatives.id, { onDelete: 'cascade' }),
	activities: jsonb('activities').$type<EffectItem[]>().notNull().default([]),
	outputs: jsonb('outputs').$type<EffectItem[]>().notNull().default([]),
	outcomes: jsonb('outcomes').$type<EffectItem[]>().notNull().default([]),
	impacts: jsonb('impacts').$type<EffectItem[]>().notNull().default([]),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
