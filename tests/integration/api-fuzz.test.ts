/**
 * The API under hostile input, driven by its own OpenAPI document. For every operation the
 * served document lists, a bounded, seeded set of requests is sent by signed-in people with real
 * access (and some by a supplier and by nobody): malformed JSON, wrong content types, wrong
 * types, missing fields, strings over their limits, lone surrogates, control characters, odd but
 * valid Unicode (right-to-left marks, emoji, combining accents), and unknown or odd path ids.
 *
 * What must hold for every request:
 * - never a 500, and every 4xx is the JSON error shape `{error:{code,message}}`;
 * - a request that did not succeed changed nothing (a digest of every state table is the same);
 * - a request that succeeded and changed state left at least one new journal row.
 *
 * The digest leaves out what is not state of the procedure: sessions (every request here signs
 * in afresh), the journal itself, and live-document storage (but not its authorship ledger), which the collaboration server
 * compacts in the background (a snapshot may land during any later request). The journal rule
 * also leaves out the participants' own cards and votes, which are content rather than
 * decisions and in anonymous workshops must not be tied to a person in the journal — and, for
 * the same reason, a sprint room's art-museum sketches, critiques, dots and test notes — and a
 * person marking their own notifications read (the bell's state, not the procedure's: every
 * notification is created by a command that journals its own change).
 *
 * Deterministic: fast-check and the mutation choices run from fixed seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, signIn, type TestUser } from '../factories/collab.ts';
import { initiativeOrganisations, users } from '../../src/lib/server/db/schema/index.ts';

type Json = Record<string, unknown>;
type Schema = Json;

const SEED = 20261207;
/** Requests per operation: writes get more, reads mostly probe ids and queries. */
const WRITE_RUNS = 14;
const READ_RUNS = 4;

/** Tables whose changes need no journal row (see the header). */
const UNJOURNALLED = new Set(['workshop_cards', 'workshop_votes', 'sprint_sketches', 'sprint_critiques', 'sprint_dots', 'sprint_test_notes', 'notifications']);
/** Tables outside the digest altogether. */
const NOT_STATE = new Set(['sessions', 'audit_log', 'doc_snapshots', 'doc_updates', 'doc_projections']);

let server: TestServer;
let leader: TestUser;
let supplier: TestUser;
let victim: TestUser;
let doc: Json;
const ids: Record<string, string> = {};
let digestSql = '';
let tables: string[] = [];

// ——— a small deterministic random source for the mutations ———

function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
type Rng = ReturnType<typeof prng>;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

// ——— values from JSON Schema ———

const ODD = ['Åsa Öberg', 'förskola ☔', '👩‍👩‍👧‍👦', 'Cafe\u0301', '\u200Fמים\u200E', 'a\u200Db', 'ﷺ', '𝔅𝔯𝔶𝔤𝔤𝔞', 'x', ''];

function resolve(schema: Schema): Schema {
	let s = schema;
	for (let i = 0; i < 5 && typeof s.$ref === 'string'; i++) {
		const name = (s.$ref as string).split('/').pop()!;
		s = ((doc.components as Json).schemas as Json)[name] as Schema;
	}
	return s ?? {};
}

function stringArb(s: Schema): fc.Arbitrary<string> {
	const max = typeof s.maxLength === 'number' ? s.maxLength : 200;
	const min = typeof s.minLength === 'number' ? s.minLength : 0;
	if (s.format === 'uuid') return fc.constantFrom(...Object.values(ids), '00000000-0000-4000-8000-000000000000');
	if (s.format === 'email') return fc.constantFrom('ny.person@example.se', 'Åsa@exempel.se', 'a@b', 'lena@kommun.se');
	if (s.format === 'date' || /\\d\{4\}/.test(String(s.pattern ?? ''))) return fc.constantFrom('2026-01-01', '2027-12-31', '2026-13-45');
	return fc
		.array(fc.constantFrom(...ODD), { minLength: 1, maxLength: 4 })
		.map((parts) => {
			const v = parts.join(' ');
			return v.length < min ? v.padEnd(min, 'å') : v.slice(0, Math.max(max, min));
		});
}

function arb(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
	const s = resolve(schema);
	if (depth > 4) return fc.constant(null);
	if ('const' in s) return fc.constant(s.const);
	if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
	const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
	if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arb(a, depth + 1)));
	if (Array.isArray(s.allOf) && s.allOf.length) return arb(s.allOf[0] as Schema, depth + 1);
	const type = Array.isArray(s.type) ? (s.type as string[]).filter((t) => t !== 'null')[0] : (s.type as string | undefined);
	switch (type) {
		case 'string':
			return stringArb(s);
		case 'integer':
		case 'number': {
			const min = typeof s.minimum === 'number' ? s.minimum : 0;
			const max = typeof s.maximum === 'number' ? Math.min(s.maximum, min + 1000) : min + 1000;
			return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
		}
		case 'boolean':
			return fc.boolean();
		case 'array': {
			const maxItems = typeof s.maxItems === 'number' ? Math.min(s.maxItems, 3) : 3;
			return fc.array(arb((s.items as Schema) ?? {}, depth + 1), { maxLength: maxItems });
		}
		case 'object':
		default: {
			const props = (s.properties ?? {}) as Record<string, Schema>;
			if (!Object.keys(props).length) return type === 'object' ? fc.constant({}) : fc.constantFrom('x', 1, true, null);
			const required = (s.required as string[] | undefined) ?? [];
			return fc.record(
				Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arb(v, depth + 1)])),
				{ requiredKeys: required.filter((k) => k in props) }
			);
		}
	}
}

/** Paths to the string leaves of a value (`[]` is the value itself). */
function stringPaths(v: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
	if (typeof v === 'string') return [path];
	if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]));
	if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...path, k]));
	return [];
}

function setAt(v: unknown, path: Array<string | number>, value: unknown): unknown {
	if (!path.length) return value;
	const copy = (Array.isArray(v) ? [...v] : { ...(v as Json) }) as Record<string | number, unknown>;
	copy[path[0]] = setAt(copy[path[0]], path.slice(1), value);
	return copy;
}

/** Replaces a random string leaf (or adds a field when there is none). */
function poison(rng: Rng, body: unknown, value: unknown): unknown {
	const paths = stringPaths(body);
	if (paths.length) return setAt(body, pick(rng, paths), value);
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const keys = Object.keys(body);
		return { ...(body as Json), [keys.length ? pick(rng, keys) : 'title']: value };
	}
	return value;
}

// ——— requests ———

interface Case {
	kind: string;
	path: string;
	body?: string;
	contentType?: string;
	as: 'leader' | 'supplier' | 'nobody';
}

const ODD_IDS = ['00000000-0000-4000-8000-000000000000', 'inte-ett-id', '..%2F..%2Fetc', '%00', 'x'.repeat(600), '%F0%9F%92%A9', '%ED%A0%BD', '1e9'];

function fillPath(template: string, rng: Rng, oddIds: boolean): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (oddIds) return pick(rng, ODD_IDS);
		if (name === 'id') {
			if (template.startsWith('/api/v1/initiatives/')) return ids.initiative;
			if (template.startsWith('/api/v1/workshops/')) return pick(rng, [ids.workshop, ids.draftWorkshop]);
			if (template.startsWith('/api/v1/needs/')) return ids.need;
			if (template.startsWith('/api/v1/pilots/')) return ids.pilot;
			if (template.startsWith('/api/v1/admin/users/')) return ids.victim;
			if (template.startsWith('/api/v1/me/sessions/')) return ids.otherSession;
			if (template.startsWith('/api/v1/organisations/')) return ids.organisation;
			if (template.startsWith('/api/v1/lessons/')) return ids.lesson;
			if (template.startsWith('/api/v1/sprints/')) return ids.sprint;
			if (template.startsWith('/api/v1/sprint-rooms/')) return ids.sprintRoom;
		}
		const known: Record<string, string> = {
			userId: ids.team,
			invitationId: ids.invitation,
			thresholdId: ids.threshold,
			docName: `workshop.${ids.workshop}`,
			targetId: ids.workshop,
			needId: ids.need,
			workshopId: ids.workshop,
			questionId: ids.sprintQuestion
		};
		return known[name] ?? pick(rng, ['0123456789abcdefghijklmnopqrstuv', ODD_IDS[0]]);
	});
}

function casesFor(method: string, template: string, op: Json, opIndex: number): Case[] {
	const rng = prng(SEED + opIndex * 7919);
	const bodySchema = (((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as Schema | undefined;
	const write = method !== 'get';
	const runs = write ? WRITE_RUNS : READ_RUNS;
	const samples = bodySchema ? fc.sample(arb(bodySchema), { seed: SEED + opIndex, numRuns: runs }) : Array.from({ length: runs }, () => ({}));
	const kinds = write
		? ['valid', 'valid', 'lone_surrogate', 'control', 'huge_field', 'wrong_type', 'missing', 'malformed', 'content_type', 'odd_ids', 'huge_body', 'low_surrogate', 'nul', 'valid']
		: ['odd_ids', 'valid', 'odd_ids', 'valid'];
	return samples.map((sample, i) => {
		const kind = kinds[i % kinds.length];
		const as: Case['as'] = i % 9 === 4 ? 'supplier' : i % 11 === 6 ? 'nobody' : 'leader';
		const path = fillPath(template, rng, kind === 'odd_ids');
		let body: unknown = sample;
		let raw: string | undefined;
		let contentType = 'application/json';
		switch (kind) {
			case 'lone_surrogate':
				body = poison(rng, sample, `titel \ud83d`);
				break;
			case 'low_surrogate':
				body = poison(rng, sample, `\ude00 titel`);
				break;
			case 'control':
				body = poison(rng, sample, pick(rng, ['a\u0001b', '\u001b[2Jrensat', 'x\u007f', 'c1\u0085', 'radbrytning\u000b']));
				break;
			case 'nul':
				body = poison(rng, sample, 'före\u0000efter');
				break;
			case 'huge_field':
				body = poison(rng, sample, 'å'.repeat(20_001));
				break;
			case 'huge_body':
				raw = JSON.stringify({ padding: 'x'.repeat(300 * 1024) });
				break;
			case 'wrong_type': {
				const keys = sample && typeof sample === 'object' ? Object.keys(sample) : [];
				const value = pick(rng, [42, -1.5, true, null, [], {}, ['x'], '9'.repeat(400)]);
				body = keys.length ? { ...(sample as Json), [pick(rng, keys)]: value } : value;
				break;
			}
			case 'missing':
				body = pick(rng, [{}, [], null, 'text', 0]);
				break;
			case 'malformed':
				raw = pick(rng, ['{', '{"title": "', '[1,', 'nej', '{"a":1}}', '\u0000', '{"title":"\\ud83d', '{"a":"\\x41"}']);
				break;
			case 'content_type':
				contentType = pick(rng, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json']);
				break;
		}
		return { kind, path, as, contentType, body: write ? (raw ?? JSON.stringify(body)) : undefined };
	});
}

async function send(method: string, c: Case): Promise<Response> {
	const headers: Record<string, string> = { origin: server.url };
	if (c.as !== 'nobody') headers.cookie = (await signIn(server.app, c.as === 'leader' ? leader.id : supplier.id)).cookie;
	if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
	return fetch(server.url + c.path, { method: method.toUpperCase(), headers, body: c.body, redirect: 'manual' });
}

// ——— the state digest ———

async function digest(): Promise<Map<string, string>> {
	const rows = (await server.app.db.execute(sql.raw(digestSql))) as unknown as { rows?: Array<{ t: string; d: string | null }> } & Array<{ t: string; d: string | null }>;
	const list = rows.rows ?? rows;
	return new Map(list.map((r) => [r.t, r.d ?? '']));
}

async function journalCount(): Promise<number> {
	const rows = (await server.app.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows?: Array<{ n: number }> } & Array<{ n: number }>;
	return Number((rows.rows ?? rows)[0].n);
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
	return tables.filter((t) => before.get(t) !== after.get(t));
}

// ——— set-up: people with real access and something to point at ———

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const kommun = await makeOrganisation(app, 'buyer', 'Skurups kommun');
	const foretag = await makeOrganisation(app, 'supplier', 'Golvteknik AB');
	leader = await makeUser(app, { organisationId: kommun.id, name: 'Lena Processledare' });
	await app.db.update(users).set({ platformAdmin: true, orgAdmin: true }).where(eq(users.id, leader.id));
	const team = await makeUser(app, { organisationId: kommun.id, name: 'Tomas Team' });
	victim = await makeUser(app, { organisationId: kommun.id, name: 'Vera Annan' });
	supplier = await makeUser(app, { organisationId: foretag.id, name: 'Sven Leverantör' });
	const initiative = await makeInitiative(app, leader, 'Torra golv');
	await addMember(app, initiative.id, team.id, 'team');
	ids.initiative = initiative.id;
	ids.team = team.id;
	ids.victim = victim.id;
	ids.otherSession = (await signIn(app, leader.id)).sessionId;

	const post = async (path: string, body: unknown) => {
		const res = await send('post', { kind: 'setup', path, as: 'leader', body: JSON.stringify(body) });
		expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
		return (await res.json()) as Json;
	};
	ids.workshop = String((await post(`/api/v1/initiatives/${initiative.id}/workshops`, { title: 'Våta golv', question: 'Varför?' })).id);
	ids.draftWorkshop = String((await post(`/api/v1/initiatives/${initiative.id}/workshops`, { title: 'Utkast', question: 'Vad?' })).id);
	await post(`/api/v1/workshops/${ids.workshop}/phase`, { phase: 'collect' });
	ids.need = String((await post(`/api/v1/initiatives/${initiative.id}/needs`, { title: 'Torra golv' })).id);
	ids.invitation = String((await post(`/api/v1/initiatives/${initiative.id}/invitations`, { email: 'inbjuden@kommun.se', role: 'team' })).id);
	ids.organisation = kommun.id;
	await app.db.insert(initiativeOrganisations).values({ initiativeId: initiative.id, organisationId: kommun.id });
	ids.lesson = String((await post(`/api/v1/initiatives/${initiative.id}/lessons`, { phase: 'needs', worked: 'Korta workshoppar.' })).id);
	ids.sprint = String((await post(`/api/v1/initiatives/${initiative.id}/sprints`, { title: 'Sprint', template: 'design_sprint_5', goal: 'Torra golv', questions: ['Kan vi?'] })).id);
	ids.sprintRoom = String((await post(`/api/v1/sprints/${ids.sprint}/rooms`, { organisationId: foretag.id })).roomId);
	ids.sprintQuestion = String((await post(`/api/v1/sprint-rooms/${ids.sprintRoom}/questions`, { text: 'Hur ofta?' })).id);
	ids.supplierOrg = foretag.id;
	ids.pilot = String((await post(`/api/v1/initiatives/${initiative.id}/pilots`, { title: 'Pilot', organisationIds: [foretag.id], kind: 'series', valueSek: 50_000, needIds: [] })).id);
	const thresholds = (await app.db.execute(sql`select id from procurement_thresholds limit 1`)) as unknown as { rows?: Array<{ id: string }> } & Array<{ id: string }>;
	ids.threshold = String((thresholds.rows ?? thresholds)[0]?.id ?? '00000000-0000-4000-8000-000000000000');

	const found = (await app.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { rows?: Array<{ tablename: string }> } & Array<{ tablename: string }>;
	tables = (found.rows ?? found).map((r) => r.tablename).filter((t) => !NOT_STATE.has(t));
	digestSql = tables
		.map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from "${t}" x`)
		.join(' union all ');

	const res = await fetch(`${server.url}/api/v1/openapi.json`);
	expect(res.status).toBe(200);
	doc = (await res.json()) as Json;
});

afterAll(async () => {
	await server?.stop();
});

describe('the API under malformed and hostile input (OpenAPI-driven, seeded)', () => {
	it('never answers 500, always answers 4xx as {error:{code,message}}, changes nothing when it refuses, and journals what it changes', async () => {
		const operations: Array<{ method: string; path: string; op: Json }> = [];
		for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
			if (path.startsWith('/yjs/')) continue;
			for (const [method, op] of Object.entries(item)) operations.push({ method, path, op });
		}
		expect(operations.length).toBeGreaterThan(30);

		const problems: string[] = [];
		let sent = 0;
		let succeeded = 0;
		let before = await digest();
		for (const [i, { method, path, op }] of operations.entries()) {
			for (const c of casesFor(method, path, op, i)) {
				const journalBefore = await journalCount();
				const res = await send(method, c);
				const text = await res.text();
				sent++;
				const what = `${method.toUpperCase()} ${c.path.slice(0, 120)} [${c.kind}, ${c.as}] → ${res.status}`;
				if (res.status >= 500) problems.push(`${what}: ${text.slice(0, 200)}`);
				if (res.status >= 400 && res.status < 500 && path.startsWith('/api/')) {
					let shaped = false;
					try {
						const b = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
						shaped = typeof b.error?.code === 'string' && typeof b.error?.message === 'string';
					} catch {
						shaped = false;
					}
					if (!shaped) problems.push(`${what}: not the JSON error shape: ${text.slice(0, 120)}`);
				}
				const after = await digest();
				const changed = changedTables(before, after);
				if (res.status >= 400 && changed.length) problems.push(`${what}: refused, yet changed ${changed.join(', ')}`);
				if (res.status < 400) {
					succeeded++;
					const journalled = changed.filter((t) => !UNJOURNALLED.has(t));
					if (journalled.length && (await journalCount()) === journalBefore) {
						problems.push(`${what}: changed ${journalled.join(', ')} without a journal entry`);
					}
				}
				before = after;
			}
		}
		expect(problems, problems.join('\n')).toEqual([]);
		expect(sent).toBeGreaterThan(200);
		// Some generated bodies are valid: the success paths were exercised too.
		expect(succeeded).toBeGreaterThan(10);
	}, 240_000);
});
