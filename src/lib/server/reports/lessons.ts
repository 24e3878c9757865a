/**
 * Lessons learnt (lärdomar, issue 16): per initiative and phase, what worked, what did not, and
 * what the team recommends. The team writes them; they are searchable across every initiative of
 * the organisation — each hit only from an initiative the searcher may read lessons of, never for
 * suppliers (the policy's `lessons` and `organisation_lessons`). Seed 002: what was learnt must
 * stay with the organisation, not leave with the project.
 */
import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { initiativeOrganisations, initiatives, lessons, memberships, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import { can, type Actor, type UserActor } from '../access/policy.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { journalled } from '../audit/command.ts';
import { ApiError } from '../http/api.ts';
import { PHASES, type Phase } from '../db/schema/initiatives.ts';
import { registerReportSection } from './sections.ts';
import { phaseSv } from './builtin.ts';
import { readable } from './sections.ts';
import type { LessonInput } from './validation.ts';

export type Lesson = typeof lessons.$inferSelect;

const auditActor = (actor: UserActor) => ({ userId: actor.userId, label: actor.name });

export function lessonToApi(l: Lesson & { authorName?: string }) {
	return {
		id: l.id,
		initiativeId: l.initiativeId,
		phase: l.phase,
		worked: l.worked,
		didNotWork: l.didNotWork,
		recommendation: l.recommendation,
		author: l.authorName ?? null,
		createdAt: l.createdAt.toISOString(),
		updatedAt: l.updatedAt.toISOString()
	};
}

/** An initiative's lessons in process order (phase), oldest first within a phase, with author names. */
export async function listLessons(db: Db, initiativeId: string) {
	const rows = await db
		.select({ lesson: lessons, authorName: users.name })
		.from(lessons)
		.innerJoin(users, eq(users.id, lessons.createdBy))
		.where(eq(lessons.initiativeId, initiativeId))
		.orderBy(asc(lessons.createdAt));
	const order = (p: Phase) => PHASES.indexOf(p);
	return rows.map((r) => ({ ...r.lesson, authorName: r.authorName })).sort((a, b) => order(a.phase) - order(b.phase));
}

export async function loadLesson(db: Db, id: string): Promise<Lesson | null> {
	if (!isUuid(id)) return null;
	const [row] = await db.select().from(lessons).where(eq(lessons.id, id)).limit(1);
	return row ?? null;
}

export const notFoundLesson = () => new ApiError(404, 'not_found', 'Finns inte.');

export async function createLesson(app: App, actor: UserActor, initiativeId: string, input: LessonInput): Promise<Lesson> {
	return journalled(app.db, async (tx, journal) => {
		const now = app.clock.now();
		const [row] = await tx
			.insert(lessons)
			.values({ initiativeId, ...input, createdBy: actor.userId, createdAt: now, updatedAt: now })
			.returning();
		await journal({ initiativeId, actor: auditActor(actor), action: 'lesson.created', data: { lessonId: row.id, phase: row.phase } });
		return row;
	});
}

export async function updateLesson(app: App, actor: UserActor, lesson: Lesson, input: LessonInput): Promise<Lesson> {
	return journalled(app.db, async (tx, journal) => {
		const changed = (['phase', 'worked', 'didNotWork', 'recommendation'] as const).filter((k) => input[k] !== lesson[k]);
		if (!changed.length) return lesson;
		const [row] = await tx
			.update(lessons)
			.set({ ...input, updatedAt: app.clock.now() })
			.where(eq(lessons.id, lesson.id))
			.returning();
		await journal({
			initiativeId: lesson.initiativeId,
			actor: auditActor(actor),
			action: 'lesson.updated',
			data: { lessonId: lesson.id, phase: row.phase, fields: changed }
		});
		return row;
	});
}

export async function deleteLesson(app: App, actor: UserActor, lesson: Lesson): Promise<void> {
	await journalled(app.db, async (tx, journal) => {
		await tx.delete(lessons).where(eq(lessons.id, lesson.id));
		await journal({ initiativeId: lesson.initiativeId, actor: auditActor(actor), action: 'lesson.deleted', data: { lessonId: lesson.id, phase: lesson.phase } });
	});
}

/** `%` and `_` typed by a person are letters, not wildcards. */
function likePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface LessonHit extends ReturnType<typeof lessonToApi> {
	initiativeTitle: string;
}

/**
 * Lessons of the organisation's initiatives that match `q` (in any of the three texts or the
 * initiative's title), newest first, at most 200. Only initiatives the organisation owns (alone
 * or jointly) and where the caller's membership lets them read lessons: an initiative they are
 * not on is not searched, so a hit never reveals a stranger's initiative.
 */
export async function searchLessons(db: Db, actor: UserActor, organisationId: string, q: string): Promise<LessonHit[]> {
	const mine = await db
		.select({ initiativeId: initiatives.id, phase: initiatives.phase, role: memberships.role, label: memberships.label })
		.from(initiatives)
		.innerJoin(initiativeOrganisations, and(eq(initiativeOrganisations.initiativeId, initiatives.id), eq(initiativeOrganisations.organisationId, organisationId)))
		.innerJoin(memberships, and(eq(memberships.initiativeId, initiatives.id), eq(memberships.userId, actor.userId)));
	const allowed = mine
		.filter((r) => can(actor, 'read', { resource: 'lessons', initiative: { initiativeId: r.initiativeId, phase: r.phase, membership: { role: r.role, label: r.label } } }))
		.map((r) => r.initiativeId);
	if (!allowed.length) return [];
	const text = q.trim();
	const pattern = likePattern(text);
	const rows = await db
		.select({ lesson: lessons, authorName: users.name, initiativeTitle: initiatives.title })
		.from(lessons)
		.innerJoin(initiatives, eq(initiatives.id, lessons.initiativeId))
		.innerJoin(users, eq(users.id, lessons.createdBy))
		.where(
			and(
				inArray(lessons.initiativeId, allowed),
				text
					? or(ilike(lessons.worked, pattern), ilike(lessons.didNotWork, pattern), ilike(lessons.recommendation, pattern), ilike(initiatives.title, pattern))
					: sql`true`
			)
		)
		.orderBy(desc(lessons.updatedAt))
		.limit(200);
	return rows.map((r) => ({ ...lessonToApi({ ...r.lesson, authorName: r.authorName }), initiativeTitle: r.initiativeTitle }));
}

registerReportSection({
	key: 'lessons',
	order: 70,
	async build(db, initiativeId, viewer) {
		if (!(await readable(db, viewer, initiativeId, 'lessons'))) return null;
		const list = await listLessons(db, initiativeId);
		if (!list.length) return { title: 'Lärdomar', blocks: [{ kind: 'paragraph', text: 'Inga lärdomar har registrerats.' }] };
		return {
			title: 'Lärdomar',
			blocks: [
				{
					kind: 'table',
					columns: ['Fas', 'Det här fungerade', 'Det här fungerade inte', 'Rekommendation'],
					rows: list.map((l) => [phaseSv(l.phase), l.worked, l.didNotWork, l.recommendation])
				}
			]
		};
	}
});

/** A lesson and the caller's scope in its initiative; null when either does not exist. */
export async function lessonContext(db: Db, actor: Actor, lessonId: string) {
	const lesson = await loadLesson(db, lessonId);
	if (!lesson) return null;
	const scope = await initiativeScope(db, actor, lesson.initiativeId);
	return scope ? { lesson, scope } : null;
}
