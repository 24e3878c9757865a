/**
 * Needs workshops: commands and queries. Routes authorize through the policy (via `load`) and
 * then call one function here. Everything that must hold against a crafted client is enforced
 * here, on the server: the phase machine, the vote budget (in a transaction that locks the
 * workshop row), anonymity (cards are put on the board by the server, without an author) and
 * silent mode (private cards stay in our table until the reveal).
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, ne, notExists, or, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { initiatives, memberships, organisations, sprintHmwWorkshops, sprintTestSessions, users, workshopCards, workshopGuests, workshopVotes, workshops } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import { can, type Actor, type InitiativeScope, type Target, type UserActor } from '../access/policy.ts';
import { isUuid } from '../access/scope.ts';
import { attribution } from '../access/people.ts';
import * as audit from '../audit/index.ts';
import { journalled } from '../audit/command.ts';
import { ApiError } from '../http/api.ts';
import { toCsv, type CsvCell } from '../csv/index.ts';
import * as idempotency from '../http/idempotency.ts';
import type { ChangeAuthor } from '../live-docs.ts';
import { createGuestSession, endWorkshopGuestSessions, isDeviceToken, newDeviceToken, resumeGuest, type GuestActor } from '../auth/guest.ts';
import { addCards, cardsMap, readBoard, removeCard, setMeta, setTally, type Board } from '../../shapes/workshop.ts';
import { acceptsCards, acceptsGuests, acceptsVotes, transitionRefusal, type WorkshopPhase } from './phases.ts';
import { generateJoinCode, normaliseJoinCode } from './codes.ts';
import { createJoinGuard, farFromAll, DAY_MS, type JoinGuard } from './join-guard.ts';
import { replicate } from '../cluster.ts';
import { landingFor } from './landing.ts';
import { castWithinBudget, lockVoter } from './budget.ts';
import { owningRoomId, workshopScope } from './owner.ts';

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
	if (!isUuid(workshopId)) return null;
	// One round trip for what `loadWorkshop` and `initiativeScope` would load one after the other:
	// every card and vote of a workshop asks this first (issue 17, `docs/workshops.md`).
	const userId = actor.kind === 'user' ? actor.userId : null;
	const [row] = await db
		.select({ workshop: workshops, phase: initiatives.phase, role: memberships.role, label: memberships.label, roomId: sprintHmwWorkshops.roomId })
		.from(workshops)
		.innerJoin(initiatives, eq(initiatives.id, workshops.initiativeId))
		.leftJoin(memberships, and(eq(memberships.initiativeId, workshops.initiativeId), userId ? eq(memberships.userId, userId) : sql`false`))
		.leftJoin(sprintHmwWorkshops, eq(sprintHmwWorkshops.workshopId, workshops.id))
		.where(eq(workshops.id, workshopId))
		.limit(1);
	if (!row) return null;
	const workshop = row.workshop;
	const initiative: InitiativeScope = { initiativeId: workshop.initiativeId, phase: row.phase, membership: row.role ? { role: row.role, label: row.label } : null };
	return {
		workshop,
		initiative,
		target: { resource: 'workshop_board', initiative, workshop: await workshopScope(db, actor, workshop, row.roomId) }
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
	// A sprint room's own workshop: its facilitators only (the room decides, not the initiative's workshops).
	if (ctx.target.workshop.room) return can(actor, 'admin', ctx.target);
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

/**
 * Codes a new code must keep its distance from (`join-guard.ts`): the live ones, and those closed
 * within two days — an address remembers a code it joined with for a day, and treats codes near
 * it as typos, so no new code may appear near one while it is remembered.
 */
async function codesInUse(db: Db): Promise<string[]> {
	const since = new Date(Date.now() - 2 * DAY_MS);
	const rows = await db
		.select({ code: workshops.joinCode })
		.from(workshops)
		.where(or(ne(workshops.phase, 'closed'), gt(workshops.closedAt, since)));
	return rows.map((r) => r.code);
}

/** Creates a draft workshop with a fresh join code, far from every code in use. */
export async function createWorkshop(app: App, actor: UserActor, initiativeId: string, input: WorkshopInput): Promise<Workshop> {
	const nearby = await codesInUse(app.db);
	let row: Workshop | undefined;
	for (let attempt = 0; !row; attempt++) {
		if (attempt > 50) throw new Error('No free join code found');
		const joinCode = generateJoinCode();
		if (!farFromAll(joinCode, nearby)) continue;
		row = await journalled(app.db, async (tx, journal) => {
			const [created] = await tx
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
				.onConflictDoNothing()
				.returning();
			// Another workshop took this code in the meantime: try the next one.
			if (!created) return undefined;
			await journal({
				initiativeId,
				actor: auditActor(actor),
				action: 'workshop.created',
				data: { workshopId: created.id, title: created.title, anonymous: created.anonymous, silent: created.silent, votesPerParticipant: created.votesPerParticipant }
			});
			return created;
		});
	}
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
	const row = await journalled(app.db, async (tx, journal) => {
		const [updated] = await tx.update(workshops).set({ ...changes, updatedAt: new Date() }).where(eq(workshops.id, w.id)).returning();
		await journal({ initiativeId: w.initiativeId, actor: auditActor(actor), action: 'workshop.updated', data: { workshopId: w.id, changes } });
		return updated;
	});
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
	const row = await journalled(app.db, async (tx, journal) => {
		const [changed] = await tx
			.update(workshops)
			.set({ phase: to, updatedAt: now, ...(to === 'closed' ? { closedAt: now, locked: true } : {}) })
			.where(and(eq(workshops.id, w.id), eq(workshops.phase, w.phase)))
			.returning();
		if (!changed) throw new ApiError(409, 'conflict', 'Någon annan bytte fas samtidigt. Ladda om och försök igen.');
		if (to === 'closed') await endWorkshopGuestSessions(tx, w.id, now);
		await journal({
			initiativeId: w.initiativeId,
			actor: auditActor(actor),
			action: to === 'closed' ? 'workshop.closed' : 'workshop.phase_changed',
			data: { workshopId: w.id, from: w.phase, to }
		});
		return changed;
	});
	await writeMeta(app, row, { timerEndsAt: null });
	if (to === 'closed') app.events.emit('access-changed', { workshopId: w.id, reason: 'workshop_closed' });
	return row;
}

export async function setLocked(app: App, actor: UserActor, w: Workshop, locked: boolean): Promise<Workshop> {
	if (w.phase === 'closed') throw new ApiError(409, 'workshop_closed', 'Workshoppen är avslutad.');
	if (w.locked === locked) return w;
	const row = await journalled(app.db, async (tx, journal) => {
		const [updated] = await tx.update(workshops).set({ locked, updatedAt: new Date() }).where(eq(workshops.id, w.id)).returning();
		await journal({ initiativeId: w.initiativeId, actor: auditActor(actor), action: locked ? 'workshop.locked' : 'workshop.unlocked', data: { workshopId: w.id } });
		return updated;
	});
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
	let row = w;
	if (visible !== w.tallyVisible) {
		row = await journalled(app.db, async (tx, journal) => {
			const [updated] = await tx.update(workshops).set({ tallyVisible: visible, updatedAt: new Date() }).where(eq(workshops.id, w.id)).returning();
			await journal({ initiativeId: w.initiativeId, actor: auditActor(actor), action: visible ? 'workshop.tally_shown' : 'workshop.tally_hidden', data: { workshopId: w.id } });
			return updated;
		});
	}
	await writeMeta(app, row);
	await publishTally(app, row);
	return row;
}

/**
 * Workshops of an initiative, newest first. Workshop rows that carry a sprint room's end-user
 * test session (`sprint_test_sessions`) or its "How might we" notes (`sprint_hmw_workshops`)
 * belong to that room, not to the needs work: left out.
 */
export async function listWorkshops(db: Db, initiativeId: string): Promise<Workshop[]> {
	return db
		.select()
		.from(workshops)
		.where(
			and(
				eq(workshops.initiativeId, initiativeId),
				notExists(db.select({ id: sprintTestSessions.id }).from(sprintTestSessions).where(eq(sprintTestSessions.workshopId, workshops.id))),
				notExists(db.select({ id: sprintHmwWorkshops.roomId }).from(sprintHmwWorkshops).where(eq(sprintHmwWorkshops.workshopId, workshops.id)))
			)
		)
		.orderBy(desc(workshops.createdAt));
}

// ——— joining ———

/** Kept on `globalThis`, like the sign-in limiters: the Node entry and the SvelteKit bundle share one guard per app. */
const guards: WeakMap<App, JoinGuard> = ((globalThis as Record<symbol, unknown>)[Symbol.for('brygga.joinGuards')] ??= new WeakMap()) as WeakMap<App, JoinGuard>;

/** The app's join guard (created on first use; with several processes, created at start by `createApp`). */
export function joinGuard(app: App): JoinGuard {
	let g = guards.get(app);
	if (!g) {
		g = createJoinGuard();
		// Several processes (REDIS_URL): every process counts the guesses, misses and joins made
		// through any of them (the time argument is filled in, so all count the same instant).
		if (app.cluster) g = replicate(app.cluster, 'join', g, { admitGuess: 2, recordMiss: 1, recordJoin: 2 }, app.log);
		guards.set(app, g);
	}
	return g;
}

/** Codes a join can hit: every workshop that is not closed (a draft answers "not started yet"). */
async function liveCodeCount(db: Db): Promise<number> {
	const [r] = await db.select({ n: count() }).from(workshops).where(ne(workshops.phase, 'closed'));
	return Number(r?.n ?? 0);
}

export class RateLimited extends ApiError {
	retryAfter: number;
	constructor(retryAfter: number) {
		super(429, 'rate_limited', 'För många felaktiga koder från din anslutning. Vänta en stund och försök igen.');
		this.retryAfter = retryAfter;
	}
}

export interface JoinResult {
	workshopId: string;
	docName: string;
	/** Set when a guest session was made or resumed: the cookie token. */
	guestToken: string | null;
	guest: GuestActor | null;
	/** Set when the browser had no device cookie yet: the value to store. */
	deviceToken: string | null;
	/** Where the participant lands (`landing.ts`): the board, or a capability's own page. */
	landing: string;
}

const unknownCode = () => new ApiError(404, 'unknown_code', 'Det finns ingen pågående workshop med den koden.');

/**
 * Joins a workshop by code. A signed-in member of the initiative just gets the workshop's id; a
 * visitor becomes a guest of this one workshop — or, from a browser that already is one (device
 * cookie), resumes that guest. Unknown codes and closed workshops answer `unknown_code` alike.
 * The join guard (`join-guard.ts`) decides which requests are guesses and how many an address
 * may make; codes the address already joined with are never refused.
 */
export async function joinWorkshop(
	app: App,
	opts: { actor: Actor; ip: string; code: string; displayName: string; device?: string | null }
): Promise<JoinResult> {
	const code = normaliseJoinCode(opts.code);
	if (!code) throw unknownCode();
	const guard = joinGuard(app);
	const verdict = guard.classify(opts.ip, code);
	if (verdict.kind === 'typo') {
		app.log.info('workshop.join_failed', { ip: opts.ip, typo: true });
		throw unknownCode();
	}
	if (verdict.kind === 'guess') {
		const admitted = guard.admitGuess(opts.ip, await liveCodeCount(app.db));
		if (!admitted.ok) {
			app.log.warn('workshop.join_limited', { ip: opts.ip });
			throw new RateLimited(admitted.retryAfter);
		}
	}
	const [w] = await app.db.select().from(workshops).where(and(eq(workshops.joinCode, code), ne(workshops.phase, 'closed'))).limit(1);
	if (!w) {
		if (verdict.kind === 'guess') guard.recordMiss(opts.ip);
		app.log.info('workshop.join_failed', { ip: opts.ip });
		throw unknownCode();
	}
	// A sprint room's own workshop has no guests: its code admits nobody from outside the room.
	if (opts.actor.kind !== 'user' && (await owningRoomId(app.db, w.id))) throw unknownCode();
	// The address has shown it knows this code (also when the workshop has not started: a room
	// that arrives early must not spend its guesses on the right code).
	guard.recordJoin(opts.ip, code);
	if (!acceptsGuests(w.phase)) throw new ApiError(409, 'workshop_not_started', 'Workshoppen har inte börjat än. Försök igen när facilitatorn har öppnat den.');
	const result = { workshopId: w.id, docName: docNameOf(w.id), deviceToken: null, landing: await landingFor(app.db, w.id) };
	if (opts.actor.kind === 'user') {
		const ctx = await workshopContext(app.db, opts.actor, w.id);
		if (ctx && can(opts.actor, 'read', ctx.target)) return { ...result, guestToken: null, guest: null };
		throw new ApiError(409, 'signed_in', 'Du är inloggad med ett konto som inte är med i det här initiativet. Logga ut, eller öppna länken i ett privat fönster, för att delta som gäst.');
	}
	if (opts.actor.kind === 'guest' && opts.actor.workshopId === w.id) return { ...result, guestToken: null, guest: opts.actor };
	const device = isDeviceToken(opts.device) ? opts.device : newDeviceToken();
	const deviceToken = device === opts.device ? null : device;
	const joined = await app.db.transaction(async (tx) => {
		for (let attempt = 0; attempt < 2; attempt++) {
			const resumed = await resumeGuest(tx, w.id, device, opts.displayName);
			if (resumed && 'removed' in resumed) {
				throw new ApiError(403, 'guest_removed', 'Facilitatorn har tagit bort dig från den här workshoppen.');
			}
			if (resumed) {
				await audit.record(tx, { initiativeId: w.initiativeId, actor: auditActor(resumed.actor), action: 'workshop.guest_rejoined', data: { workshopId: w.id, guestId: resumed.actor.guestId } });
				return resumed;
			}
			const created = await createGuestSession(tx, w.id, opts.displayName, device);
			if (created) {
				await audit.record(tx, { initiativeId: w.initiativeId, actor: auditActor(created.actor), action: 'workshop.guest_joined', data: { workshopId: w.id, guestId: created.actor.guestId } });
				return created;
			}
			// A parallel join from this browser made the guest first: resume it.
		}
		throw new ApiError(409, 'conflict', 'Försök igen.');
	});
	return { ...result, deviceToken, guestToken: joined.token, guest: joined.actor };
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

/**
 * `addCard` once per idempotency key (`http/idempotency.ts`): a double tap or a retry on a slow
 * network with the same key makes one card, and the repeat gets the first answer.
 */
export async function addCardOnce(app: App, actor: Actor, w: Workshop, text: string, key: string | null) {
	return idempotency.once(
		app.db,
		{ owner: idempotency.ownerOf(actor), scope: `workshop-card:${w.id}`, key, request: { text } },
		async () => ({ status: 201, body: await addCard(app, actor, w, text) })
	);
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

/**
 * The actor's own card, for changing it: only its author, only while cards may be written (the
 * collect phase, board not locked). Another participant's card answers 403 when it is on the
 * board (visible to all), 404 when it is private or unknown.
 */
async function ownCard(app: App, actor: Actor, w: Workshop, cardId: string) {
	if (!isUuid(cardId)) throw new ApiError(404, 'not_found', 'Kortet finns inte.');
	const [card] = await app.db
		.select()
		.from(workshopCards)
		.where(and(eq(workshopCards.id, cardId), eq(workshopCards.workshopId, w.id)))
		.limit(1);
	if (!card) throw new ApiError(404, 'not_found', 'Kortet finns inte.');
	const mine =
		(actor.kind === 'user' && card.authorUserId === actor.userId) || (actor.kind === 'guest' && card.authorGuestId === actor.guestId);
	if (!mine) {
		if (card.private) throw new ApiError(404, 'not_found', 'Kortet finns inte.');
		throw new ApiError(403, 'not_author', 'Du kan bara ändra dina egna kort.');
	}
	assertOpenFor(w, acceptsCards, 'Att ändra kort');
	return card;
}

/**
 * The author changes the text of their card. The board gets the new text from the server, like a
 * new card: no author in the update, and none in the ledger of an anonymous workshop.
 */
export async function editCard(app: App, actor: Actor, w: Workshop, cardId: string, text: string): Promise<{ id: string; text: string; private: boolean }> {
	const card = await ownCard(app, actor, w, cardId);
	const docs = card.private ? null : liveDocs(app);
	await app.db.update(workshopCards).set({ text }).where(eq(workshopCards.id, card.id));
	if (docs) {
		try {
			await docs.change(docNameOf(w.id), ledgerAuthor(actor, w), (doc) => {
				const entry = cardsMap(doc).get(card.id);
				if (entry && entry.get('text') !== text) entry.set('text', text);
			});
		} catch (err) {
			await app.db.update(workshopCards).set({ text: card.text }).where(eq(workshopCards.id, card.id));
			throw err;
		}
	}
	return { id: card.id, text, private: card.private };
}

/** The author takes their card back: gone from our table and from the board. */
export async function deleteCard(app: App, actor: Actor, w: Workshop, cardId: string): Promise<void> {
	const card = await ownCard(app, actor, w, cardId);
	const docs = card.private ? null : liveDocs(app);
	if (docs) await docs.change(docNameOf(w.id), ledgerAuthor(actor, w), (doc) => removeCard(doc, card.id));
	await app.db.transaction(async (tx) => {
		await tx.delete(workshopVotes).where(and(eq(workshopVotes.workshopId, w.id), eq(workshopVotes.targetId, card.id)));
		await tx.delete(workshopCards).where(eq(workshopCards.id, card.id));
	});
}

/** Silent mode: puts every private card on the board at once, without authors. */
export async function revealCards(app: App, actor: UserActor, w: Workshop): Promise<number> {
	if (!w.silent) throw new ApiError(409, 'not_silent', 'Workshoppen är inte i tyst läge.');
	const docs = liveDocs(app);
	// The reveal is journalled with the decision; the cards then move onto the board (a card
	// written meanwhile was stored public already, so the count can only be exact or low by those).
	await journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.update(workshops)
			.set({ revealedAt: new Date(), updatedAt: new Date() })
			.where(and(eq(workshops.id, w.id), sql`${workshops.revealedAt} is null`))
			.returning({ id: workshops.id });
		if (!row) throw new ApiError(409, 'already_revealed', 'Korten är redan visade.');
		const cards = await privateCardCount(tx, w.id);
		await journal({ initiativeId: w.initiativeId, actor: auditActor(actor), action: 'workshop.cards_revealed', data: { workshopId: w.id, cards } });
	});
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
	return total;
}

/** How many private cards wait for the reveal (facilitators see the count, never the text). */
export async function privateCardCount(db: Tx, workshopId: string): Promise<number> {
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

/** Checked under the workshop lock: a guest removed while its request was on the way cannot vote. */
async function assertNotRemoved(tx: Tx, guestId: string): Promise<void> {
	const [g] = await tx.select({ removedAt: workshopGuests.removedAt }).from(workshopGuests).where(eq(workshopGuests.id, guestId)).limit(1);
	if (!g || g.removedAt) throw new ApiError(401, 'unauthenticated', 'Du är inte längre med i workshoppen.');
}

/** The voter's name for the per-voter budget lock (`budget.ts`). */
function voterKey(actor: Actor): string {
	if (actor.kind === 'user') return `user:${actor.userId}`;
	if (actor.kind === 'guest') return `guest:${actor.guestId}`;
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

/** Votes on the given targets only (the index on workshop and target answers it). */
async function tallyOf(db: Db, workshopId: string, targetIds: string[]): Promise<Record<string, number>> {
	const rows = await db
		.select({ targetId: workshopVotes.targetId, n: count() })
		.from(workshopVotes)
		.where(and(eq(workshopVotes.workshopId, workshopId), inArray(workshopVotes.targetId, targetIds)))
		.groupBy(workshopVotes.targetId);
	const out: Record<string, number> = Object.fromEntries(targetIds.map((id) => [id, 0]));
	for (const r of rows) out[r.targetId] = Number(r.n);
	return out;
}

/** Quiet time after the last vote before the whole tally is recounted once (`publishTally`). */
const TALLY_SETTLE_MS = 300;

/** Tally writes waiting for the next run: what to count, and who waits for it. */
interface TallyRequest {
	/** The workshop as the newest request saw it (whether the tally is shown). */
	w: Workshop;
	/** The targets whose counts changed, or `all` for the whole tally. */
	targets: Set<string> | 'all';
	waiters: Array<{ resolve(): void; reject(err: unknown): void }>;
}

interface TallyWork {
	/** The run in progress (counting, then writing), if any. */
	running: Promise<void> | null;
	/** Requests made while it runs: served together by the next run. */
	next: TallyRequest | null;
	settle: NodeJS.Timeout | null;
}
const tallyWork = new WeakMap<App, Map<string, TallyWork>>();

/**
 * Writes the tally on the board. A vote or retraction updates only its own target (`targets`):
 * one indexed count, so a vote costs the same at 2 000 votes as at 100 (before, every vote
 * recounted the whole workshop with a GROUP BY). The writes of one workshop run one after another
 * in this process, each counting after the previous one wrote, so the board never goes back to
 * an older count; requests that arrive while a write runs are served together by the next one
 * (one count of all their targets, one board change), so 150 people voting at once wait for at
 * most one run ahead of theirs instead of queueing one count and one commit each (issue 17).
 * Counts written by different processes (several processes, `REDIS_URL`) can still cross; so,
 * once votes have been quiet for `TALLY_SETTLE_MS`, the whole tally is recounted and written
 * once — the count every process reaches from the database, so the boards agree. Without
 * `targets` (shown, hidden, a guest's votes removed) the whole tally is written at once.
 */
async function publishTally(app: App, w: Workshop, targets?: string[]): Promise<void> {
	if (!app.liveDocs) return;
	let byWorkshop = tallyWork.get(app);
	if (!byWorkshop) tallyWork.set(app, (byWorkshop = new Map()));
	const work = byWorkshop.get(w.id) ?? { running: null, next: null, settle: null };
	byWorkshop.set(w.id, work);
	const partial = targets && w.tallyVisible;
	const next = (work.next ??= { w, targets: new Set(), waiters: [] });
	if (!partial) {
		// The whole tally, as the newest full request saw the workshop (shown or hidden).
		next.w = w;
		next.targets = 'all';
	} else if (next.targets !== 'all') for (const t of targets) next.targets.add(t);
	const done = new Promise<void>((resolve, reject) => next.waiters.push({ resolve, reject }));
	if (!work.running) runTally(app, work);
	if (partial) {
		const current = work;
		if (current.settle) clearTimeout(current.settle);
		current.settle = setTimeout(() => {
			current.settle = null;
			// Not after the live-document server closed (shutdown): nothing to write to.
			if (!app.liveDocs) return;
			void loadWorkshop(app.db, w.id)
				.then((latest) => (latest?.tallyVisible ? publishTally(app, latest) : undefined))
				.catch((err) => app.log.error('workshop.tally_settle_failed', { workshopId: w.id, error: String(err) }));
		}, TALLY_SETTLE_MS);
		current.settle.unref();
	}
	await done;
}

/** Serves the waiting tally requests of a workshop, one run after another, until none wait. */
function runTally(app: App, work: TallyWork): void {
	const request = work.next;
	if (!request || !app.liveDocs) return;
	const liveDocs = app.liveDocs;
	work.next = null;
	const { w, targets } = request;
	work.running = (async () => {
		if (targets !== 'all') {
			const counts = await tallyOf(app.db, w.id, [...targets]);
			await liveDocs.change(docNameOf(w.id), null, (doc) => {
				const t = doc.getMap<number>('tally');
				for (const [id, n] of Object.entries(counts)) {
					if (n === 0) {
						if (t.has(id)) t.delete(id);
					} else if (t.get(id) !== n) t.set(id, n);
				}
			});
		} else {
			const t = w.tallyVisible ? await tally(app.db, w.id) : {};
			await liveDocs.change(docNameOf(w.id), null, (doc) => setTally(doc, t));
		}
	})().then(
		() => {
			for (const waiter of request.waiters) waiter.resolve();
		},
		(err) => {
			for (const waiter of request.waiters) waiter.reject(err);
		}
	).finally(() => {
		work.running = null;
		runTally(app, work);
	});
}

async function assertTarget(app: App, w: Workshop, targetId: string): Promise<void> {
	const board = await readWorkshopBoard(app, w.id);
	const known = board.cards.some((c) => c.id === targetId) || board.groups.some((g) => g.id === targetId);
	if (!known) throw new ApiError(404, 'unknown_target', 'Det finns inget sådant kort eller sådan grupp på tavlan.');
}

/**
 * Casts one vote. The phase, the lock and the budget are checked again inside a transaction that
 * locks the workshop row (`budget.ts`, the rule sprint dots share), so parallel requests cannot
 * overspend the budget.
 */
export async function castVote(app: App, actor: Actor, w: Workshop, targetId: string): Promise<VoteStatus> {
	assertOpenFor(w, acceptsVotes, 'Att rösta');
	await assertTarget(app, w, targetId);
	const voter = voterColumns(actor);
	await app.db.transaction((tx) =>
		castWithinBudget(tx, {
			lock: { table: workshops, id: workshops.id, value: w.id },
			voter: voterKey(actor),
			check: async (current) => {
				assertOpenFor(current, acceptsVotes, 'Att rösta');
				if (actor.kind === 'guest') await assertNotRemoved(tx, actor.guestId);
			},
			budget: (current) => current.votesPerParticipant,
			votes: { table: workshopVotes, voter: and(eq(workshopVotes.workshopId, w.id), voterFilter(actor)) },
			message: 'Du har använt alla dina röster. Ta tillbaka en röst för att rösta på något annat.',
			insert: () => tx.insert(workshopVotes).values({ workshopId: w.id, targetId, ...voter })
		})
	);
	// The caller's status is read while the board's tally is written.
	const [status] = await Promise.all([voteStatus(app.db, actor, w), w.tallyVisible ? publishTally(app, w, [targetId]) : undefined]);
	return status;
}

/** Takes back one of the actor's votes on a target. */
export async function retractVote(app: App, actor: Actor, w: Workshop, targetId: string): Promise<VoteStatus> {
	assertOpenFor(w, acceptsVotes, 'Att ändra röster');
	const removed = await app.db.transaction(async (tx) => {
		const current = await lockVoter(tx, { table: workshops, id: workshops.id, value: w.id }, voterKey(actor));
		if (!current) throw new ApiError(404, 'not_found', 'Workshoppen finns inte.');
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
	if (w.tallyVisible) await publishTally(app, w, [targetId]);
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
 * and never in an anonymous workshop; a supplier's expert on the team sees its own organisation's
 * names and guests' display names, every other account as "Teamet" (rule 3, `attribution`).
 */
export async function results(app: App, w: Workshop, opts: { team: boolean; viewer: Actor }): Promise<Results> {
	const board = await readWorkshopBoard(app, w.id);
	const showVotes = opts.team || w.tallyVisible || w.phase === 'closed';
	const votes = showVotes ? await tally(app.db, w.id) : {};
	const v = (id: string) => (showVotes ? (votes[id] ?? 0) : null);
	let authors = new Map<string, string>();
	if (opts.team && !w.anonymous && board.cards.length) {
		const rows = await app.db
			.select({ id: workshopCards.id, userId: users.id, user: users.name, orgId: organisations.id, orgKind: organisations.kind, guest: workshopGuests.displayName })
			.from(workshopCards)
			.leftJoin(users, eq(users.id, workshopCards.authorUserId))
			.leftJoin(organisations, eq(organisations.id, users.organisationId))
			.leftJoin(workshopGuests, eq(workshopGuests.id, workshopCards.authorGuestId))
			.where(eq(workshopCards.workshopId, w.id));
		const author = (r: (typeof rows)[number]) =>
			r.userId && r.user
				? attribution(opts.viewer, { id: r.userId, name: r.user }, r.orgId && r.orgKind ? { id: r.orgId, kind: r.orgKind } : null).name
				: (r.guest ?? '');
		authors = new Map(rows.map((r) => [r.id, author(r)]));
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

/** CSV of the results (the one CSV writer: Swedish Excel, formula-safe), one row per card, groups first. */
export function resultsCsv(r: Results): string {
	const withAuthor = r.cards.some((c) => c.author !== undefined);
	const header = ['grupp', 'gruppens röster', 'kort', 'kortets röster', ...(withAuthor ? ['skribent'] : [])];
	const rows: CsvCell[][] = [];
	const groupTitle = new Map(r.groups.map((g) => [g.id, g]));
	const ordered = [...rankGroups(r).flatMap((g) => r.cards.filter((c) => c.groupId === g.id)), ...r.cards.filter((c) => !c.groupId)];
	for (const g of rankGroups(r)) {
		if (!g.cardIds.length) rows.push([g.title, g.votes, null, null, ...(withAuthor ? [null] : [])]);
	}
	for (const c of ordered) {
		const g = c.groupId ? groupTitle.get(c.groupId) : undefined;
		rows.push([g?.title ?? '', g ? g.votes : null, c.text, c.votes, ...(withAuthor ? [c.author ?? ''] : [])]);
	}
	return toCsv(header, rows);
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

// ——— participants (facilitators) ———

export interface ParticipantOverview {
	/** Guests not removed, plus members who wrote a card or voted. */
	participants: number;
	votesPerParticipant: number;
	/** Votes cast in total, and what all participants together may cast. */
	votesCast: number;
	voteBudget: number;
	guests: Array<{ id: string; name: string; joinedAt: string; active: boolean; removed: boolean; votes: number }>;
}

/**
 * What the facilitator sees of the room: how many take part, and votes cast against the budget
 * (guests are free to create, so a budget can be multiplied by joining again from another
 * browser; this is where it shows, and `removeGuest` is the remedy). Per guest only the name and
 * the number of votes — never which cards or what they voted for.
 */
export async function participantOverview(db: Db, w: Workshop): Promise<ParticipantOverview> {
	const guestRows = await db
		.select({
			id: workshopGuests.id,
			name: workshopGuests.displayName,
			joinedAt: workshopGuests.createdAt,
			endedAt: workshopGuests.endedAt,
			removedAt: workshopGuests.removedAt,
			votes: sql<number>`(select count(*) from ${workshopVotes} where ${workshopVotes.voterGuestId} = ${workshopGuests.id})`
		})
		.from(workshopGuests)
		.where(eq(workshopGuests.workshopId, w.id))
		.orderBy(asc(workshopGuests.createdAt));
	const [writers, voters] = await Promise.all([
		db.selectDistinct({ u: workshopCards.authorUserId }).from(workshopCards).where(and(eq(workshopCards.workshopId, w.id), isNotNull(workshopCards.authorUserId))),
		db.selectDistinct({ u: workshopVotes.voterUserId }).from(workshopVotes).where(and(eq(workshopVotes.workshopId, w.id), isNotNull(workshopVotes.voterUserId)))
	]);
	const members = new Set([...writers, ...voters].map((r) => r.u)).size;
	const [cast] = await db.select({ n: count() }).from(workshopVotes).where(eq(workshopVotes.workshopId, w.id));
	const guests = guestRows.map((g) => ({
		id: g.id,
		name: g.name,
		joinedAt: g.joinedAt.toISOString(),
		active: !g.endedAt && !g.removedAt,
		removed: g.removedAt !== null,
		votes: Number(g.votes)
	}));
	const participants = guests.filter((g) => !g.removed).length + members;
	return {
		participants,
		votesPerParticipant: w.votesPerParticipant,
		votesCast: Number(cast?.n ?? 0),
		voteBudget: participants * w.votesPerParticipant,
		guests
	};
}

/**
 * A facilitator removes a guest: the session ends, the guest's votes are deleted, and the guest
 * can neither act nor resume from the same browser again (its cards stay: they are the room's
 * input, and anonymous). Journalled in the same transaction; the guest's live socket is closed by
 * the re-check that `access-changed` starts.
 */
export async function removeGuest(app: App, actor: UserActor, w: Workshop, guestId: string): Promise<{ votesRemoved: number }> {
	if (w.phase === 'closed') throw new ApiError(409, 'workshop_closed', 'Workshoppen är avslutad.');
	if (!isUuid(guestId)) throw new ApiError(404, 'not_found', 'Deltagaren finns inte.');
	const now = new Date();
	const votesRemoved = await app.db.transaction(async (tx) => {
		// Stronger than the shared lock every vote takes (`budget.ts`): votes in flight finish first,
		// later ones wait and then see the removal, so no vote of this guest can slip in beside it.
		await tx.select({ id: workshops.id }).from(workshops).where(eq(workshops.id, w.id)).for('update');
		const [guest] = await tx
			.update(workshopGuests)
			.set({ removedAt: now, removedBy: actor.userId, endedAt: sql`coalesce(${workshopGuests.endedAt}, ${now.toISOString()}::timestamptz)` })
			.where(and(eq(workshopGuests.id, guestId), eq(workshopGuests.workshopId, w.id), isNull(workshopGuests.removedAt)))
			.returning({ id: workshopGuests.id });
		if (!guest) throw new ApiError(404, 'not_found', 'Deltagaren finns inte eller är redan borttagen.');
		const removed = await tx.delete(workshopVotes).where(eq(workshopVotes.voterGuestId, guestId)).returning({ id: workshopVotes.id });
		await audit.record(tx, {
			initiativeId: w.initiativeId,
			actor: auditActor(actor),
			action: 'workshop.guest_removed',
			data: { workshopId: w.id, guestId, votesRemoved: removed.length }
		});
		return removed.length;
	});
	app.events.emit('access-changed', { workshopId: w.id, reason: 'guest_removed' });
	const current = await loadWorkshop(app.db, w.id);
	if (current?.tallyVisible) await publishTally(app, current);
	return { votesRemoved };
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
