/**
 * Evaluation and what stays with the organisation (issue 16): lessons learnt per initiative and
 * phase, and method templates — copies of an initiative's method (workshop set-up, RFI question
 * set, evaluation model …) that a new initiative can start from. A template is a copy, never a
 * link: it holds no id of the initiative it came from, and the parts are whitelisted data only
 * (see `templates/parts.ts`).
 */
import { pgTable, uuid, text, timestamp, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.ts';
import { initiatives, PHASES } from './initiatives.ts';

/** One lesson: what worked, what did not, and what the team recommends, for one phase. */
export const lessons = pgTable(
	'lessons',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		phase: text('phase', { enum: PHASES }).notNull(),
		worked: text('worked').notNull().default(''),
		didNotWork: text('did_not_work').notNull().default(''),
		recommendation: text('recommendation').notNull().default(''),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('lessons_initiative_idx').on(t.initiativeId)]
);

/** A lesson as a template carries it: the words only, no author, no initiative. */
export interface TemplateLesson {
	phase: (typeof PHASES)[number];
	worked: string;
	didNotWork: string;
	recommendation: string;
}

/** An organisation's method template. `parts` maps a template part key to that part's captured data. */
export const methodTemplates = pgTable(
	'method_templates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		parts: jsonb('parts').$type<Record<string, unknown>>().notNull().default({}),
		lessons: jsonb('lessons').$type<TemplateLesson[]>().notNull().default([]),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('method_templates_organisation_idx').on(t.organisationId)]
);

/**
 * Template material an initiative started with that has no home of its own yet (an evaluation
 * model before there is a tender round, lessons to read before starting): kept per initiative and
 * part key, read by the page that uses it. A copy: editing it never touches the template.
 */
export const initiativeStartingMaterial = pgTable(
	'initiative_starting_material',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		data: jsonb('data').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.key] })]
);
