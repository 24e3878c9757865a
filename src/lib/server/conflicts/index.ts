/**
 * The conflicts register of an initiative (DOMAIN.md rule 1), computed from server-side records
 * only — never from what a client says:
 *
 * - **barred**: supplier organisations whose users have accepted updates in the requirements
 *   document `requirements.<id>` (the authorship ledger);
 * - **flagged**: supplier organisations whose users contributed earlier work — the brief,
 *   workshop boards and cards, the needs register — for the procurement officer to judge.
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
	users,
	workshopCards,
	workshops,
	type ConflictLevel
} from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import * as audit from '../audit/index.ts';

export interface Evidence {
	/** A live document name (`requirements.<id>`, `brief.<id>`, `workshop.<id>`)… */
	docName?: string;
	/** …or a register: `workshop_cards`, `needs`. */
	source?: string;
	updates: number;
	firstAt: string;
	lastAt: string;
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
	const ws = await db.select({ id: workshops.id }).from(workshops).where(eq(workshops.initiativeId, initiativeId));
	const docNames = [`brief.${initiativeId}`, ...ws.map((w) => `workshop.${w.id}`)];
	const rows = await ledgerRows(db, docNames);
	const person = { userId: users.id, userName: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind };
	if (ws.length) {
		const cards = await db
			.select({ ...person, updates: count(), firstAt: min(workshopCards.createdAt), lastAt: max(workshopCards.createdAt) })
			.from(workshopCards)
			.innerJoin(users, eq(users.id, workshopCards.authorUserId))
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(inArray(workshopCards.workshopId, ws.map((w) => w.id)))
			.groupBy(users.id, users.name, organisations.id, organisations.name, organisations.kind);
		for (const c of cards) rows.push({ ...c, key: { source: 'workshop_cards' }, updates: Number(c.updates), firstAt: new Date(c.firstAt!), lastAt: new Date(c.lastAt!) });
	}
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
		if (!e) g.evidence.set(k, { ...r.key, updates: r.updates, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() });
		else {
			e.updates += r.updates;
			if (r.firstAt.toISOString() < e.firstAt) e.firstAt = r.firstAt.toISOString();
			if (r.lastAt.toISOString() > e.lastAt) e.lastAt = r.lastAt.toISOString();
		}
	}
	return [...byOrg.values()]
		.map(({ entry, evidence }) => ({ ...entry, evidence: [...evidence.values()].sort((a, b) => a.firstAt.localeCompare(b.firstAt)) }))
		.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, 'sv'));
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
					data: {
						organisationId: e.organisation.id,
						organisation: e.organisation.name,
						userId: u.id,
						user: u.name,
						evidence: e.evidence.map((ev) => ev.docName ?? ev.source)
					}
				});
			});
		}
	}
	return entries;
}

/** Supplier organisations barred from tendering in an initiative (for the tender module). */
export async function barredOrganisationIds(db: Db, initiativeId: string): Promise<string[]> {
	const rows = await ledgerRows(db, [`requirements.${initiativeId}`]);
	return [...new Set(rows.filter((r) => r.orgKind === 'supplier').map((r) => r.orgId))];
}
