/**
 * Sprint templates are data: two built in (the five-day Design Sprint and its four-day variant),
 * and any an organisation adds (`sprint_templates`). A sprint copies its template's schedule when
 * it is created, so editing a template later never rewrites a running sprint.
 */
import { eq } from 'drizzle-orm';
import { sprintTemplates, type SprintScheduleDay } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { isUuid } from '../access/scope.ts';

export interface SprintTemplate {
	id: string;
	name: { sv: string; en: string };
	schedule: SprintScheduleDay[];
	builtIn: boolean;
}

/** The built-in templates, by id. */
export const BUILT_IN_TEMPLATES: Record<string, SprintTemplate> = {
	design_sprint_5: {
		id: 'design_sprint_5',
		name: { sv: 'Designsprint, fem dagar', en: 'Design Sprint, five days' },
		builtIn: true,
		schedule: [
			{ day: 1, stages: ['map'] },
			{ day: 2, stages: ['sketch'] },
			{ day: 3, stages: ['decide'] },
			{ day: 4, stages: ['prototype'] },
			{ day: 5, stages: ['test'] }
		]
	},
	design_sprint_4: {
		id: 'design_sprint_4',
		name: { sv: 'Designsprint, fyra dagar', en: 'Design Sprint, four days' },
		builtIn: true,
		schedule: [
			{ day: 1, stages: ['map', 'sketch'] },
			{ day: 2, stages: ['decide'] },
			{ day: 3, stages: ['prototype'] },
			{ day: 4, stages: ['test'] }
		]
	}
};

/** Templates available to an organisation: the built-in ones, then its own. */
export async function templatesFor(db: Db | Tx, organisationId: string): Promise<SprintTemplate[]> {
	const own = await db.select().from(sprintTemplates).where(eq(sprintTemplates.organisationId, organisationId)).orderBy(sprintTemplates.createdAt);
	return [
		...Object.values(BUILT_IN_TEMPLATES),
		...own.map((t) => ({ id: t.id, name: { sv: t.name, en: t.name }, schedule: t.schedule, builtIn: false }))
	];
}

/** One template by id, if the organisation may use it (built in, or its own); null otherwise. */
export async function findTemplate(db: Db | Tx, organisationId: string, id: string): Promise<SprintTemplate | null> {
	if (BUILT_IN_TEMPLATES[id]) return BUILT_IN_TEMPLATES[id];
	if (!isUuid(id)) return null;
	const [row] = await db.select().from(sprintTemplates).where(eq(sprintTemplates.id, id.toLowerCase())).limit(1);
	if (!row || row.organisationId !== organisationId) return null;
	return { id: row.id, name: { sv: row.name, en: row.name }, schedule: row.schedule, builtIn: false };
}
