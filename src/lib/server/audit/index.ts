/**
 * The journal. Every security- and procurement-relevant event is one row, chained by hash to
 * the previous row of the same initiative (or of the platform chain when there is none), so a
 * changed or removed row is detectable (`verify`). The table itself refuses UPDATE and DELETE.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, eq, gte, isNull, lt, sql, desc, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { stockholmDayEnd, stockholmDayStart } from '../csv/time.ts';
import type { JournalFilter } from './filter.ts';

export const GENESIS = '0'.repeat(64);

/** Who did it, as the journal records them. */
export interface AuditActor {
	userId: string | null;
	/** Display name, or `guest:<id>`, or `system`. */
	label: string;
}

export const SYSTEM: AuditActor = { userId: null, label: 'system' };

export interface AuditEvent {
	initiativeId: string | null;
	actor: AuditActor;
	/** `Entity.verb` in snake case, e.g. `member.role_changed`. */
	action: string;
	data?: Record<string, unknown>;
}

/** JSON with sorted keys, so the hash does not depend on insertion order. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashInput {
	prevHash: string;
	initiativeId: string | null;
	actorUserId: string | null;
	actorLabel: string;
	action: string;
	data: unknown;
	/** ISO-8601 UTC. */
	at: string;
}

/** The hash of one row: SHA-256 over the previous hash and the row's canonical content. */
export function rowHash(r: HashInput): string {
	const body = canonicalJson({
		prev: r.prevHash,
		initiativeId: r.initiativeId,
		actorUserId: r.actorUserId,
		actorLabel: r.actorLabel,
		action: r.action,
		data: r.data ?? {},
		at: r.at
	});
	return encodeHexLowerCase(sha256(new TextEncoder().encode(body)));
}

function chainFilter(initiativeId: string | null) {
	return initiativeId ? eq(auditLog.initiativeId, initiativeId) : isNull(auditLog.initiativeId);
}

/**
 * The data as `jsonb` can hold it: a lone surrogate or a NUL in any string (which PostgreSQL
 * refuses in `jsonb`, failing the whole command) becomes U+FFFD. Input validation refuses such
 * text already (`http/text.ts`); this keeps the journal writable whatever a caller passes.
 */
export function storableData(value: unknown): unknown {
	if (typeof value === 'string') return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g, '\uFFFD');
	if (Array.isArray(value)) return value.map(storableData);
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableData(k) as string, storableData(v)]));
	}
	return value;
}

/**
 * Appends one event. Serialised per chain with a transaction-scoped advisory lock, so two
 * concurrent writers cannot both link to the same previous row.
 */
export async function record(db: Tx, event: AuditEvent): Promise<void> {
	await db.transaction(async (tx) => {
		const chain = event.initiativeId ?? 'platform';
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + chain}))`);
		const [last] = await tx
			.select({ hash: auditLog.hash })
			.from(auditLog)
			.where(chainFilter(event.initiativeId))
			.orderBy(desc(auditLog.id))
			.limit(1);
		const at = new Date().toISOString();
		const data = storableData(event.data ?? {}) as Record<string, unknown>;
		const actorLabel = storableData(event.actor.label) as string;
		const input: HashInput = {
			prevHash: last?.hash ?? GENESIS,
			initiativeId: event.initiativeId,
			actorUserId: event.actor.userId,
			actorLabel,
			action: event.action,
			data,
			at
		};
		await tx.insert(auditLog).values({
			initiativeId: event.initiativeId,
			actorUserId: event.actor.userId,
			actorLabel,
			action: event.action,
			data,
			at,
			prevHash: input.prevHash,
			hash: rowHash(input)
		});
	});
}

export interface AuditEntry {
	id: number;
	/** Position in the initiative's chain: 1, 2, 3 … with no gaps, whatever other chains hold. */
	seq: number;
	at: string;
	actor: { userId: string | null; label: string };
	action: string;
	data: Record<string, unknown>;
	hash: string;
}

/**
 * The journal of one initiative, oldest first, numbered in chain order. A filter narrows the
 * rows but never renumbers them: row 7 is row 7 in every view, the CSV and the API.
 */
export async function list(db: Db, initiativeId: string, filter: JournalFilter = {}): Promise<AuditEntry[]> {
	const numbered = db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			actorUserId: auditLog.actorUserId,
			actorLabel: auditLog.actorLabel,
			action: auditLog.action,
			data: auditLog.data,
			hash: auditLog.hash,
			seq: sql<number | string>`row_number() over (order by ${auditLog.id})`.as('seq')
		})
		.from(auditLog)
		.where(chainFilter(initiativeId))
		.as('numbered');
	const where: SQL[] = [];
	if (filter.kind) {
		where.push(filter.kind.includes('.') ? eq(numbered.action, filter.kind) : sql`split_part(${numbered.action}, '.', 1) = ${filter.kind}`);
	}
	if (filter.actor) where.push(eq(numbered.actorUserId, filter.actor));
	if (filter.from) where.push(gte(numbered.at, stockholmDayStart(filter.from).toISOString()));
	if (filter.to) where.push(lt(numbered.at, stockholmDayEnd(filter.to).toISOString()));
	const rows = await db
		.select()
		.from(numbered)
		.where(where.length ? and(...where) : undefined)
		.orderBy(asc(numbered.id));
	return rows.map((r) => ({
		id: r.id,
		seq: Number(r.seq),
		at: new Date(r.at).toISOString(),
		actor: { userId: r.actorUserId, label: r.actorLabel },
		action: r.action,
		data: (r.data ?? {}) as Record<string, unknown>,
		hash: r.hash
	}));
}

/** The people who appear as actors in an initiative's journal (for the person filter). */
export async function actors(db: Db, initiativeId: string): Promise<Array<{ userId: string; label: string }>> {
	const rows = await db
		.selectDistinctOn([auditLog.actorUserId], { userId: auditLog.actorUserId, label: auditLog.actorLabel })
		.from(auditLog)
		.where(and(chainFilter(initiativeId), sql`${auditLog.actorUserId} is not null`))
		.orderBy(auditLog.actorUserId, desc(auditLog.id));
	return rows
		.filter((r): r is { userId: string; label: string } => r.userId !== null)
		.sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/** The entity prefixes (`workshop`, `need` …) that occur in an initiative's journal. */
export async function kinds(db: Db, initiativeId: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ kind: sql<string>`split_part(${auditLog.action}, '.', 1)` })
		.from(auditLog)
		.where(chainFilter(initiativeId));
	return rows.map((r) => r.kind).sort();
}

/** `brokenAt` is the row id; `brokenSeq` its number in the chain as the journal shows it. */
export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; brokenSeq: number };

/** Walks a chain and reports the first row whose link or content does not match. */
export async function verify(db: Db, initiativeId: string | null): Promise<VerifyResult> {
	const rows = await db
		.select()
		.from(auditLog)
		.where(chainFilter(initiativeId))
		.orderBy(asc(auditLog.id));
	let prev = GENESIS;
	for (const [i, r] of rows.entries()) {
		const expected = rowHash({
			prevHash: prev,
			initiativeId: r.initiativeId,
			actorUserId: r.actorUserId,
			actorLabel: r.actorLabel,
			action: r.action,
			data: r.data ?? {},
			at: new Date(r.at).toISOString()
		});
		if (r.prevHash !== prev || r.hash !== expected) {
			return { ok: false, entries: rows.length, brokenAt: r.id, brokenSeq: i + 1 };
		}
		prev = r.hash;
	}
	return { ok: true, entries: rows.length };
}
