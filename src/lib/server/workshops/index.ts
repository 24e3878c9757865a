/**
 * Needs workshops: commands and queries. Routes authorize through the policy (via `load`) and
 * then call one function here. Everything that must hold against a crafted client is enforced
 * here, on the server: the phase machine, the vote budget (in a transaction that locks the
 * workshop row), anonymity (cards are put on the board by the server, without an author) and
 * silent mode (private cards stay in our table until the reveal).
 */
import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { users, workshopCards, workshopGuests, workshopVotes, workshops } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import { can, type Actor, type InitiativeScope, type Target, type UserActor } from '../access/policy.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import * as audit from '../audit/index.ts';
import { ApiError } from '../http/api.ts';
import type { ChangeAuthor } from '../live-docs.ts';
import { createGuestSession, endWorkshopGuestSessions, type GuestActor } from '../auth/guest.ts';
import { addCards, readBoard, setMeta, setTally, type Board } from '../../shapes/workshop.ts';
import { acceptsCards, acceptsGuests, acceptsVotes, transitionRefusal, type WorkshopPhase } from './phases.ts';
import { generateJoinCode, normaliseJoinCode } from './codes.ts';
import { createLimiter, type Limiter } from './limiter.ts';

export type Workshop = typeof workshops.$inferSelect;

export const MAX_CARD_LENGTH = 280;
export const MAX_VOTES = 50;

export const docNameOf = (workshopId: string) => `workshop.${workshopId}`;

/** The workshop row, or null for an unknown or malformed id. */
export async function loadWorkshop(db: Db, workshopId: string): Promise<Workshop | null> {
	if (!isUuid(workshopId)) return null;
	const [row] = await db.select().from(workshops).where(eq(workshops.id, workshopId)).limit(1);
	return row ?? null;
}

export interface WorkshopContext {
	workshop: Workshop;
	initiative: InitiativeScope;
	target: Target & { resource: 'workshop_board' };
}

/** The workshop with the policy target for this actor, or null when the workshop does not exist. */
export async function workshopContext(db: Db, actor: Actor, workshopId: string): Promise<WorkshopContext | null> {
	const workshop = await loadWorkshop(db, workshopId);
	if (!workshop) return null;
	const initiative = await initiativeScope(db, actor, workshop.initiativeId);
	if (!initiative) return null;
	return {
		workshop,
		initiative,
		target: { resource: 'workshop_board', initiative, workshop: { workshopId: workshop.id, phase: workshop.phase } }
	};
}

/** What the actor may do on a workshop board, shipped to pages so components never re-derive it. */
export function boardAbilities(actor: Actor, ctx: WorkshopContext) {
	return {
		read: can(actor, 'read', ctx.target),
		participate: can(actor, 'write', ctx.target),
		facilitate: can(actor, 'admin', ctx.target)
	};
}
export type BoardAbilities = ReturnType<typeof boardAbilities>;

/**
 * The buyer team for this workshop: its facilitators, and after close those who facilitated
 * (the board is then read-only for everyone, but results stay theirs to work with).
 */
export function isTeam(actor: Actor, ctx: WorkshopContext): boolean {
	return can(actor, 'admin', ctx.target) || can(actor, 'admin', { resource: 'workshops', initiative: ctx.initiative });
}

export function auditActor(actor: Actor): audit.AuditActor {
	if (actor.kind === 'user') return { userId: actor.userId, label: actor.name };
	if (actor.kind === 'guest') return { userId: null, label: `guest:${actor.guestId}` };
	return audit.SYSTEM;
}

function liveDocs(app: App) {
	if (!app.liveDocs) throw new ApiError(503, 'live_docs_unavailable', 'Den delade tavlan är inte tillgänglig just nu. Försök igen om en stund.');
	return app.liveDocs;
}

/** Reads the board; an empty board when the live-document server is not attached. */
export async function readWorkshopBoard(app: App, workshopId: string): Promise<Board> {
	if (!app.liveDocs) {
		return { meta: { phase: 'draft', title: '', question: '', locked: false, timerEndsAt: null, tallyVisible: false }, cards: [], groups: [], tally: {} };
	}
	return app.liveDocs.read(docNameOf(workshopId), (doc: Y.Doc) => readBoard(doc));
}

async function writeMeta(app: App, w: Workshop, extra: { timerEndsAt?: number | null } = {}): Promise<void> {
	if (!app.liveDocs) return;
	await app.liveDocs.change(docNameOf(w.id), null, (doc) =>
		setMeta(doc, { phase: w.phase, title: w.title, question: w.question, locked: w.locked, tallyVisible: w.tallyVisible, ...extra })
	);
}

// ——— create and settings ———

export interface WorkshopInput {
	title: string;
	question: string;
	votesPerParticipant?: number;
	anonymous?: boolean;
	silent?: boolean;
}

/** Creates a draft workshop with a fresh join code. */
export async function createWorkshop(app: App, actor: UserActor, initiativeId: string, input: WorkshopInput): Promise<Workshop> {
	let row: Workshop | undefined;
	for (let attempt = 0; !row; attempt++) {
		const joinCode = generateJoinCode();
		const [clash] = await app.db.select({ id: workshops.id }).from(workshops).where(eq(workshops.joinCode, joinCode)).limit(1);
		if (clash) {
			if (attempt > 20) throw new Error('No free join code found');
			continue;
		}
		[row] = await app.db
			.insert(workshops)
			.values({
				initiativeId,
				title: input.title,
				question: input.question,
				votesPerParticipant: input.votesPerParticipant ?? 5,
				anonymous: input.anonymous ?? true,
				silent: input.silent ?? false,
				joinCode,
				createdBy: actor.userId
			})
			.returning();
	}
	await audit.record(app.db, {
		initiativeId,
		actor: auditActor(actor),
		action: 'workshop.created',
		data: { workshopId: row.id, title: row.title, anonymous: row.anonymous, silent: row.silent, votesPerParticipant: row.votesPerParticipant }
	});
	await writeMeta(app, row, { timerEndsAt: null });
	return row;
}

export interface WorkshopPatch {
	title?: string;
	question?: string;
	votesPerParticipant?: number;
	anonymous?: boolean;
	silent?: boolean;
}

/**
 * Changes settings. Anonymity and silent mode are promises made to participants: they can be
 * changed only before the workshop opens. The vote budget is fixed once voting has begun.
 */
export async function updateWorkshop(app: App, actor: UserActor, w: Workshop, patch: WorkshopPatch): Promise<Workshop> {
	if (w.phase === 'closed') throw new ApiError(409, 'workshop_closed', 'Workshoppen är avslutad och kan inte ändras.');
	if ((patch.anonymous !== undefined && patch.anonymous !== w.anonymous) || (patch.silent !== undefined && patch.silent !== w.silent)) {
		if (w.phase !== 'draft') throw new ApiError(409, 'settings_locked', 'Anonymitet och tyst läge kan bara ändras innan workshoppen har startat.');
	}
	if (patch.votesPerParticipant !== undefined && patch.votesPerParticipant !== w.votesPerParticipant) {
		if (['vote', 'prioritise', 'formulate'].includes(w.phase)) {
			throw new ApiError(409, 'settings_locked', 'Antalet röster kan inte ändras när röstningen har börjat.');
		}
	}
	const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== w[k as keyof Workshop]));
	if (!Object.keys(changes).length) return w;
	const [row] = await app.db.update(workshops).set({ ...changes, updatedAt: new Date() }).where(eq(workshops.id, w.id)).returning();
	await audit.record(app.db, { initiativeId: w.initiativeId, actor: auditActor(actor), action: 'workshop.updated', data: { workshopId: w.id, changes } });
	await writeMeta(app, row);
	return row;
}

/**
 * Moves the workshop to another phase (facilitators only; the route checks). Closing ends every
 * guest session and tells the live-document server, which closes the affected sockets.
 */
export async function changePhase(app: App, actor: UserActor, w: Workshop, to: WorkshopPhase): Promise<Workshop> {
	const refusal = transitionRefusal(w.phase, to);
	if (refusal) {
		const message =
			refusal === 'closed'
				? 'Workshoppen är avslutad.'
				: refusal === 'to_draft'
					? 'En startad workshop kan inte bli utkast igen.'
					: 'Workshoppen är redan i den fasen.';
		throw new ApiError(409, refusal === 'closed' ? 'workshop_closed' : 'invalid_transition', message);
	}
	const now = new Date();
	const [row] = await app.db
		.update(workshops)
		.set({ phase: to, updatedAt: now, ...(to === 'closed' ? { closedAt: now, locked: true } : {}) })
		.where(and(eq(workshops.id, w.id), eq(workshops.phase, w.phase)))
		.returning();
	if (!row) throw new ApiError(409, 'conflict', 'Någon annan bytte fas samtidigt. Ladda om och försök igen.');
	if (to === 'closed') await endWorkshopGuestSessions(app.db, w.id, now);
	await audit.record(app.db, {
		initiativeId: w.initiativeId,
		actor: auditActor(actor),
		action: to === 'closed' ? 'workshop.closed' : 'workshop.phase_changed',
		data: { workshopId: w.id, from: w.phase, to }
	});
	await writeMeta(app, row, { timerEndsAt: null });
	if (to === 'closed') app.events.emit('access-changed', { workshopId: w.id, reason: 'workshop_closed' });
	return row;
}

export async function setLocked(app: App, actor: UserActor, w: Workshop, locked: boolean): Promise<Workshop> {
	if (w.phase === 'closed') throw new ApiError(409, 'workshop_closed', 'Workshoppen är avslutad.');
	if (w.locked === locked) return w;
	const [row] = await app.db.update(workshops).set({ locked, updatedAt: new Date() }).where(eq(workshops.id, w.id)).returning();
	await audit.record(app.db, { initiativeId: w.initiativeId, actor: auditActor(actor), action: locked ? 'workshop.locked' : 'workshop.unlocked', data: { workshopId: w.id } });
	await writeMeta(app, row);
	return row;
}

/** Starts (seconds > 0) or stops (null) the countdown everyone sees; the deadline lives in the document. */
export async function setTimer(app: App, w: Workshop, seconds: number | null): Promise<number | null> {
	if (w.phase === 'closed' || w.phase === 'draft') throw new ApiError(409, 'phase_closed', 'Timern kan bara användas medan workshoppen pågår.');
	const endsAt = seconds ? Date.now() + seconds * 1000 : null;
	await liveDocs(app).change(docNameOf(w.id), null, (doc) => setMeta(doc, { timerEndsAt: endsAt }));
	return endsAt;
}

/** Shows or hides the vote tally for participants. */
export async function setTallyVisible(app: App, actor: UserActor, w: Workshop, visible: boolean): Promise<Workshop> {
	const [row] = await app.db.update(workshops).set({ tallyVisible: visible, updatedAt: new Date() }).where(eq(workshops.id, w.id)).returning();
	if (visible !== w.tallyVisible) {
		await audit.record(app.db, { initiativeId: w.initiativeId, actor: auditActor(actor), action: visible ? 'workshop.tally_shown' : 'workshop.tally_hidden', data: { workshopId: w.id } });
	}
	await writeMeta(app, row);
	await publishTally(app, row);
	return row;
}

/** Workshops of an initiative, newest first. */
export async function listWorkshops(db: Db, initiativeId: string): Promise<Workshop[]> {
	return db.select().from(workshops).where(eq(workshops.initiativeId, initiativeId)).orderBy(desc(workshops.createdAt));
}

// ——— joining ———

const limiters = new WeakMap<App, Limiter>();

/**
 * Failed join attempts per client address: 30 per 10 minutes. A venue behind one address can
 * still join (only misses count); guessing one of ~244 million codes at that pace is hopeless.
 */
export const JOIN_LIMIT = { limit: 30, windowMs: 10 * 60_000 };

function joinLimiter(app: App): Limiter {
	let l = limiters.get(app);
	if (!l) limiters.set(app, (l = createLimiter(JOIN_LIMIT)));
	return l;
}

export class RateLimited extends ApiError {
	retryAfter: number;
	constructor(retryAfter: number) {
		super(429, 'rate_limited', 'För många försök. Vänta en stund och försök igen.');
		this.retryAfter = retryAfter;
	}
}

export interface JoinResult {
	workshopId: string;
	docName: string;
	/** Set when a new guest session was made: the cookie token. */
	guestToken: string | null;
	guest: GuestActor | null;
}

/**
 * Joins a workshop by code. A signed-in member of the initiative just gets the workshop's id; a
 * visitor becomes a guest of this one workshop. Unknown codes and closed workshops answer
 * `unknown_code` alike, and count against the caller's address.
 */
export async function joinWorkshop(
	app: App,
	opts: { actor: Actor; ip: string; code: string; displayName: string }
): Promise<JoinResult> {
	const limiter = joinLimiter(app);
	if (limiter.blocked(opts.ip)) throw new RateLimited(limiter.retryAfter(opts.ip));
	const code = normaliseJoinCode(opts.code);
	const [w] = code
		? await app.db.select().from(workshops).where(and(eq(workshops.joinCode, code), ne(workshops.phase, 'closed'))).limit(1)
		: [];
	if (!w) {
		limiter.hit(opts.ip);
		app.log.info('workshop.join_failed', { ip: opts.ip });
		throw new ApiError(404, 'unknown_code', 'Det finns ingen pågående workshop med den koden.');
	}
	if (!acceptsGuests(w.phase)) throw new ApiError(409, 'workshop_not_started', 'Workshoppen har inte börjat än. Försök igen när facilitatorn har öppnat den.');
	const result = { workshopId: w.id, docName: docNameOf(w.id) };
	if (opts.actor.kind === 'user') {
		const ctx = await workshopContext(app.db, opts.actor, w.id);
		if (ctx && can(opts.actor, 'read', ctx.target)) return { ...result, guestToken: null, guest: null };
		throw new ApiError(409, 'signed_in', 'Du är inloggad med ett konto som inte är med i det här initiativet. Logga ut, eller öppna länken i ett privat fönster, för att delta som gäst.');
	}
	if (opts.actor.kind === 'guest' && opts.actor.workshopId === w.id) return { ...result, guestToken: null, guest: opts.actor };
	const { token, actor } = await createGuestSession(app.db, w.id, opts.displayName);
	await audit.record(app.db, { initiativeId: w.initiativeId, actor: auditActor(actor), action: 'workshop.guest_joined', data: { workshopId: w.id, guestId: actor.guestId } });
	return { ...result, guestToken: token, guest: actor };
}

// ——— cards ———

function authorColumns(actor: Actor) {
	if (actor.kind === 'user') return { authorUserId: actor.userId, authorGuestId: null };
	if (actor.kind === 'guest') return { authorUserId: null, authorGuestId: actor.guestId };
	throw new ApiError(401, 'unauthenticated', 'Du behöver gå med i workshoppen först.');
}

/** The ledger entry for a server-side change: nobody in anonymous workshops. */
function ledgerAuthor(actor: Actor, w: Workshop): ChangeAuthor | null {
	if (w.anonymous) return null;
	if (actor.kind === 'user') return { userId: actor.userId, organisationId: actor.organisationId };
	if (actor.kind === 'guest') return { guestId: actor.guestId };
	return null;
}

function assertOpenFor(w: Workshop, accepts: (p: WorkshopPhase) => boolean, what: string) {
	if (!accepts(w.phase)) throw new ApiError(409, 'phase_closed', `${what} går inte i den här fasen.`);
	if (w.locked) throw new ApiError(409, 'board_locked', 'Tavlan är låst av facilitatorn just nu.');
}

/**
 * Writes a card. In silent mode before the reveal it stays private (only in our table);
 * otherwise the server puts it on the board, so the update carries the server's Yjs client id
 * and no author.
 */
export async function addCard(app: App, actor: Actor, w: Workshop, text: string): Promise<{ id: string; private: boolean }> {
	assertOpenFor(w, acceptsCards, 'Att skriva kort');
	const isPrivate = w.silent && !w.revealedAt;
	const docs = isPrivate ? null : liveDocs(app);
	const [card] = await app.db
		.insert(workshopCards)
		.values({ workshopId: w.id, text, private: isPrivate, ...authorColumns(actor) })
		.returning({ id: workshopCards.id, createdAt: workshopCards.createdAt });
	if (docs) {
		try {
			await docs.change(docNameOf(w.id), ledgerAuthor(actor, w), (doc) =>
				addCards(doc, [{ id: card.id, text, createdAt: card.createdAt.getTime() }])
			);
		} catch (err) {
			await app.db.delete(workshopCards).where(eq(workshopCards.id, card.id));
			throw err;
		}
	}
	return { id: card.id, private: isPrivate };
}

/** The actor's own cards, private ones included (what a participant sees of their own work). */
export async function myCards(db: Db, actor: Actor, workshopId: string) {
	const mine =
		actor.kind === 'user'
			? eq(workshopCards.authorUserId, actor.userId)
			: actor.kind === 'guest'
				? eq(workshopCards.authorGuestId, actor.guestId)
				: sql`false`;
	return db
		.select({ id: workshopCards.id, text: workshopCards.text, private: workshopCards.private, createdAt: workshopCards.createdAt })
		.from(workshopCards)
		.where(and(eq(workshopCards.workshopId, workshopId), mine))
		.orderBy(asc(workshopCards.createdAt));
}

/** Silent mode: puts every private card on the board at once, without authors. */
export async function revealCards(app: App, actor: UserActor, w: Workshop): Promise<number> {
	if (!w.silent) throw new ApiError(409, 'not_silent', 'Workshoppen är inte i tyst läge.');
	const docs = liveDocs(app);
	const [row] = await app.db
		.update(workshops)
		.set({ revealedAt: new Date(), updatedAt: new Date() })
		.where(and(eq(workshops.id, w.id), sql`${workshops.revealedAt} is null`))
		.returning({ id: workshops.id });
	if (!row) throw new ApiError(409, 'already_revealed', 'Korten är redan visade.');
	let total = 0;
	// Two passes: a card written while the first pass ran may still have been stored as private.
	for (let pass = 0; pass < 2; pass++) {
		const hidden = await app.db
			.select({ id: workshopCards.id, text: workshopCards.text, createdAt: workshopCards.createdAt })
			.from(workshopCards)
			.where(and(eq(workshopCards.workshopId, w.id), eq(workshopCards.private, true)));
		if (!hidden.length) continue;
		await docs.change(docNameOf(w.id), null, (doc) =>
			addCards(doc, hidden.map((c) => ({ id: c.id, text: c.text, createdAt: c.createdAt.getTime() })))
		);
		await app.db.update(workshopCards).set({ private: false }).where(inArray(workshopCards.id, hidden.map((c) => c.id)));
		total += hidden.length;
	}
	await audit.record(app.db, { initiativeId: w.initiativeId, actor: auditActor(actor), action: 'workshop.cards_revealed', data: { workshopId: w.id, cards: total } });
	return total;
}

/** How many private cards wait for the reveal (facilitators see the count, never the text). */
export async function privateCardCount(db: Db, workshopId: string): Promise<number> {
	const [r] = await db
		.select({ n: count() })
		.from(workshopCards)
		.where(and(eq(workshopCards.workshopId, workshopId), eq(workshopCards.private, true)));
	return Number(r?.n ?? 0);
}

// ——— votes ———

function voterColumns(actor: Actor) {
	if (actor.kind === 'user') return { voterUserId: actor.userId, voterGuestId: null };
	if (actor.kind === 'guest') return { voterUserId: null, voterGuestId: actor.guestId };
	throw new ApiError(401, 'unauthenticated', 'Du behöver gå med i workshoppen först.');
}

function voterFilter(actor: Actor) {
	if (actor.kind === 'user') return eq(workshopVotes.voterUserId, actor.userId);
	if (actor.kind === 'guest') return eq(workshopVotes.voterGuestId, actor.guestId);
	return sql`false`;
}

export interface VoteStatus {
	budget: number;
	used: number;
	/** The actor's votes per target. */
	mine: Record<string, number>;
}

export async function voteStatus(db: Db, actor: Actor, w: Workshop): Promise<VoteStatus> {
	const rows = await db
		.select({ targetId: workshopVotes.targetId, n: count() })
		.from(workshopVotes)
		.where(and(eq(workshopVotes.workshopId, w.id), voterFilter(actor)))
		.groupBy(workshopVotes.targetId);
	const mine: Record<string, number> = {};
	let used = 0;
	for (const r of rows) {
		mine[r.targetId] = Number(r.n);
		used += Number(r.n);
	}
	return { budget: w.votesPerParticipant, used, mine };
}

/** Votes per target. */
export async function tally(db: Db, workshopId: string): Promise<Record<string, number>> {
	const rows = await db
		.select({ targetId: workshopVotes.targetId, n: count() })
		.from(workshopVotes)
		.where(eq(workshopVotes.workshopId, workshopId))
		.groupBy(workshopVotes.targetId);
	return Object.fromEntries(rows.map((r) => [r.targetId, Number(r.n)]));
}

async function publishTally(app: App, w: Workshop): Promise<void> {
	if (!app.liveDocs) return;
	const t = w.tallyVisible ? await tally(app.db, w.id) : {};
	await app.liveDocs.change(docNameOf(w.id), null, (doc) => setTally(doc, t));
}

async function assertTarget(app: App, w: Workshop, targetId: string): Promise<void> {
	const board = await readWorkshopBoard(app, w.id);
	const known = board.cards.some((c) => c.id === targetId) || board.groups.some((g) => g.id === targetId);
	if (!known) throw new ApiError(404, 'unknown_target', 'Det finns inget sådant kort eller sådan grupp på tavlan.');
}

/**
 * Casts one vote. The phase, the lock and the budget are checked again inside a transaction that
 * locks the workshop row, so parallel requests cannot overspend the budget.
 */
export async function castVote(app: App, actor: Actor, w: Workshop, targetId: string): Promise<VoteStatus> {
	assertOpenFor(w, acceptsVotes, 'Att rösta');
	await assertTarget(app, w, targetId);
	const voter = voterColumns(actor);
	await app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(workshops).where(eq(workshops.id, w.id)).for('update');
		assertOpenFor(current, acceptsVotes, 'Att rösta');
		const [used] = await tx
			.select({ n: count() })
			.from(workshopVotes)
			.where(and(eq(workshopVotes.workshopId, w.id), voterFilter(actor)));
		if (Number(used?.n ?? 0) >= current.votesPerParticipant) {
			throw new ApiError(409, 'vote_budget_exhausted', 'Du har använt alla dina röster. Ta tillbaka en röst för att rösta på något annat.');
		}
		await tx.insert(workshopVotes).values({ workshopId: w.id, targetId, ...voter });
	});
	if (w.tallyVisible) await publishTally(app, w);
	return voteStatus(app.db, actor, w);
}

/** Takes back one of the actor's votes on a target. */
export async function retractVote(app: App, actor: Actor, w: Workshop, targetId: string): Promise<VoteStatus> {
	assertOpenFor(w, acceptsVotes, 'Att ändra röster');
	const removed = await app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(workshops).where(eq(workshops.id, w.id)).for('update');
		assertOpenFor(current, acceptsVotes, 'Att ändra röster');
		const [vote] = await tx
			.select({ id: workshopVotes.id })
			.from(workshopVotes)
			.where(and(eq(workshopVotes.workshopId, w.id), eq(workshopVotes.targetId, targetId), voterFilter(actor)))
			.orderBy(desc(workshopVotes.createdAt))
			.limit(1);
		if (!vote) return false;
		await tx.delete(workshopVotes).where(eq(workshopVotes.id, vote.id));
		return true;
	});
	if (!removed) throw new ApiError(404, 'no_vote', 'Du har ingen röst där att ta tillbaka.');
	if (w.tallyVisible) await publishTally(app, w);
	return voteStatus(app.db, actor, w);
}

// ——— results ———

export interface Results {
	workshop: { id: string; title: string; question: string; phase: WorkshopPhase; anonymous: boolean };
	/** Whether `votes` are included (the team always; others once the tally is shown or the workshop closed). */
	tallyVisible: boolean;
	participants: number;
	cards: Array<{ id: string; text: string; groupId: string | null; votes: number | null; author?: string }>;
	groups: Array<{ id: string; title: string; cardIds: string[]; votes: number | null; cardVotes: number | null; impact: number | null; effort: number | null }>;
}

/**
 * The board as results: groups with their cards and votes (a group's `votes` are the dots on the
 * group itself; `cardVotes` adds the dots on its cards). Authors are named only to the team,
 * and never in an anonymous workshop.
 */
export async function results(app: App, w: Workshop, opts: { team: boolean }): Promise<Results> {
	const board = await readWorkshopBoard(app, w.id);
	const showVotes = opts.team || w.tallyVisible || w.phase === 'closed';
	const votes = showVotes ? await tally(app.db, w.id) : {};
	const v = (id: string) => (showVotes ? (votes[id] ?? 0) : null);
	let authors = new Map<string, string>();
	if (opts.team && !w.anonymous && board.cards.length) {
		const rows = await app.db
			.select({ id: workshopCards.id, user: users.name, guest: workshopGuests.displayName })
			.from(workshopCards)
			.leftJoin(users, eq(users.id, workshopCards.authorUserId))
			.leftJoin(workshopGuests, eq(workshopGuests.id, workshopCards.authorGuestId))
			.where(eq(workshopCards.workshopId, w.id));
		authors = new Map(rows.map((r) => [r.id, r.user ?? r.guest ?? '']));
	}
	const [p] = await app.db
		.select({ n: sql<number>`count(distinct coalesce(${workshopCards.authorUserId}::text, ${workshopCards.authorGuestId}::text))` })
		.from(workshopCards)
		.where(eq(workshopCards.workshopId, w.id));
	const cards = board.cards.map((c) => ({
		id: c.id,
		text: c.text,
		groupId: c.groupId,
		votes: v(c.id),
		...(authors.size ? { author: authors.get(c.id) ?? '' } : {})
	}));
	const groups = board.groups.map((g) => {
		const cardIds = board.cards.filter((c) => c.groupId === g.id).map((c) => c.id);
		return {
			id: g.id,
			title: g.title,
			cardIds,
			votes: v(g.id),
			cardVotes: showVotes ? cardIds.reduce((s, id) => s + (votes[id] ?? 0), 0) : null,
			impact: g.impact,
			effort: g.effort
		};
	});
	return {
		workshop: { id: w.id, title: w.title, question: w.question, phase: w.phase, anonymous: w.anonymous },
		tallyVisible: showVotes,
		participants: Number(p?.n ?? 0),
		cards,
		groups
	};
}

/** Groups ordered by total votes (group + its cards), most first: the order for prioritising. */
export function rankGroups(r: Results): Results['groups'] {
	const total = (g: Results['groups'][number]) => (g.votes ?? 0) + (g.cardVotes ?? 0);
	return [...r.groups].sort((a, b) => total(b) - total(a) || a.title.localeCompare(b.title, 'sv'));
}

/** CSV of the results (RFC 4180, formula-safe), one row per card, groups first. */
export function resultsCsv(r: Results): string {
	const q = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replaceAll('"', '""')}"`;
	const withAuthor = r.cards.some((c) => c.author !== undefined);
	const header = ['grupp', 'gruppens röster', 'kort', 'kortets röster', ...(withAuthor ? ['skribent'] : [])];
	const lines = [header.map(q).join(',')];
	const groupTitle = new Map(r.groups.map((g) => [g.id, g]));
	const ordered = [...rankGroups(r).flatMap((g) => r.cards.filter((c) => c.groupId === g.id)), ...r.cards.filter((c) => !c.groupId)];
	for (const g of rankGroups(r)) {
		if (!g.cardIds.length) lines.push([g.title, String(g.votes ?? ''), '', '', ...(withAuthor ? [''] : [])].map(q).join(','));
	}
	for (const c of ordered) {
		const g = c.groupId ? groupTitle.get(c.groupId) : undefined;
		lines.push(
			[g?.title ?? '', g ? String(g.votes ?? '') : '', c.text, String(c.votes ?? ''), ...(withAuthor ? [c.author ?? ''] : [])].map(q).join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

/** Card ids that exist in a workshop (for need sources). */
export async function existingCardIds(db: Db, workshopId: string, ids: string[]): Promise<Set<string>> {
	const valid = ids.filter(isUuid);
	if (!valid.length) return new Set();
	const rows = await db
		.select({ id: workshopCards.id })
		.from(workshopCards)
		.where(and(eq(workshopCards.workshopId, workshopId), inArray(workshopCards.id, valid), eq(workshopCards.private, false)));
	return new Set(rows.map((r) => r.id));
}

/** Participants who joined as guests (count only). */
export async function guestCount(db: Db, workshopId: string): Promise<number> {
	const [r] = await db.select({ n: count() }).from(workshopGuests).where(eq(workshopGuests.workshopId, workshopId));
	return Number(r?.n ?? 0);
}

/** Workshop data as the API shows it; the join code only to facilitators. */
export function toApi(w: Workshop, opts: { facilitator: boolean; origin?: string }) {
	return {
		id: w.id,
		initiativeId: w.initiativeId,
		title: w.title,
		question: w.question,
		phase: w.phase,
		docName: docNameOf(w.id),
		votesPerParticipant: w.votesPerParticipant,
		anonymous: w.anonymous,
		silent: w.silent,
		revealed: w.revealedAt !== null,
		locked: w.locked,
		tallyVisible: w.tallyVisible,
		...(opts.facilitator ? { joinCode: w.joinCode, ...(opts.origin ? { joinUrl: joinUrl(opts.origin, w.joinCode) } : {}) } : {})
	};
}

export function joinUrl(origin: string, code: string): string {
	return `${origin}/join/${code}`;
}
