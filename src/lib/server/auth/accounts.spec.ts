import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { auditLog, organisations, users } from '../db/schema/index.ts';
import type { AccessChanged } from '../events.ts';
import * as accounts from './accounts.ts';
import * as demo from './demo.ts';
import { luhnCheckDigit } from '../organisations/org-number.ts';

const PASSWORD = 'tre röda stugor vid sjön';
let app: App;
let seq = 0;

function orgNumber(): string {
	const nine = String(556_000_000 + ++seq * 1_013).slice(0, 9);
	return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

const meta = (ip = '10.0.0.1') => ({ ip, userAgent: 'vitest' });

function input(overrides: Partial<Parameters<typeof accounts.signup>[1]> = {}) {
	return {
		email: `p${++seq}@example.se`,
		password: PASSWORD,
		name: 'Person',
		organisation: { name: 'Ystads kommun', kind: 'buyer' as const, orgNumber: orgNumber() },
		...overrides
	};
}

beforeAll(async () => {
	app = await createApp({ config: loadConfig({ DATA_DIR: 'memory://', DEMO: 'false', LOG_LEVEL: 'error' }) });
}, 60_000);
afterAll(async () => {
	await app?.close();
});

describe('sign-up', () => {
	it('makes exactly one platform administrator when the first sign-ups arrive at once, and ignores demo personas', async () => {
		const [org] = await app.db.insert(organisations).values({ name: 'Demokommunen', kind: 'buyer', orgNumber: orgNumber() }).returning();
		await app.db
			.insert(users)
			.values({ email: 'demo-pl@example.se', name: 'Demo', passwordHash: 'x', organisationId: org.id, demoPersona: 'process_leader' });
		const results = await Promise.all(Array.from({ length: 5 }, () => accounts.signup(app, input(), meta())));
		const admins = results.filter((r) => r.ok && r.value.platformAdmin);
		expect(results.every((r) => r.ok)).toBe(true);
		expect(admins).toHaveLength(1);
	});

	it('makes nobody platform administrator by signing up when one already exists (e.g. a seeded demo)', async () => {
		const r = await accounts.signup(app, input(), meta());
		expect(r.ok && r.value.platformAdmin).toBe(false);
	});

	it('makes the registering person administrator of the new organisation and journals it', async () => {
		const r = await accounts.signup(app, input({ name: 'Greta' }), meta());
		if (!r.ok) throw new Error(r.failure.code);
		expect(r.value.orgAdmin).toBe(true);
		const rows = await app.db.select().from(auditLog).where(eq(auditLog.actorUserId, r.value.user.id));
		expect(rows.map((x) => x.action).sort()).toEqual(['organisation.registered', 'user.signed_up']);
		expect(JSON.stringify(rows)).not.toContain(PASSWORD);
	});

	it('stores the password as an argon2id hash, never in clear', async () => {
		const r = await accounts.signup(app, input(), meta());
		if (!r.ok) throw new Error(r.failure.code);
		const [row] = await app.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, r.value.user.id));
		expect(row.hash.startsWith('$argon2id$')).toBe(true);
		expect(row.hash).not.toContain(PASSWORD);
	});

	it('explains why a password is refused', async () => {
		const short = await accounts.signup(app, input({ password: 'elva tecken' }), meta());
		expect(!short.ok && short.failure).toMatchObject({ status: 400, code: 'weak_password', reason: 'too_short' });
		const common = await accounts.signup(app, input({ password: 'passwordpassword' }), meta());
		expect(!common.ok && common.failure).toMatchObject({ code: 'weak_password', reason: 'common' });
	});

	it('limits sign-up attempts per address', async () => {
		const ip = '192.0.2.50';
		let limited = 0;
		for (let i = 0; i < 61; i++) {
			const r = await accounts.signup(app, input({ password: 'x' }), meta(ip));
			if (!r.ok && r.failure.code === 'rate_limited') limited++;
		}
		expect(limited).toBe(1);
	});
});

describe('sign-in and sign-out', () => {
	it('ends the previous session of the browser and tells live sockets', async () => {
		const r = await accounts.signup(app, input(), meta());
		if (!r.ok) throw new Error(r.failure.code);
		const events: AccessChanged[] = [];
		const listener = (e: AccessChanged) => events.push(e);
		app.events.on('access-changed', listener);
		try {
			const login = await accounts.login(app, { email: r.value.user.email, password: PASSWORD }, { ...meta(), previousToken: r.value.token });
			expect(login.ok).toBe(true);
			expect(events).toContainEqual({ sessionId: r.value.session.id, reason: 'login' });
			if (!login.ok) return;
			await accounts.logout(app, login.value.session);
			expect(events).toContainEqual({ sessionId: login.value.session.id, reason: 'logout' });
		} finally {
			app.events.off('access-changed', listener);
		}
	});

	it('gives a disabled user the same answer as a wrong password', async () => {
		const r = await accounts.signup(app, input(), meta());
		if (!r.ok) throw new Error(r.failure.code);
		await app.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, r.value.user.id));
		const login = await accounts.login(app, { email: r.value.user.email, password: PASSWORD }, meta('10.9.9.9'));
		expect(!login.ok && login.failure.code).toBe('invalid_credentials');
	});

	it('closes the user’s sockets after a password change', async () => {
		const r = await accounts.signup(app, input(), meta());
		if (!r.ok) throw new Error(r.failure.code);
		const events: AccessChanged[] = [];
		const listener = (e: AccessChanged) => events.push(e);
		app.events.on('access-changed', listener);
		try {
			const actor = { kind: 'user' as const, userId: r.value.user.id, name: 'Person', organisationId: r.value.organisation.id, organisationKind: 'buyer' as const, orgAdmin: true, platformAdmin: false };
			const changed = await accounts.changePassword(app, {
				actor,
				sessionId: r.value.session.id,
				input: { currentPassword: PASSWORD, newPassword: 'ett nytt och längre lösenord' },
				meta: meta()
			});
			expect(changed.ok).toBe(true);
			expect(events).toContainEqual({ userId: r.value.user.id, reason: 'password_changed' });
		} finally {
			app.events.off('access-changed', listener);
		}
	});
});

describe('demo personas', () => {
	it('are neither listed nor usable when demo mode is off', async () => {
		expect(await demo.listPersonas(app)).toEqual([]);
		const r = await demo.loginAsPersona(app, 'process_leader', meta());
		expect(!r.ok && r.failure.status).toBe(404);
	});

	it('are listed in persona order and sign in with one click where demo accounts may live beside real ones', async () => {
		const demoApp = { ...app, config: { ...app.config, demo: true, DEMO_WITH_REAL_ACCOUNTS: true } } as App;
		const personas = await demo.listPersonas(demoApp);
		expect(personas.map((p) => p.persona)).toEqual(['process_leader']);
		const r = await demo.loginAsPersona(demoApp, 'process_leader', meta());
		expect(r.ok && r.value.user.email).toBe('demo-pl@example.se');
		expect((await demo.loginAsPersona(demoApp, 'nobody', meta())).ok).toBe(false);
	});

	it('close as soon as a real account exists: not listed, and one-click sign-in is refused with a reason', async () => {
		// This installation already has the real accounts signed up above.
		const demoApp = { ...app, config: { ...app.config, demo: true } } as App;
		expect(await demo.demoSignIn(demoApp)).toBe('closed');
		expect(await demo.listPersonas(demoApp)).toEqual([]);
		const r = await demo.loginAsPersona(demoApp, 'process_leader', meta());
		expect(!r.ok && r.failure).toMatchObject({ status: 403, code: 'demo_closed' });
	});

	it('never administer the platform, even when their row says so', async () => {
		await app.db.update(users).set({ platformAdmin: true }).where(eq(users.email, 'demo-pl@example.se'));
		const [row] = await app.db.select({ id: users.id }).from(users).where(eq(users.email, 'demo-pl@example.se'));
		const me = await accounts.me(app.db, row.id);
		expect(me?.user.platformAdmin).toBe(false);
	});
});
