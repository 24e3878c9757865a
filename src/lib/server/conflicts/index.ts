/**
 * The conflicts register of an initiative (DOMAIN.md rule 1), computed from server-side records
 * only — never from what a client says:
 *
 * - **barred**: supplier organisations whose users have accepted updates in the requirements
 *   document `requirements.<id>` (the authorship ledger);
 * - **flagged**: supplier organisations whose users contributed earlier work — the brief,
 *   workshop boards and cards, the needs register — or took part in an innovation sprint of the
 *   initiative (accepted a room's terms, asked in it, worked on its boards), for the procurement
 *   officer to judge. Sprint participation flags, never bars (issue 15). So does being the source
 *   of a requirement change proposal: its supplier author, or — for a proposal opened by a finding
 *   in a supplier's sprint room — that room's organisation (through the person who accepted the
 *   room's terms for it), each proposal listed as its own evidence.
 *
 * **Anonymous workshops stay anonymous** (issue 11): a card's time pins its author when the board
 * shows when each card appeared, so for a workshop run anonymously the register records
 * *participation* only — the workshop and its date — never a count of cards or board edits and
 * never a time, in the register, the API and the journal alike. Workshops run with names keep
 * counted evidence.
 *
 * An organisation that is barred is not listed again as flagged. The first time an organisation
 * appears at a level it is recorded (`conflict_records`) and journalled (`conflict.barred`,
 * `conflict.flagged`), so the register's changes are in the journal exactly once.
 */
import { and, count, eq, inArray, isNotNull, like, max, min, sql } from 'drizzle-orm';
import {
	auditLog,
	conflictRecords,
	docLedger,
	needs,
	organisations,
	requirementProposals,
	sprintQuestions,
	sprintRooms,
	sprints,
	users,
	workshopCards,
	workshops,
	type ConflictLevel
} from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import * as audit from '../audit/index.ts';

/** Counted work: how much someone did in one document or register, and when. */
export interface WorkEvidence {
	/** A live document name (`requirements.<id>`, `brief.<id>`, `workshop.<id>`)… */
	docName?: string;
	/** …or a register: `workshop_cards`, `needs`, `sprint`, `requirement_proposal`. */
	source?: string;
	/** For `requirement_proposal`: which proposal (one piece of evidence each). */
	proposal?: { id: string; requirementKey: string | null };
	updates: number;
	firstAt: string;
	lastAt: string;
}

/** Taking part in an anonymous workshop: which workshop and on what day, nothing more. */
export interface ParticipationEvidence {
	source: 'workshop_participation';
	workshop: { id: string; title: string; date: string };
}

export type Evidence = WorkEvidence | ParticipationEvidence;

/** True for participation in an anonymous workshop (no count, no time). */
export function isParticipation(e: Evidence): e is ParticipationEvidence {
	return e.source === 'workshop_participation';
}

export interface ConflictEntry {
	organisation: { id: string; name: string; kind: 'buyer' | 'supplier' };
	users: Array<{ id: string; name: string }>;
	level: ConflictLevel;
	evidence: Evidence[];
}

/** One person's contribution to one piece of work. */
interface Row {
	userId: string;
	userName: string;
	orgId: string;
	orgName: string;
	orgKind: 'buyer' | 'supplier';
	key: { docName?: string; source?: string };
	updates: number;
	firstAt: Date;
	lastAt: Date;
	/** Set for an anonymous workshop: only this is recorded, `updates` and the times are dropped. */
	participation?: ParticipationEvidence['workshop'];
	/** Set for a requirement change proposal the organisation is the source of. */
	proposal?: WorkEvidence['proposal'];
}

/**
 * A workshop's date: the Swedish calendar day it was created (the workshops table has no separate
 * meeting date). A property of the workshop, never of a card, so it says nothing about who wrote
 * what — even when the workshop runs over several days.
 */
export function workshopDate(createdAt: Date): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(createdAt);
}

async function ledgerRows(db: Db, docNames: string[]): Promise<Row[]> {
	if (!docNames.length) return [];
	const org = sql`coalesce(${docLedger.organisationId}, ${users.organisationId})`;
	const rows = await db
		.select({
			docName: docLedger.docName,
			userId: users.id,
			userName: users.name,
			orgId: organisations.id,
			orgName: organisations.name,
			orgKind: organisations.kind,
			updates: count(),
			firstAt: min(docLedger.at),
			lastAt: max(docLedger.at)
		})
		.from(docLedger)
		.innerJoin(users, eq(users.id, docLedger.userId))
		.innerJoin(organisations, eq(organisations.id, org))
		.where(inArray(docLedger.docName, docNames))
		.groupBy(docLedger.docName, users.id, users.name, organisations.id, organisations.name, organisations.kind);
	return rows.map((r) => ({
		userId: r.userId,
		userName: r.userName,
		orgId: r.orgId,
		orgName: r.orgName,
		orgKind: r.orgKind,
		key: { docName: r.docName },
		updates: Number(r.updates),
		firstAt: new Date(r.firstAt!),
		lastAt: new Date(r.lastAt!)
	}));
}

async function earlierWorkRows(db: Db, initiativeId: string): Promise<Row[]> {
	const ws = await db
		.select({ id: workshops.id, title: workshops.title, anonymous: workshops.anonymous, createdAt: workshops.createdAt })
		.from(workshops)
		.where(eq(workshops.initiativeId, initiativeId));
	const named = ws.filter((w) => !w.anonymous);
	const anonymous = ws.filter((w) => w.anonymous);
	const docNames = [`brief.${initiativeId}`, ...named.map((w) => `workshop.${w.id}`)];
	const rows = await ledgerRows(db, docNames);
	const person = { userId: users.id, userName: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind };
	if (named.length) {
		const cards = await db
			.select({ ...person, updates: count(), firstAt: min(workshopCards.createdAt), lastAt: max(workshopCards.createdAt) })
			.from(workshopCards)
			.innerJoin(users, eq(users.id, workshopCards.authorUserId))
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(inArray(workshopCards.workshopId, named.map((w) => w.id)))
			.groupBy(users.id, users.name, organisations.id, organisations.name, organisations.kind);
		for (const c of cards) rows.push({ ...c, key: { source: 'workshop_cards' }, updates: Number(c.updates), firstAt: new Date(c.firstAt!), lastAt: new Date(c.lastAt!) });
	}
	if (anonymous.length) rows.push(...(await participationRows(db, anonymous)));
	// Needs register: who created a need, and every journalled change to one (`need.*`).
	const created = await db
		.select({ ...person, updates: count(), firstAt: min(needs.createdAt), lastAt: max(needs.createdAt) })
		.from(needs)
		.innerJoin(users, eq(users.id, needs.createdBy))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(needs.initiativeId, initiativeId))
		.groupBy(users.id, users.name, organisations.id, organisations.name, organisations.kind);
	const edits = await db
		.select({ ...person, updates: count(), firstAt: min(auditLog.at), lastAt: max(auditLog.at) })
		.from(auditLog)
		.innerJoin(users, eq(users.id, auditLog.actorUserId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(auditLog.initiativeId, initiativeId), like(auditLog.action, 'need.%'), isNotNull(auditLog.actorUserId)))
		.groupBy(users.id, users.name, organisations.id, organisations.name, organisations.kind);
	const needRows = new Map<string, Row>();
	for (const r of [...created, ...edits]) {
		const first = new Date(r.firstAt!);
		const last = new Date(r.lastAt!);
		const prev = needRows.get(r.userId);
		if (!prev) needRows.set(r.userId, { ...r, key: { source: 'needs' }, updates: Number(r.updates), firstAt: first, lastAt: last });
		else {
			prev.updates += Number(r.updates);
			if (first < prev.firstAt) prev.firstAt = first;
			if (last > prev.lastAt) prev.lastAt = last;
		}
	}
	rows.push(...needRows.values());
	rows.push(...(await sprintRows(db, initiativeId)));
	rows.push(...(await proposalRows(db, initiativeId)));
	return rows;
}

/**
 * Requirement change proposals as provenance (source `requirement_proposal`, one piece of evidence
 * per proposal, whatever became of it): the author when they belong to a supplier organisation,
 * and for a proposal opened by a finding in a supplier's sprint room written by someone else (the
 * buyer team), that room's organisation through the person who accepted the room's terms — the
 * supplier is the source even when a buyer wrote the finding down.
 */
async function proposalRows(db: Db, initiativeId: string): Promise<Row[]> {
	const person = { userId: users.id, userName: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind };
	const proposal = { id: requirementProposals.id, requirementKey: requirementProposals.requirementKey, at: requirementProposals.createdAt };
	const byAuthor = await db
		.select({ ...person, ...proposal })
		.from(requirementProposals)
		.innerJoin(users, eq(users.id, requirementProposals.createdBy))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(requirementProposals.initiativeId, initiativeId), eq(organisations.kind, 'supplier')));
	const byRoom = await db
		.select({ ...person, ...proposal, authorId: requirementProposals.createdBy })
		.from(requirementProposals)
		.innerJoin(sprintRooms, eq(sprintRooms.id, requirementProposals.roomId))
		.innerJoin(users, eq(users.id, sprintRooms.termsAcceptedBy))
		.innerJoin(organisations, eq(organisations.id, sprintRooms.organisationId))
		.where(and(eq(requirementProposals.initiativeId, initiativeId), eq(organisations.kind, 'supplier')));
	const authored = new Set(byAuthor.map((r) => `${r.id}:${r.orgId}`));
	return [...byAuthor, ...byRoom.filter((r) => !authored.has(`${r.id}:${r.orgId}`))].map(({ id, requirementKey, at, ...who }) => ({
		userId: who.userId,
		userName: who.userName,
		orgId: who.orgId,
		orgName: who.orgName,
		orgKind: who.orgKind,
		key: { source: `requirement_proposal:${id}` },
		updates: 1,
		firstAt: at,
		lastAt: at,
		proposal: { id, requirementKey }
	}));
}

/**
 * Sprint participation (source `sprint`): per person of a supplier organisation with a room in a
 * sprint of the initiative, counted from server records — accepting the room's terms, questions
 * asked in the room, and accepted updates to the room's live documents (`sprint_*.<roomId>`).
 */
async function sprintRows(db: Db, initiativeId: string): Promise<Row[]> {
	const rooms = await db
		.select({ id: sprintRooms.id, acceptedBy: sprintRooms.termsAcceptedBy, acceptedAt: sprintRooms.termsAcceptedAt })
		.from(sprintRooms)
		.innerJoin(sprints, eq(sprints.id, sprintRooms.sprintId))
		.where(eq(sprints.initiativeId, initiativeId));
	if (!rooms.length) return [];
	const roomIds = rooms.map((r) => r.id);
	const person = { userId: users.id, userName: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind };
	const acts: Array<{ userId: string; userName: string; orgId: string; orgName: string; orgKind: 'buyer' | 'supplier'; updates: number; firstAt: Date; lastAt: Date }> = [];
	const acceptors = rooms.filter((r) => r.acceptedBy && r.acceptedAt);
	if (acceptors.length) {
		const people = await db
			.select(person)
			.from(users)
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(inArray(users.id, acceptors.map((r) => r.acceptedBy!)));
		for (const r of acceptors) {
			const p = people.find((x) => x.userId === r.acceptedBy);
			if (p) acts.push({ ...p, updates: 1, firstAt: r.acceptedAt!, lastAt: r.acceptedAt! });
		}
	}
	const asked = await db
		.select({ ...person, updates: count(), firstAt: min(sprintQuestions.askedAt), lastAt: max(sprintQuestions.askedAt) })
		.from(sprintQuestions)
		.innerJoin(users, eq(users.id, sprintQuestions.askedBy))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(inArray(sprintQuestions.roomId, roomIds))
		.groupBy(users.id, users.name, organisations.id, organisations.name, organisations.kind);
	for (const a of asked) acts.push({ ...a, updates: Number(a.updates), firstAt: new Date(a.firstAt!), lastAt: new Date(a.lastAt!) });
	const docNames = roomIds.flatMap((id) => ['sprint_room', 'sprint_map', 'sprint_sketch', 'sprint_decide', 'sprint_prototype', 'sprint_test'].map((k) => `${k}.${id}`));
	for (const r of await ledgerRows(db, docNames)) acts.push(r);
	const byPerson = new Map<string, Row>();
	for (const a of acts) {
		const prev = byPerson.get(a.userId);
		if (!prev) byPerson.set(a.userId, { ...a, key: { source: 'sprint' } });
		else {
			prev.updates += a.updates;
			if (a.firstAt < prev.firstAt) prev.firstAt = a.firstAt;
			if (a.lastAt > prev.lastAt) prev.lastAt = a.lastAt;
		}
	}
	return [...byPerson.values()];
}

/**
 * Who took part in anonymous workshops — wrote a card or changed the board — one row per person
 * and workshop. Only who and which workshop is selected: no count and no time leaves the database.
 */
async function participationRows(db: Db, ws: Array<{ id: string; title: string; createdAt: Date }>): Promise<Row[]> {
	const person = { userId: users.id, userName: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind };
	const cardAuthors = await db
		.selectDistinct({ ...person, workshopId: workshopCards.workshopId })
		.from(workshopCards)
		.innerJoin(users, eq(users.id, workshopCards.authorUserId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(inArray(workshopCards.workshopId, ws.map((w) => w.id)));
	const boardDocs = new Map(ws.map((w) => [`workshop.${w.id}`, w.id]));
	const org = sql`coalesce(${docLedger.organisationId}, ${users.organisationId})`;
	const boardEditors = await db
		.selectDistinct({ ...person, docName: docLedger.docName })
		.from(docLedger)
		.innerJoin(users, eq(users.id, docLedger.userId))
		.innerJoin(organisations, eq(organisations.id, org))
		.where(inArray(docLedger.docName, [...boardDocs.keys()]));
	const byId = new Map(ws.map((w) => [w.id, w]));
	const rows: Row[] = [];
	for (const r of [...cardAuthors, ...boardEditors.map(({ docName, ...rest }) => ({ ...rest, workshopId: boardDocs.get(docName)! }))]) {
		const w = byId.get(r.workshopId)!;
		const { workshopId, ...who } = r;
		// `updates` and the times of a participation row are never read (see `group`).
		rows.push({
			...who,
			key: { source: `workshop_participation:${workshopId}` },
			updates: 0,
			firstAt: w.createdAt,
			lastAt: w.createdAt,
			participation: { id: w.id, title: w.title, date: workshopDate(w.createdAt) }
		});
	}
	return rows;
}

function group(rows: Row[], level: ConflictLevel): ConflictEntry[] {
	const byOrg = new Map<string, { entry: ConflictEntry; evidence: Map<string, Evidence> }>();
	for (const r of rows) {
		let g = byOrg.get(r.orgId);
		if (!g) {
			g = { entry: { organisation: { id: r.orgId, name: r.orgName, kind: r.orgKind }, users: [], level, evidence: [] }, evidence: new Map() };
			byOrg.set(r.orgId, g);
		}
		if (!g.entry.users.some((u) => u.id === r.userId)) g.entry.users.push({ id: r.userId, name: r.userName });
		const k = r.key.docName ?? `source:${r.key.source}`;
		const e = g.evidence.get(k);
		if (r.participation) {
			if (!e) g.evidence.set(k, { source: 'workshop_participation', workshop: r.participation });
		} else if (r.proposal) {
			if (!e) g.evidence.set(k, { source: 'requirement_proposal', proposal: r.proposal, updates: 1, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() });
		} else if (!e) g.evidence.set(k, { ...r.key, updates: r.updates, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() });
		else if (!isParticipation(e)) {
			e.updates += r.updates;
			if (r.firstAt.toISOString() < e.firstAt) e.firstAt = r.firstAt.toISOString();
			if (r.lastAt.toISOString() > e.lastAt) e.lastAt = r.lastAt.toISOString();
		}
	}
	return [...byOrg.values()]
		.map(({ entry, evidence }) => ({ ...entry, evidence: [...evidence.values()].sort((a, b) => evidenceDay(a).localeCompare(evidenceDay(b))) }))
		.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, 'sv'));
}

/** When a piece of evidence begins, for ordering: the first time, or a workshop's date. */
function evidenceDay(e: Evidence): string {
	return isParticipation(e) ? e.workshop.date : e.firstAt;
}

export interface Author {
	user: { id: string; name: string };
	organisation: { id: string; name: string; kind: 'buyer' | 'supplier' };
	updates: number;
	firstAt: string;
	lastAt: string;
}

/** Every person who wrote in the requirements document, buyer organisations included (authorship). */
export async function requirementAuthors(db: Db, initiativeId: string): Promise<Author[]> {
	const rows = await ledgerRows(db, [`requirements.${initiativeId}`]);
	return rows
		.map((r) => ({
			user: { id: r.userId, name: r.userName },
			organisation: { id: r.orgId, name: r.orgName, kind: r.orgKind },
			updates: r.updates,
			firstAt: r.firstAt.toISOString(),
			lastAt: r.lastAt.toISOString()
		}))
		.sort((a, b) => a.firstAt.localeCompare(b.firstAt));
}

/** The register as defined above: barred first, then flagged; supplier organisations only. */
export async function computeRegister(db: Db, initiativeId: string): Promise<ConflictEntry[]> {
	const authorRows = await ledgerRows(db, [`requirements.${initiativeId}`]);
	const barred = group(authorRows.filter((r) => r.orgKind === 'supplier'), 'barred');
	const barredIds = new Set(barred.map((b) => b.organisation.id));
	const earlier = await earlierWorkRows(db, initiativeId);
	const flagged = group(earlier.filter((r) => r.orgKind === 'supplier' && !barredIds.has(r.orgId)), 'flagged');
	return [...barred, ...flagged];
}

/**
 * Computes the register and records every person who appears in it at a level for the first
 * time, journalled by the system as `conflict.barred` / `conflict.flagged` (one entry per new
 * person, naming their organisation and the evidence), so every change to the register is in
 * the journal exactly once.
 */
export async function register(db: Db, initiativeId: string): Promise<ConflictEntry[]> {
	const entries = await computeRegister(db, initiativeId);
	if (!entries.length) return entries;
	const known = await db
		.select({ organisationId: conflictRecords.organisationId, userId: conflictRecords.userId, level: conflictRecords.level })
		.from(conflictRecords)
		.where(eq(conflictRecords.initiativeId, initiativeId));
	const seen = new Set(known.map((k) => `${k.organisationId}:${k.userId}:${k.level}`));
	for (const e of entries) {
		for (const u of e.users) {
			if (seen.has(`${e.organisation.id}:${u.id}:${e.level}`)) continue;
			await db.transaction(async (tx) => {
				const inserted = await tx
					.insert(conflictRecords)
					.values({ initiativeId, organisationId: e.organisation.id, userId: u.id, level: e.level })
					.onConflictDoNothing()
					.returning({ organisationId: conflictRecords.organisationId });
				if (!inserted.length) return;
				await audit.record(tx, {
					initiativeId,
					actor: audit.SYSTEM,
					action: `conflict.${e.level}`,
					data: journalData(e, u)
				});
			});
		}
	}
	return entries;
}

/**
 * What a `conflict.barred` / `conflict.flagged` journal entry says: the organisation, the person,
 * the documents and registers they worked in (`evidence`, names only), and for anonymous
 * workshops `participation` with the workshop and its date only — never a count or a time.
 */
export function journalData(e: ConflictEntry, u: { id: string; name: string }) {
	const work = e.evidence.filter((ev): ev is WorkEvidence => !isParticipation(ev));
	const participation = e.evidence.filter(isParticipation).map((ev) => ({ workshopId: ev.workshop.id, workshop: ev.workshop.title, date: ev.workshop.date }));
	const proposals = work.flatMap((ev) => (ev.proposal ? [ev.proposal.id] : []));
	return {
		organisationId: e.organisation.id,
		organisation: e.organisation.name,
		userId: u.id,
		user: u.name,
		evidence: [...new Set(work.map((ev) => ev.docName ?? ev.source))],
		...(participation.length ? { participation } : {}),
		...(proposals.length ? { proposals } : {})
	};
}

/** Supplier organisations barred from tendering in an initiative (for the tender module). */
export async function barredOrganisationIds(db: Db, initiativeId: string): Promise<string[]> {
	const rows = await ledgerRows(db, [`requirements.${initiativeId}`]);
	return [...new Set(rows.filter((r) => r.orgKind === 'supplier').map((r) => r.orgId))];
}
