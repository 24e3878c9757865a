/**
 * Method templates (issue 16): an initiative's method — its registered parts (`parts.ts`) and
 * its lessons — copied into an organisation template, and a new initiative started from one.
 * A template is a copy, never a link: it stores no id of the initiative it came from, only what
 * each part's whitelisting `capture` returned and the lessons' words (no author). Starting from a
 * template copies again, into the new initiative, inside the transaction that creates it.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { initiativeOrganisations, initiativeStartingMaterial, initiatives, lessons, methodTemplates, users, type TemplateLesson } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import { can, type UserActor } from '../access/policy.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { journalled } from '../audit/command.ts';
import * as audit from '../audit/index.ts';
import { ApiError } from '../http/api.ts';
import { templatePart, templatePartKeys } from './parts.ts';
import './builtin.ts';

export type MethodTemplate = typeof methodTemplates.$inferSelect;

/** Starting material key for the lessons a template brought along. */
export const LESSONS_KEY = 'lessons';

const auditActor = (actor: UserActor) => ({ userId: actor.userId, label: actor.name });
const notFound = () => new ApiError(404, 'not_found', 'Finns inte.');

/** The lessons of an initiative as a template carries them: phase and the three texts, nothing else. */
export function captureLesson(l: Pick<typeof lessons.$inferSelect, 'phase' | 'worked' | 'didNotWork' | 'recommendation'>): TemplateLesson {
	return { phase: l.phase, worked: l.worked, didNotWork: l.didNotWork, recommendation: l.recommendation };
}

export function templateToApi(t: MethodTemplate & { authorName?: string }) {
	return {
		id: t.id,
		organisationId: t.organisationId,
		title: t.title,
		description: t.description,
		parts: Object.keys(t.parts).sort(),
		lessons: t.lessons.length,
		createdBy: t.authorName ?? null,
		createdAt: t.createdAt.toISOString()
	};
}

/**
 * Saves `fromInitiativeId`'s method as a template of `organisationId`. The initiative must be
 * owned by that organisation and the caller must be on its team (process leader or team member,
 * who read everything the parts copy): anyone else gets the 404 of an initiative they may not know.
 */
export async function createTemplate(
	app: App,
	actor: UserActor,
	organisationId: string,
	input: { fromInitiativeId: string; parts: string[]; title?: string; description?: string }
): Promise<MethodTemplate> {
	const unknown = input.parts.filter((k) => !templatePart(k));
	if (unknown.length) throw new ApiError(400, 'unknown_part', `Okänd del: ${unknown.join(', ')}. Möjliga delar: ${templatePartKeys().join(', ')}.`);
	const scope = await initiativeScope(app.db, actor, input.fromInitiativeId);
	if (!scope || !can(actor, 'write', { resource: 'lessons', initiative: scope })) throw notFound();
	const [owned] = await app.db
		.select({ title: initiatives.title })
		.from(initiatives)
		.innerJoin(initiativeOrganisations, eq(initiativeOrganisations.initiativeId, initiatives.id))
		.where(and(eq(initiatives.id, scope.initiativeId), eq(initiativeOrganisations.organisationId, organisationId)))
		.limit(1);
	if (!owned) throw notFound();
	const parts: Record<string, unknown> = {};
	for (const key of [...new Set(input.parts)].sort()) {
		const data = await templatePart(key)!.capture(app.db, scope.initiativeId);
		if (data !== null && data !== undefined) parts[key] = data;
	}
	const lessonRows = await app.db.select().from(lessons).where(eq(lessons.initiativeId, scope.initiativeId)).orderBy(asc(lessons.createdAt));
	const title = input.title ?? `Mall: ${owned.title}`;
	return journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.insert(methodTemplates)
			.values({
				organisationId,
				title,
				description: input.description ?? '',
				parts,
				lessons: lessonRows.map(captureLesson),
				createdBy: actor.userId,
				createdAt: app.clock.now()
			})
			.returning();
		await journal({
			initiativeId: scope.initiativeId,
			actor: auditActor(actor),
			action: 'template.created',
			data: { templateId: row.id, title, organisationId, parts: Object.keys(parts), lessons: lessonRows.length }
		});
		return row;
	});
}

/** The organisation's templates, newest first. */
export async function listTemplates(db: Db, organisationId: string) {
	const rows = await db
		.select({ template: methodTemplates, authorName: users.name })
		.from(methodTemplates)
		.innerJoin(users, eq(users.id, methodTemplates.createdBy))
		.where(eq(methodTemplates.organisationId, organisationId))
		.orderBy(desc(methodTemplates.createdAt));
	return rows.map((r) => ({ ...r.template, authorName: r.authorName }));
}

/** One template of the organisation, or null (also for another organisation's template). */
export async function getTemplate(db: Db, organisationId: string, templateId: string): Promise<MethodTemplate | null> {
	if (!isUuid(templateId)) return null;
	const [row] = await db
		.select()
		.from(methodTemplates)
		.where(and(eq(methodTemplates.id, templateId), eq(methodTemplates.organisationId, organisationId)))
		.limit(1);
	return row ?? null;
}

/**
 * Copies a template into a new initiative, inside the transaction that creates it: each part's
 * `apply`, the lessons as starting material, and one journal entry. A template of another
 * organisation is refused as unknown (404 `template_not_found`), and the whole creation rolls back.
 */
export async function applyTemplate(tx: Tx, actor: UserActor, newInitiativeId: string, templateId: string): Promise<void> {
	const template = await getTemplate(tx as Db, actor.organisationId, templateId);
	if (!template) throw new ApiError(404, 'template_not_found', 'Mallen finns inte.');
	const applied: string[] = [];
	for (const key of Object.keys(template.parts).sort()) {
		const part = templatePart(key);
		// A part whose capability is gone from this installation is skipped, not guessed at.
		if (!part) continue;
		await part.apply(tx, newInitiativeId, template.parts[key], actor);
		applied.push(key);
	}
	if (template.lessons.length) {
		await tx.insert(initiativeStartingMaterial).values({ initiativeId: newInitiativeId, key: LESSONS_KEY, data: template.lessons });
	}
	await audit.record(tx, {
		initiativeId: newInitiativeId,
		actor: auditActor(actor),
		action: 'template.applied',
		data: { templateId: template.id, title: template.title, parts: applied, lessons: template.lessons.length }
	});
}

/** What an initiative started with from a template, by part key. */
export async function startingMaterial(db: Db, initiativeId: string): Promise<Record<string, unknown>> {
	const rows = await db.select().from(initiativeStartingMaterial).where(eq(initiativeStartingMaterial.initiativeId, initiativeId));
	return Object.fromEntries(rows.map((r) => [r.key, r.data]));
}

export { registerTemplatePart, templatePart, templatePartKeys, type TemplatePartDefinition } from './parts.ts';
