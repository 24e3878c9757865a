/**
 * Rotating the seal key: every round's data key is re-wrapped from the old seal key to the new
 * one in one transaction, the sealed tenders stay byte for byte what was stored (never
 * decrypted), a wrong old key changes nothing, and after the rotation the new key opens the
 * round with every receipt's hash verified. With a key file, the new key is written with mode
 * 0600 and the old one kept aside. The npm script runs the same code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { sha256Hex } from '../../src/lib/server/requirements/versions.ts';
import { auditLog, requirementVersions, tenderSubmissions, tenders } from '../../src/lib/server/db/schema/index.ts';
import { RotationError, rotateConfigured, rotateSealKey } from '../../src/lib/server/tenders/rotate.ts';
import { unwrapKey } from '../../src/lib/server/tenders/seal.ts';

const clock = new ManualClock('2027-05-01T09:00:00Z');
const OLD = Buffer.alloc(32, 3);
const NEW = Buffer.alloc(32, 4);
const CANARY = 'KANARIE-ROTATION-5512';

let server: TestServer;
let leader: TestUser;
let opener: TestUser;
let supplier: TestUser;
const roundIds: string[] = [];
let dir: string;

function as(user: TestUser): Client {
	const c = new Client(server.url);
	const [name, value] = user.cookie.split('=');
	c.setCookie(name, value);
	return c;
}

const stored = async () => ({
	keys: (await server.app.db.select({ id: tenders.id, wrappedKey: tenders.wrappedKey }).from(tenders).orderBy(asc(tenders.id))).map((r) => Buffer.from(r.wrappedKey).toString('hex')),
	tenders: (await server.app.db.select({ c: tenderSubmissions.ciphertext }).from(tenderSubmissions).orderBy(asc(tenderSubmissions.id))).map((r) => Buffer.from(r.c).toString('hex'))
});

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'brygga-rotate-'));
	server = await startTestServer({ SEAL_KEY: OLD.toString('base64') }, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Östads kommun');
	leader = await makeUser(app, { organisationId: buyer.id });
	opener = await makeUser(app, { organisationId: buyer.id });
	supplier = await makeUser(app, { organisationId: (await makeOrganisation(app, 'supplier', 'Nyckel AB')).id });
	const initiativeId = (await makeInitiative(app, leader, 'Nyckelbyte')).id;
	await addMember(app, initiativeId, opener.id, 'team');
	const content = JSON.stringify({
		initiativeId,
		version: 1,
		publishedAt: '2027-04-01T10:00:00.000Z',
		publishedBy: { id: leader.id, name: 'L' },
		note: null,
		sections: [],
		requirements: [{ id: 'K1', uid: 'u1', kind: 'function', obligation: 'ska', text: 'Krav.', rationale: '', needIds: [], verification: '', section: null }]
	});
	await app.db.insert(requirementVersions).values({ initiativeId, version: 1, content, sha256: sha256Hex(content), publishedBy: leader.id, publishedByName: 'L', publishedAt: '2027-04-01T10:00:00.000Z' });
	for (const title of ['Första', 'Andra']) {
		const res = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, {
			title,
			requirementsVersion: 1,
			deadline: '2027-05-10T12:00:00Z',
			openers: [leader.id, opener.id],
			criteria: [{ name: 'Pris', weight: 100, kind: 'price' }]
		});
		const id = (await res.json()).id;
		roundIds.push(id);
		await as(leader).post(`/api/v1/tenders/${id}/publish`, { open: true });
	}
	expect((await as(supplier).post(`/api/v1/tenders/${roundIds[0]}/submissions`, { answers: [{ requirementId: 'K1', value: CANARY }], priceSek: 1000 })).status).toBe(201);
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe('seal key rotation', () => {
	it('changes nothing when the old key is wrong', async () => {
		const before = await stored();
		await expect(rotateSealKey(server.app.db, Buffer.alloc(32, 5), NEW)).rejects.toBeInstanceOf(RotationError);
		expect(await stored()).toEqual(before);
	});

	it('re-wraps every round’s data key in one go, leaves the sealed tenders untouched, and journals it', async () => {
		const before = await stored();
		const dataKeys = (await server.app.db.select({ w: tenders.wrappedKey }).from(tenders).orderBy(asc(tenders.id))).map((r) => unwrapKey(OLD, r.w).toString('hex'));
		const result = await rotateConfigured(server.app.db, { SEAL_KEY: OLD.toString('base64'), DATA_DIR: dir }, { newKey: NEW });
		expect(result.rounds).toBe(2);
		const after = await stored();
		expect(after.tenders).toEqual(before.tenders);
		expect(after.keys.every((k, i) => k !== before.keys[i])).toBe(true);
		const rewrapped = (await server.app.db.select({ w: tenders.wrappedKey }).from(tenders).orderBy(asc(tenders.id))).map((r) => unwrapKey(NEW, r.w).toString('hex'));
		expect(rewrapped).toEqual(dataKeys);
		const journal = await server.app.db.select({ data: auditLog.data }).from(auditLog).where(and(isNull(auditLog.initiativeId), eq(auditLog.action, 'tender.seal_key_rotated')));
		expect(journal.map((j) => j.data)).toEqual([{ rounds: 2 }]);
		expect(JSON.stringify(journal)).not.toContain(NEW.toString('base64'));
	});

	it('opens the round with the new key, every receipt verified', async () => {
		server.app.config.SEAL_KEY = NEW.toString('base64');
		clock.set('2027-05-10T12:00:01Z');
		await as(leader).post(`/api/v1/tenders/${roundIds[0]}/opening/approve`);
		expect(await (await as(opener).post(`/api/v1/tenders/${roundIds[0]}/opening/approve`)).json()).toEqual({ approvals: 2, opened: true });
		const protocol = await (await as(leader).get(`/api/v1/tenders/${roundIds[0]}/opening-protocol`)).json();
		expect(protocol.tenders).toHaveLength(1);
		expect(protocol.tenders[0].hashVerified).toBe(true);
		await as(leader).post(`/api/v1/tenders/${roundIds[0]}/declarations`, { noConflict: true });
		expect(JSON.stringify(await (await as(leader).get(`/api/v1/tenders/${roundIds[0]}/submissions`)).json())).toContain(CANARY);
	});

	it('with a key file: writes the new key with mode 0600, keeps the old one aside, and the new file opens every round', async () => {
		writeFileSync(join(dir, 'seal.key'), NEW.toString('base64') + '\n', { mode: 0o600 });
		const result = await rotateConfigured(server.app.db, { SEAL_KEY: undefined, DATA_DIR: dir }, { now: new Date('2027-05-11T08:00:00Z') });
		expect(result.rounds).toBe(2);
		const keyFile = resolve(join(dir, 'seal.key'));
		expect(result.keyFile).toBe(keyFile);
		expect(statSync(keyFile).mode & 0o777).toBe(0o600);
		expect(readFileSync(result.oldKeyFile!, 'utf8').trim()).toBe(NEW.toString('base64'));
		expect(readdirSync(dir).sort()).toEqual(['seal.key', 'seal.key.2027-05-11T08-00-00-000Z.old']);
		const fresh = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
		for (const r of await server.app.db.select({ w: tenders.wrappedKey }).from(tenders)) expect(unwrapKey(fresh, r.w)).toHaveLength(32);
	});

	it('refuses to rotate SEAL_KEY without the new key, and runs as the npm script', async () => {
		await expect(rotateConfigured(server.app.db, { SEAL_KEY: NEW.toString('base64'), DATA_DIR: dir })).rejects.toThrow(/SEAL_KEY_NEW/);
		const run = promisify(execFile);
		const { stdout } = await run(resolve('node_modules/.bin/node'), ['scripts/seal-rotate.ts'], {
			env: { ...process.env, DATABASE_URL: '', DATA_DIR: 'memory://rotate-cli', SEAL_KEY: OLD.toString('base64'), SEAL_KEY_NEW: NEW.toString('base64'), LOG_LEVEL: 'warn' }
		});
		expect(stdout).toContain('Re-wrapped the data keys of 0 tender round(s)');
	});
});
