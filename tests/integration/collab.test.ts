/**
 * The live-document server, end to end: a real Brygga server on port 0, real y-websocket
 * clients, the real database (PGlite, or PostgreSQL with BRYGGA_TEST_DB=postgres).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { liveClient, rawSocket, until, type LiveClient } from '../helpers/live.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, removeMember, setRole, signIn, type TestUser } from '../factories/collab.ts';
import { docLedger, docUpdates } from '../../src/lib/server/db/schema/index.ts';
import { CLOSE, MESSAGE, SYNC } from '../../src/lib/collab/protocol.ts';
import { loadDocument } from '../../src/lib/server/collab/store.ts';
import type { DocumentRegistry } from '../../server/collab/documents.ts';

let server: TestServer;
let leader: TestUser;
let writer: TestUser;
let observer: TestUser;
let outsider: TestUser;
let supplier: TestUser;
let initiativeId: string;
let brief: string;
const open: LiveClient[] = [];

function client(docName: string, user: TestUser | null, opts: { origin?: string } = {}): LiveClient {
	const c = liveClient(server.url, docName, { cookie: user?.cookie, origin: opts.origin });
	open.push(c);
	return c;
}

function textOf(c: LiveClient): string {
	return c.doc.getText('t').toString();
}

function registry(): DocumentRegistry {
	return server.app.liveDocs as DocumentRegistry;
}

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const kommun = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	const granne = await makeOrganisation(app, 'buyer', 'Skurups kommun');
	const company = await makeOrganisation(app, 'supplier', 'Fallskydd AB');
	leader = await makeUser(app, { organisationId: kommun.id, name: 'Lena Processledare' });
	writer = await makeUser(app, { organisationId: granne.id, name: 'Tomas Teammedlem' });
	observer = await makeUser(app, { organisationId: kommun.id, name: 'Olle Observatör' });
	outsider = await makeUser(app, { organisationId: kommun.id, name: 'Ingrid Utanför' });
	supplier = await makeUser(app, { organisationId: company.id, name: 'Sara Leverantör' });
	const initiative = await makeInitiative(app, leader);
	initiativeId = initiative.id;
	brief = `brief.${initiativeId}`;
	await addMember(app, initiativeId, writer.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
});

afterAll(async () => {
	for (const c of open) c.destroy();
	await server?.stop();
});

describe('the upgrade is refused before any document content is sent', () => {
	it('answers 401 without a session cookie', async () => {
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url });
		expect(r.kind).toBe('refused');
		if (r.kind === 'refused') {
			expect(r.status).toBe(401);
			expect(JSON.parse(r.body).error.code).toBe('unauthenticated');
		}
	});

	it('answers 403 to a cross-origin request even with a valid session', async () => {
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: 'https://evil.example', cookie: leader.cookie });
		expect(r.kind === 'refused' && r.status).toBe(403);
	});

	it('answers 403 for an unknown kind, a malformed id and a document that does not exist', async () => {
		for (const path of [`/yjs/secret.${initiativeId}`, '/yjs/brief.not-a-uuid', `/yjs/brief.${crypto.randomUUID()}`, `/yjs/brief.${initiativeId}.x`, '/yjs/']) {
			const r = await rawSocket(server.url, path, { origin: server.url, cookie: leader.cookie });
			expect(r.kind === 'refused' && r.status, path).toBe(403);
		}
	});

	it('answers 403 to a colleague who is not a member and to a supplier', async () => {
		for (const user of [outsider, supplier]) {
			const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: user.cookie });
			expect(r.kind === 'refused' && r.status, user.name).toBe(403);
		}
	});

	it('answers 401 to a forged session token', async () => {
		const forged = leader.cookie.replace(/\.[a-z0-9]+$/, '.aaaaaaaaaaaaaaaaaaaaaaaa');
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: forged });
		expect(r.kind === 'refused' && r.status).toBe(401);
	});

	it('lets a member in, with the same answer for either spelling of a same-origin request', async () => {
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		expect(r.kind).toBe('open');
		if (r.kind === 'open') {
			await until(() => r.messages.length > 0, 5000, 'sync step 1');
			expect(r.messages[0][0]).toBe(MESSAGE.sync);
			r.ws.close();
		}
	});
});

describe('editing together', () => {
	it('syncs a writer’s edits to the others and stores them with the author in the ledger', async () => {
		const a = client(brief, leader);
		const b = client(brief, writer);
		const o = client(brief, observer);
		await Promise.all([a.synced, b.synced, o.synced]);
		a.doc.getText('t').insert(0, 'Bakgrund: ');
		b.doc.getText('t').insert(textOf(b).length, 'fallolyckor ökar.');
		await until(() => textOf(o).includes('Bakgrund') && textOf(o).includes('fallolyckor'), 5000, 'observer receives');
		expect(textOf(a)).toBe(textOf(o));
		const ledger = await server.app.db.select().from(docLedger).where(eq(docLedger.docName, brief));
		const authors = new Set(ledger.map((r) => r.userId));
		expect(authors).toEqual(new Set([leader.id, writer.id]));
		expect(ledger.find((r) => r.userId === writer.id)?.organisationId).toBe(writer.organisationId);
	});

	it('drops an observer’s updates: not applied, not stored, not broadcast', async () => {
		const a = client(brief, leader);
		const o = client(brief, observer);
		await Promise.all([a.synced, o.synced]);
		const before = await server.app.db.select().from(docUpdates).where(eq(docUpdates.docName, brief));
		o.doc.getText('t').insert(0, 'OBSERVATÖREN SKRIVER ');
		// A marker from a writer after the observer's attempt: once it arrives, the attempt would have too.
		a.doc.getText('t').insert(textOf(a).length, ' [markör]');
		const fresh = client(brief, writer);
		await fresh.synced;
		await until(() => textOf(fresh).includes('[markör]'), 5000, 'marker');
		await new Promise((r) => setTimeout(r, 200));
		expect(textOf(a)).not.toContain('OBSERVATÖREN');
		expect(textOf(fresh)).not.toContain('OBSERVATÖREN');
		const inServer = await server.app.liveDocs!.read(brief, (d) => d.getText('t').toString());
		expect(inServer).not.toContain('OBSERVATÖREN');
		const after = await server.app.db.select().from(docUpdates).where(eq(docUpdates.docName, brief));
		expect(after.length).toBe(before.length + 1);
		const ledger = await server.app.db.select().from(docLedger).where(eq(docLedger.docName, brief));
		expect(ledger.some((r) => r.userId === observer.id)).toBe(false);
	});

	it('does not count merely opening a document as a contribution', async () => {
		const late = await makeUser(server.app, { organisationId: writer.organisationId, name: 'Sen Läsare' });
		await addMember(server.app, initiativeId, late.id, 'team');
		const c = client(brief, late);
		await c.synced;
		c.provider.disconnect();
		c.provider.connect();
		await until(() => c.provider.synced, 5000, 'resync');
		await new Promise((r) => setTimeout(r, 200));
		const ledger = await server.app.db.select().from(docLedger).where(eq(docLedger.docName, brief));
		expect(ledger.some((r) => r.userId === late.id)).toBe(false);
	});

	it('has stored every update a client received at the moment it arrives', async () => {
		const a = client(brief, writer);
		const b = client(brief, leader);
		await Promise.all([a.synced, b.synced]);
		const checks: Array<Promise<boolean>> = [];
		b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
			if (origin !== b.provider) return;
			const seen = textOf(b);
			checks.push(
				loadDocument(server.app.db, brief).then((stored) => {
					const d = new Y.Doc();
					if (stored.snapshot) Y.applyUpdate(d, stored.snapshot);
					for (const u of stored.updates) Y.applyUpdate(d, u);
					return d.getText('t').toString() === seen || d.getText('t').toString().length >= seen.length;
				})
			);
		});
		for (let i = 0; i < 20; i++) a.doc.getText('t').insert(0, `${i} `);
		await until(() => textOf(b).startsWith('19 '), 5000, 'all received');
		expect(checks.length).toBeGreaterThan(0);
		expect((await Promise.all(checks)).every(Boolean)).toBe(true);
	});
});

describe('presence', () => {
	it('carries the server-known name, whatever the client claims', async () => {
		const a = client(brief, writer);
		const b = client(brief, leader);
		await Promise.all([a.synced, b.synced]);
		a.provider.awareness.setLocalStateField('user', { name: 'Lena Processledare', color: '#aa3300' });
		const seen = await until(() => b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string; color?: string } } | undefined, 5000, 'presence');
		await until(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } })?.user?.name === 'Tomas Teammedlem', 5000, 'server name');
		const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user: { name: string; color?: string } };
		expect(seen).toBeTruthy();
		expect(state.user).toEqual({ name: 'Tomas Teammedlem', color: '#aa3300' });
	});

	it('ignores a client that tries to change another client’s presence', async () => {
		const victim = client(brief, leader);
		const watcher = client(brief, observer);
		await Promise.all([victim.synced, watcher.synced]);
		victim.provider.awareness.setLocalStateField('user', { color: '#112233' });
		await until(() => watcher.provider.awareness.getStates().has(victim.doc.clientID), 5000, 'victim presence');
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		if (r.kind !== 'open') throw new Error('expected open');
		const forged = new awarenessProtocol.Awareness(new Y.Doc());
		forged.clientID = victim.doc.clientID;
		forged.setLocalState({ user: { name: 'Förfalskad' } });
		// A clock far ahead, so a naive server would accept it.
		(forged.meta.get(victim.doc.clientID) as { clock: number }).clock = 1_000_000;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE.awareness);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(forged, [victim.doc.clientID]));
		r.ws.send(encoding.toUint8Array(e));
		await new Promise((res) => setTimeout(res, 300));
		const state = watcher.provider.awareness.getStates().get(victim.doc.clientID) as { user: { name: string } };
		expect(state.user.name).toBe('Lena Processledare');
		r.ws.close();
	});
});

describe('access changes close sockets', () => {
	it('closes a removed member’s socket within 5 seconds, finally (4403)', async () => {
		const member = await makeUser(server.app, { organisationId: writer.organisationId, name: 'Tillfällig Medlem' });
		await addMember(server.app, initiativeId, member.id, 'team');
		const c = client(brief, member);
		await c.synced;
		const t0 = Date.now();
		await removeMember(server.app, initiativeId, member.id);
		server.app.events.emit('access-changed', { initiativeId, userId: member.id, reason: 'member.removed' });
		await until(() => c.closes.length > 0, 5000, 'close');
		expect(Date.now() - t0).toBeLessThan(5000);
		expect(c.closes[0].code).toBe(CLOSE.forbidden);
		const again = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: member.cookie });
		expect(again.kind === 'refused' && again.status).toBe(403);
	});

	it('closes with "access changed" on a role change; the client reconnects read-only', async () => {
		const member = await makeUser(server.app, { organisationId: writer.organisationId, name: 'Byter Roll' });
		await addMember(server.app, initiativeId, member.id, 'team');
		const c = client(brief, member);
		const a = client(brief, leader);
		await Promise.all([c.synced, a.synced]);
		await setRole(server.app, initiativeId, member.id, 'observer');
		server.app.events.emit('access-changed', { initiativeId, userId: member.id, reason: 'member.role_changed' });
		await until(() => c.closes.length > 0, 5000, 'close');
		expect(c.closes[0].code).toBe(CLOSE.accessChanged);
		await until(() => c.provider.wsconnected && c.provider.synced, 5000, 'reconnected');
		c.doc.getText('t').insert(0, 'NU OBSERVATÖR ');
		a.doc.getText('t').insert(0, '[efter] ');
		await new Promise((r) => setTimeout(r, 300));
		expect(textOf(a)).not.toContain('NU OBSERVATÖR');
		const inServer = await server.app.liveDocs!.read(brief, (d) => d.getText('t').toString());
		expect(inServer).not.toContain('NU OBSERVATÖR');
	});

	it('closes a socket whose session ended (4401)', async () => {
		const session = await signIn(server.app, writer.id);
		const c = liveClient(server.url, brief, { cookie: session.cookie });
		open.push(c);
		await c.synced;
		server.app.events.emit('access-changed', { sessionId: session.sessionId, reason: 'logout' });
		await until(() => c.closes.length > 0, 5000, 'close');
		expect(c.closes[0].code).toBe(CLOSE.unauthenticated);
	});

	it('leaves sockets alone when the change does not affect their level', async () => {
		const c = client(brief, writer);
		await c.synced;
		server.app.events.emit('access-changed', { initiativeId, reason: 'phase.changed' });
		await new Promise((r) => setTimeout(r, 500));
		expect(c.closes).toEqual([]);
	});
});

describe('bad input closes one connection only', () => {
	async function bystander() {
		const a = client(brief, leader);
		const b = client(brief, writer);
		await Promise.all([a.synced, b.synced]);
		return { a, b };
	}

	async function stillSyncing(a: LiveClient, b: LiveClient, marker: string) {
		a.doc.getText('t').insert(0, marker);
		await until(() => textOf(b).includes(marker), 5000, `sync of ${marker}`);
	}

	it('closes on a malformed message (4400)', async () => {
		const { a, b } = await bystander();
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		if (r.kind !== 'open') throw new Error('expected open');
		r.ws.send(new Uint8Array([MESSAGE.sync, SYNC.update, 200, 1, 2]));
		expect((await r.closed).code).toBe(CLOSE.badMessage);
		await stillSyncing(a, b, '[efter trasigt meddelande] ');
	});

	it('closes on an update that does not decode', async () => {
		const { a, b } = await bystander();
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		if (r.kind !== 'open') throw new Error('expected open');
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE.sync);
		encoding.writeVarUint(e, SYNC.update);
		encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255]));
		r.ws.send(encoding.toUint8Array(e));
		expect((await r.closed).code).toBe(CLOSE.badMessage);
		await stillSyncing(a, b, '[efter trasig uppdatering] ');
	});

	it('closes on a frame with reserved bits set, and the process stays up', async () => {
		const { a, b } = await bystander();
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		if (r.kind !== 'open') throw new Error('expected open');
		// FIN + RSV1 + RSV2 + binary opcode, masked, one byte of payload.
		const socket = (r.ws as unknown as { _socket: import('node:net').Socket })._socket;
		socket.write(Buffer.from([0xf2, 0x81, 1, 2, 3, 4, 0]));
		const closed = await r.closed;
		expect(closed.code).not.toBe(1000);
		await stillSyncing(a, b, '[efter reserverade bitar] ');
	});

	it('closes on a message over the size limit (1 MiB)', async () => {
		const { a, b } = await bystander();
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		if (r.kind !== 'open') throw new Error('expected open');
		r.ws.send(new Uint8Array(1024 * 1024 + 10));
		expect((await r.closed).code).toBe(1009);
		await stillSyncing(a, b, '[efter för stort meddelande] ');
	});

	it('closes on a text frame', async () => {
		const r = await rawSocket(server.url, `/yjs/${brief}`, { origin: server.url, cookie: writer.cookie });
		if (r.kind !== 'open') throw new Error('expected open');
		r.ws.send('hej');
		expect((await r.closed).code).toBe(CLOSE.badMessage);
	});
});

describe('server-side changes and the contributors list', () => {
	it('applies a change made by domain code, stores it with its author and broadcasts it', async () => {
		const a = client(brief, writer);
		await a.synced;
		await server.app.liveDocs!.change(brief, { userId: leader.id, organisationId: leader.organisationId }, (d) => {
			d.getText('t').insert(0, '[från servern] ');
		});
		await until(() => textOf(a).includes('[från servern]'), 5000, 'server change');
	});

	it('feeds the contributors list from the ledger, for the buyer team only', async () => {
		const get = (user: TestUser) => fetch(`${server.url}/api/v1/docs/${brief}/contributors`, { headers: { cookie: user.cookie } });
		const res = await get(leader);
		expect(res.status).toBe(200);
		const list = (await res.json()) as Array<{ user: { id: string; name: string }; organisation: { name: string; kind: string }; updates: number }>;
		const byId = new Map(list.map((c) => [c.user.id, c]));
		expect(byId.get(writer.id)?.organisation).toMatchObject({ name: 'Skurups kommun', kind: 'buyer' });
		expect(byId.get(leader.id)?.updates).toBeGreaterThan(0);
		expect(byId.has(observer.id)).toBe(false);
		expect((await get(outsider)).status).toBe(404);
		expect((await get(supplier)).status).toBe(404);
		const unknown = await fetch(`${server.url}/api/v1/docs/nonsense/contributors`, { headers: { cookie: leader.cookie } });
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).error.code).toBe('not_found');
		expect((await fetch(`${server.url}/api/v1/docs/${brief}/contributors`)).status).toBe(401);
	});
});

describe('memory', () => {
	it('unloads a document when its last connection closes', async () => {
		const initiative = await makeInitiative(server.app, leader, 'Tillfälligt');
		const name = `brief.${initiative.id}`;
		const c = client(name, leader);
		await c.synced;
		c.doc.getText('t').insert(0, 'kvar efter avlastning');
		await until(() => registry().has(name), 2000, 'loaded');
		c.provider.disconnect();
		await until(() => !registry().has(name), 8000, 'unloaded');
		const again = client(name, writer.id === leader.id ? writer : leader);
		await again.synced;
		expect(textOf(again)).toBe('kvar efter avlastning');
	});
});
