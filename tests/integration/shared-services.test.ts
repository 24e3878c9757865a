/**
 * The shared services that the market-side capabilities (RFI rounds, tenders, sprints, pilots)
 * build on, through the real server: scheduled work from the durable schedule with an injected
 * clock, notifications with their mail over a real SMTP socket, and files checked by content and
 * served only as attachments through their purpose's policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { until } from '../helpers/live.ts';
import { makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import * as jobs from '../../src/lib/server/jobs/index.ts';
import * as notifications from '../../src/lib/server/notifications/index.ts';
import * as files from '../../src/lib/server/files/index.ts';
import { auditLog, files as filesTable, jobs as jobsTable, notifications as notificationsTable, outbox } from '../../src/lib/server/db/schema/index.ts';

let server: TestServer;
let smtp: SmtpSink;
const clock = new ManualClock('2026-12-07T09:00:00Z');

beforeAll(async () => {
	smtp = await startSmtpSink();
	// A long interval: the test drives the runner itself with `jobs.runDue` after moving the clock.
	server = await startTestServer({ SMTP_URL: smtp.url, JOBS_INTERVAL_SECONDS: '3600', FILES_MAX_BYTES: '65536' }, { clock });
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

const client = (user: TestUser) => {
	const c = new Client(server.url);
	const [name, value] = user.cookie.split('=');
	c.setCookie(name, value);
	return c;
};

describe('scheduled work', () => {
	it('runs a job once when the injected clock reaches it, and never again', async () => {
		const app = server.app;
		const seen: string[] = [];
		jobs.registerJob('test.remind', async ({ tx, job, now }) => {
			seen.push(`${job.payload.what}@${now.toISOString()}`);
			await tx.insert(outbox).values({ to: 'log@example.se', subject: `påminnelse ${job.payload.what}`, body: '' });
		});
		await app.db.transaction((tx) => jobs.schedule(tx, { kind: 'test.remind', key: 'test:a', runAt: new Date('2026-12-07T10:00:00Z'), payload: { what: 'a' } }));
		expect(await jobs.runDue(app)).toBe(0);
		clock.set('2026-12-07T10:00:00Z');
		// Two runners at once, as two processes would: the row lock lets only one take the job.
		const [a, b] = await Promise.all([jobs.runDue(app), jobs.runDue(app)]);
		expect(a + b).toBe(1);
		expect(await jobs.runDue(app)).toBe(0);
		expect(seen).toEqual(['a@2026-12-07T10:00:00.000Z']);
		const mails = await app.db.select().from(outbox).where(eq(outbox.subject, 'påminnelse a'));
		expect(mails).toHaveLength(1);
	});

	it('moves a pending job when it is scheduled again, and leaves one that already ran', async () => {
		const app = server.app;
		const ran: string[] = [];
		jobs.registerJob('test.move', async ({ job }) => void ran.push(String(job.payload.n)));
		await app.db.transaction((tx) => jobs.schedule(tx, { kind: 'test.move', key: 'test:move', runAt: new Date('2026-12-07T12:00:00Z'), payload: { n: 1 } }));
		await app.db.transaction((tx) => jobs.schedule(tx, { kind: 'test.move', key: 'test:move', runAt: new Date('2026-12-07T11:00:00Z'), payload: { n: 2 } }));
		clock.set('2026-12-07T11:00:00Z');
		await jobs.runDue(app);
		expect(ran).toEqual(['2']);
		await app.db.transaction((tx) => jobs.schedule(tx, { kind: 'test.move', key: 'test:move', runAt: new Date('2026-12-07T11:30:00Z'), payload: { n: 3 } }));
		clock.set('2026-12-07T12:00:00Z');
		await jobs.runDue(app);
		expect(ran).toEqual(['2']);
	});

	it('rolls back a failing job’s writes and tries it again later with backoff', async () => {
		const app = server.app;
		let calls = 0;
		jobs.registerJob('test.flaky', async ({ tx }) => {
			calls++;
			await tx.insert(outbox).values({ to: 'flaky@example.se', subject: `försök ${calls}`, body: '' });
			if (calls === 1) throw new Error('mail server away');
		});
		await app.db.transaction((tx) => jobs.schedule(tx, { kind: 'test.flaky', key: 'test:flaky', runAt: clock.now() }));
		await jobs.runDue(app);
		const [row] = await app.db.select().from(jobsTable).where(eq(jobsTable.key, 'test:flaky'));
		expect(row.doneAt).toBeNull();
		expect(row.lastError).toBe('mail server away');
		expect(await app.db.select().from(outbox).where(eq(outbox.to, 'flaky@example.se'))).toHaveLength(0);
		expect(await jobs.runDue(app)).toBe(0);
		clock.advance(jobs.retryDelayMs(1));
		await jobs.runDue(app);
		const sent = await app.db.select().from(outbox).where(eq(outbox.to, 'flaky@example.se'));
		expect(sent.map((m) => m.subject)).toEqual(['försök 2']);
	});

	it('cancels the pending jobs of a prefix only', async () => {
		const app = server.app;
		jobs.registerJob('test.cancel', async () => {});
		await app.db.transaction(async (tx) => {
			await jobs.schedule(tx, { kind: 'test.cancel', key: 'rfi_x:1', runAt: clock.now() });
			await jobs.schedule(tx, { kind: 'test.cancel', key: 'rfi_x:2', runAt: clock.now() });
			await jobs.schedule(tx, { kind: 'test.cancel', key: 'rfi_y:1', runAt: clock.now() });
		});
		await app.db.transaction((tx) => jobs.cancel(tx, 'rfi_x:'));
		const left = await app.db.select({ key: jobsTable.key }).from(jobsTable).where(eq(jobsTable.kind, 'test.cancel'));
		expect(left.map((r) => r.key)).toEqual(['rfi_y:1']);
	});
});

describe('notifications', () => {
	notifications.registerNotification('test.published', {
		sv: (d) => ({ title: `Nytt svar i ${d.round}`, body: 'Ett förtydligande har publicerats till alla.' }),
		en: (d) => ({ title: `New answer in ${d.round}`, body: 'A clarification was published to everyone.' })
	});

	it('reach the bell and the mail of every recipient exactly when the change commits', async () => {
		const app = server.app;
		const org = await makeOrganisation(app, 'supplier');
		const a = await makeUser(app, { organisationId: org.id });
		const b = await makeUser(app, { organisationId: org.id });
		await expect(
			app.db.transaction(async (tx) => {
				await notifications.notify(app, tx, { userIds: [a.id], kind: 'test.published', data: { round: 'Återkopplingen' } });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await app.db.select().from(notificationsTable).where(eq(notificationsTable.userId, a.id))).toHaveLength(0);

		const before = smtp.mails.length;
		await app.db.transaction((tx) =>
			notifications.notify(app, tx, { userIds: [a.id, b.id, a.id], kind: 'test.published', data: { round: 'RFI Fallsensorer' }, link: '/notifications' })
		);
		await app.mailer.flush();
		await until(() => smtp.mails.length >= before + 2, 5000, 'two mails');
		expect(smtp.mails.length).toBe(before + 2);
		expect(smtp.mails.slice(before).map((m) => m.data).join('\n')).toContain('RFI Fallsensorer');
		// Sent once: a second flush finds nothing queued.
		expect(await app.mailer.flush()).toBe(0);

		const res = await client(a).get('/api/v1/notifications');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.unread).toBe(1);
		expect(body.items[0]).toMatchObject({ title: 'Nytt svar i RFI Fallsensorer', link: '/notifications', readAt: null });
		const en = await (await client(a).get('/api/v1/notifications?lang=en')).json();
		expect(en.items[0].title).toBe('New answer in RFI Fallsensorer');
	});

	it('are read only by their own user: another user’s id is 404 and changes nothing', async () => {
		const app = server.app;
		const org = await makeOrganisation(app, 'buyer');
		const a = await makeUser(app, { organisationId: org.id });
		const b = await makeUser(app, { organisationId: org.id });
		await app.db.transaction((tx) => notifications.notify(app, tx, { userIds: [a.id], kind: 'test.published', data: { round: 'X' }, mail: false }));
		const [mine] = (await (await client(a).get('/api/v1/notifications')).json()).items;
		expect((await client(b).post(`/api/v1/notifications/${mine.id}/read`)).status).toBe(404);
		expect((await client(b).post('/api/v1/notifications/not-a-uuid/read')).status).toBe(404);
		expect((await (await client(a).get('/api/v1/notifications')).json()).unread).toBe(1);
		const read = await client(a).post(`/api/v1/notifications/${mine.id}/read`);
		expect(await read.json()).toEqual({ unread: 0 });
		expect((await new Client(server.url).get('/api/v1/notifications')).status).toBe(401);
	});
});

describe('files', () => {
	/** A purpose for this test: owners are organisations; only that organisation's users add and read. */
	files.registerFilePurpose('test_org_files', {
		async authorizeUpload(_app, actor, ownerId) {
			return { verdict: actor.organisationId === ownerId ? 'ok' : 'not_found', initiativeId: null };
		},
		async authorizeRead(_app, actor, file) {
			return actor.kind === 'user' && actor.organisationId === file.ownerId ? 'ok' : 'not_found';
		}
	});

	const upload = (c: Client, ownerId: string, name: string, bytes: Uint8Array, purpose = 'test_org_files') => {
		const form = new FormData();
		form.set('purpose', purpose);
		form.set('ownerId', ownerId);
		form.set('file', new Blob([bytes as BlobPart]), name);
		return fetch(`${server.url}/api/v1/files`, { method: 'POST', body: form, headers: { cookie: c.cookieHeader(), origin: server.url } });
	};

	it('stores an accepted upload with its SHA-256, journalled, and serves it only as an attachment', async () => {
		const app = server.app;
		const org = await makeOrganisation(app, 'supplier');
		const user = await makeUser(app, { organisationId: org.id });
		const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w>Svar</w>') });
		const res = await upload(client(user), org.id, 'Bilaga 1 – svar.docx', docx);
		expect(res.status).toBe(201);
		const stored = await res.json();
		const expectedHash = Buffer.from(await crypto.subtle.digest('SHA-256', docx)).toString('hex');
		expect(stored).toMatchObject({ name: 'Bilaga 1 – svar.docx', size: docx.length, sha256: expectedHash });
		expect(stored.mediaType).toContain('wordprocessingml');
		const [entry] = await app.db.select().from(auditLog).where(and(eq(auditLog.action, 'file.uploaded'), eq(auditLog.actorUserId, user.id)));
		expect(entry.data).toMatchObject({ fileId: stored.id, sha256: expectedHash });

		const got = await client(user).get(`/api/v1/files/${stored.id}`);
		expect(got.status).toBe(200);
		expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="Bilaga 1 _ svar.docx"; filename\*=UTF-8''Bilaga%201%20%E2%80%93%20svar\.docx$/);
		expect(got.headers.get('x-content-type-options')).toBe('nosniff');
		expect(got.headers.get('content-security-policy')).toContain('sandbox');
		expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(docx))).toBe(true);
	});

	it('refuses HTML and SVG named as PDF, empty and too large files, with Swedish messages', async () => {
		const app = server.app;
		const org = await makeOrganisation(app, 'supplier');
		const user = await makeUser(app, { organisationId: org.id });
		const html = await upload(client(user), org.id, 'offert.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'));
		expect(html.status).toBe(415);
		expect((await html.json()).error).toMatchObject({ code: 'file_type_not_allowed' });
		const svg = await upload(client(user), org.id, 'logo.png', new TextEncoder().encode('<svg onload="alert(1)"/>'));
		expect(svg.status).toBe(415);
		const empty = await upload(client(user), org.id, 'tom.txt', new Uint8Array());
		expect([400, 415]).toContain(empty.status);
		const big = await upload(client(user), org.id, 'stor.txt', new TextEncoder().encode('a'.repeat(70_000)));
		expect(big.status).toBe(413);
		expect((await big.json()).error.message).toContain('för stor');
		const json = await client(user).post('/api/v1/files', { purpose: 'test_org_files' });
		expect(json.status).toBe(415);
		expect(await app.db.select().from(filesTable).where(eq(filesTable.ownerId, org.id))).toHaveLength(0);
	});

	it('never lets another organisation add to or read an owner’s files, nor learn they exist', async () => {
		const app = server.app;
		const mine = await makeOrganisation(app, 'supplier');
		const theirs = await makeOrganisation(app, 'supplier');
		const owner = await makeUser(app, { organisationId: mine.id });
		const other = await makeUser(app, { organisationId: theirs.id });
		const res = await upload(client(owner), mine.id, 'svar.txt', new TextEncoder().encode('Hemlig kalkyl 4711'));
		const { id } = await res.json();
		expect((await client(other).get(`/api/v1/files/${id}`)).status).toBe(404);
		expect((await new Client(server.url).get(`/api/v1/files/${id}`)).status).toBe(404);
		expect((await upload(client(other), mine.id, 'x.txt', new TextEncoder().encode('intrång'))).status).toBe(404);
		expect((await upload(client(other), mine.id, 'x.txt', new TextEncoder().encode('okänt'), 'no_such_purpose')).status).toBe(404);
	});
});
