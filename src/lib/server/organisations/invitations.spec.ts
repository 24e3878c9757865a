import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { organisationInvitations, outbox } from '../db/schema/index.ts';
import * as accounts from '../auth/accounts.ts';
import type { UserActor } from '../access/policy.ts';
import { consumeInvitation, findOpenInvitation, hashInvitationToken, INVITATION_TTL_MS, inviteColleague } from './invitations.ts';

let app: App;
let admin: UserActor;

beforeAll(async () => {
	app = await createApp({ config: loadConfig({ DATA_DIR: 'memory://', DEMO: 'false', LOG_LEVEL: 'error' }) });
	const r = await accounts.signup(
		app,
		{ email: 'admin@trelleborg.se', password: 'ett långt och bra lösenord', name: 'Tora Admin', organisation: { name: 'Trelleborgs kommun', kind: 'buyer', orgNumber: '212000-1355' } },
		{ ip: '10.0.0.1' }
	);
	if (!r.ok) throw new Error(r.failure.code);
	admin = { kind: 'user', userId: r.value.user.id, name: 'Tora Admin', organisationId: r.value.organisation.id, organisationKind: 'buyer', orgAdmin: true, platformAdmin: true };
}, 60_000);
afterAll(async () => {
	await app?.close();
});

const tokenOf = (url: string) => url.split('/').at(-1)!;

describe('organisation invitations', () => {
	it('carry 256 random bits in the link and store only their SHA-256', async () => {
		const r = await inviteColleague(app, { actor: admin, email: 'Kollega@Trelleborg.se', origin: 'https://brygga.example/' });
		if (!r.ok) throw new Error(r.failure.code);
		expect(r.value.inviteUrl).toMatch(/^https:\/\/brygga\.example\/invite\/[A-Za-z0-9_-]{43}$/);
		const token = tokenOf(r.value.inviteUrl);
		expect(decodeBase64urlIgnorePadding(token).length).toBe(32);
		const [row] = await app.db.select().from(organisationInvitations).where(eq(organisationInvitations.id, r.value.id));
		expect(row.tokenHash).toBe(hashInvitationToken(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row.email).toBe('kollega@trelleborg.se');
	});

	it('expire after 7 days: found 1 s before, not 1 s after', async () => {
		const r = await inviteColleague(app, { actor: admin, email: 'sju@trelleborg.se', origin: 'http://x' });
		if (!r.ok) throw new Error(r.failure.code);
		const token = tokenOf(r.value.inviteUrl);
		const expires = r.value.expiresAt.getTime();
		expect(expires - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
		expect(await findOpenInvitation(app.db, token, new Date(expires - 1_000))).not.toBeNull();
		expect(await findOpenInvitation(app.db, token, new Date(expires + 1_000))).toBeNull();
	});

	it('can be used once only', async () => {
		const r = await inviteColleague(app, { actor: admin, email: 'en-gang@trelleborg.se', origin: 'http://x' });
		if (!r.ok) throw new Error(r.failure.code);
		const open = await findOpenInvitation(app.db, tokenOf(r.value.inviteUrl));
		expect(open).not.toBeNull();
		expect(await consumeInvitation(app.db, open!.id)).toBe(true);
		expect(await consumeInvitation(app.db, open!.id)).toBe(false);
		expect(await findOpenInvitation(app.db, tokenOf(r.value.inviteUrl))).toBeNull();
	});

	it('send a Swedish mail with an English line through the outbox', async () => {
		const r = await inviteColleague(app, { actor: admin, email: 'brev@trelleborg.se', origin: 'http://x' });
		if (!r.ok) throw new Error(r.failure.code);
		const [mail] = await app.db.select().from(outbox).where(eq(outbox.to, 'brev@trelleborg.se'));
		expect(mail.subject).toBe('Inbjudan till Trelleborgs kommun i Brygga');
		expect(mail.body).toContain('Tora Admin har bjudit in dig');
		expect(mail.body).toContain(r.value.inviteUrl);
		expect(mail.body).toContain('In English:');
	});

	it('are refused for an address that already has an account', async () => {
		const r = await inviteColleague(app, { actor: admin, email: 'admin@trelleborg.se', origin: 'http://x' });
		expect(!r.ok && r.failure.code).toBe('email_taken');
	});

	it('ignore tokens of the wrong shape without asking the database', async () => {
		expect(await findOpenInvitation(app.db, "' or 1=1 --")).toBeNull();
		expect(await findOpenInvitation(app.db, '')).toBeNull();
	});
});
