/**
 * Direct-to-database factories for the live-document tests: organisations, users with a
 * session cookie, initiatives and memberships, without going through the HTTP API.
 */
import { and, eq } from 'drizzle-orm';
import type { App } from '../../src/lib/server/app.ts';
import { initiatives, memberships, organisations, users } from '../../src/lib/server/db/schema/index.ts';
import type { Role } from '../../src/lib/server/db/schema/initiatives.ts';
import { createSession, limitsFrom, sessionCookie } from '../../src/lib/server/auth/session.ts';

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function orgNumber(): string {
	const digits = Array.from({ length: 10 }, () => Math.floor(Math.random() * 10)).join('');
	return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

export async function makeOrganisation(app: App, kind: 'buyer' | 'supplier' = 'buyer', name?: string) {
	const [org] = await app.db
		.insert(organisations)
		.values({ name: name ?? `${kind === 'buyer' ? 'Kommun' : 'Företag'} ${unique()}`, kind, orgNumber: orgNumber() })
		.returning();
	return org;
}

export interface TestUser {
	id: string;
	name: string;
	organisationId: string;
	/** `Cookie` header value carrying the user's session. */
	cookie: string;
	sessionId: string;
}

export async function makeUser(app: App, opts: { organisationId: string; name?: string }): Promise<TestUser> {
	const name = opts.name ?? `Person ${unique()}`;
	const [user] = await app.db
		.insert(users)
		.values({ email: `${unique()}@example.se`, name, passwordHash: 'not-used', organisationId: opts.organisationId })
		.returning();
	return { ...(await signIn(app, user.id)), id: user.id, name, organisationId: opts.organisationId };
}

/** A fresh session for a user, as a cookie header. */
export async function signIn(app: App, userId: string): Promise<{ cookie: string; sessionId: string }> {
	const { token, session } = await createSession(app.db, userId, limitsFrom(app.config));
	return { cookie: `${sessionCookie(app.config.secureCookies).name}=${token}`, sessionId: session.id };
}

export async function makeInitiative(app: App, createdBy: TestUser, title = 'Fallprevention i hemtjänsten') {
	const [row] = await app.db.insert(initiatives).values({ title, createdBy: createdBy.id }).returning();
	await addMember(app, row.id, createdBy.id, 'process_leader');
	return row;
}

export async function addMember(app: App, initiativeId: string, userId: string, role: Role) {
	await app.db.insert(memberships).values({ initiativeId, userId, role });
}

export async function setRole(app: App, initiativeId: string, userId: string, role: Role) {
	await app.db
		.update(memberships)
		.set({ role })
		.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, userId)));
}

export async function removeMember(app: App, initiativeId: string, userId: string) {
	await app.db.delete(memberships).where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, userId)));
}
