/**
 * Accounts: sign-up (new organisation, or joining one by invitation), sign-in, sign-out,
 * password change, sessions and the "me" view. API endpoints and form actions both call these
 * functions, so a rule holds in one place whichever way a person comes in.
 *
 * Sign-in gives the same answer, after the same work (an argon2 verification against a dummy
 * hash), for an unknown address and a wrong password. Limits are in `ratelimit.ts`.
 * Auth events go to the log without secrets; account changes go to the platform journal.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { organisations, sessions, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import type { OrganisationKind } from '../db/schema/accounts.ts';
import type { UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { journalled } from '../audit/command.ts';
import { normaliseOrgNumber } from '../organisations/org-number.ts';
import { consumeInvitation, findOpenInvitation, invalidInvitation } from '../organisations/invitations.ts';
import { hashPassword, passwordProblem, PASSWORD_PROBLEM_MESSAGES, prepareDummy, verifyDummy, verifyPassword } from './password.ts';
import { limitersFor, loginRetryAfter, recordLoginFailure, recordLoginSuccess } from './ratelimit.ts';
import {
	createSession,
	deleteExpiredSessions,
	endDemoSessions,
	holdsPlatformAdmin,
	invalidateSession,
	invalidateUserSessions,
	isExpired,
	limitsFrom,
	listUserSessions,
	sessionIdOf,
	type Session
} from './session.ts';
import { failure, ok, type Failure, type Result } from './result.ts';
import type { LoginInput, PasswordChangeInput, SignupInput } from './schemas.ts';

void prepareDummy();

/** Where a request came from, stored with the session and used for limits. */
export interface RequestMeta {
	ip: string;
	userAgent?: string | null;
}

export interface PublicUser {
	id: string;
	email: string;
	name: string;
}

export interface PublicOrganisation {
	id: string;
	name: string;
	kind: OrganisationKind;
}

export interface SignedIn {
	user: PublicUser;
	token: string;
	session: Session;
}

const invalidCredentials = (): Failure => ({
	status: 401,
	code: 'invalid_credentials',
	message: 'Fel e-postadress eller lösenord.'
});

const rateLimited = (retryAfter: number): Failure => ({
	status: 429,
	code: 'rate_limited',
	message: `För många försök. Vänta ${retryAfter <= 60 ? 'en minut' : `${Math.ceil(retryAfter / 60)} minuter`} och försök igen.`,
	retryAfter
});

function weakPassword(password: string, field = 'password'): Failure | null {
	const problem = passwordProblem(password);
	if (!problem) return null;
	return { status: 400, code: 'weak_password', message: PASSWORD_PROBLEM_MESSAGES[problem], field, reason: problem };
}

const emailTaken = (): Failure => ({
	status: 409,
	code: 'email_taken',
	message: 'Det finns redan ett konto med den e-postadressen. Logga in i stället.',
	field: 'email'
});

/** Signals a failure found inside a transaction, so the transaction rolls back. */
class Abort extends Error {
	failure: Failure;
	constructor(f: Failure) {
		super(f.code);
		this.failure = f;
	}
}

export interface SignedUp extends SignedIn {
	organisation: PublicOrganisation;
	platformAdmin: boolean;
	orgAdmin: boolean;
}

/**
 * Creates an account and signs it in. With `organisation`, registers that organisation with
 * this person as its administrator (409 `org_number_taken` if it exists: ask its administrator
 * for an invitation). With `inviteToken`, joins the inviting organisation. The first account on
 * the installation (demo personas aside, unless one of them is already administrator) becomes
 * platform administrator; all sign-ups are
 * serialised by a transaction-scoped advisory lock, so two cannot both be first, and the
 * uniqueness checks cannot race either.
 */
export async function signup(app: App, input: SignupInput, meta: RequestMeta): Promise<Result<SignedUp>> {
	const limiter = limitersFor(app).signupIp;
	const wait = limiter.retryAfter(meta.ip);
	if (wait) {
		app.log.warn('auth.signup_limited', { ip: meta.ip });
		return failure(rateLimited(wait));
	}
	limiter.hit(meta.ip);

	if (input.organisation && input.inviteToken) {
		return failure({ status: 400, code: 'invalid_request', message: 'Ange antingen en ny organisation eller en inbjudan, inte båda.' });
	}
	if (!input.organisation && !input.inviteToken) {
		return failure({ status: 400, code: 'invalid_request', message: 'organisation: Uppgifter om organisationen saknas.', field: 'organisation' });
	}
	const weak = weakPassword(input.password);
	if (weak) return failure(weak);
	let orgNumber: string | null = null;
	if (input.organisation) {
		orgNumber = normaliseOrgNumber(input.organisation.orgNumber);
		if (!orgNumber) {
			return failure({
				status: 400,
				code: 'invalid_org_number',
				message: 'Organisationsnumret är inte giltigt. Skriv tio siffror, till exempel 212000-1355; kontrollsiffran stämmer inte eller formatet är fel.',
				field: 'organisation.orgNumber'
			});
		}
	}
	const passwordHash = await hashPassword(input.password);

	let created: { user: PublicUser; organisation: PublicOrganisation; platformAdmin: boolean; orgAdmin: boolean };
	try {
		created = await app.db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext('brygga:signup'))`);
			const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
			if (taken) throw new Abort(emailTaken());
			// Demo personas do not count as "accounts on the installation" and never administer it
			// (see holdsPlatformAdmin): the first real account becomes platform administrator, and
			// from then on one-click demo sign-in is closed (auth/demo.ts).
			const [anyone] = await tx.select({ id: users.id }).from(users).where(isNull(users.demoPersona)).limit(1);
			const platformAdmin = !anyone;

			let organisation: PublicOrganisation;
			let orgAdmin: boolean;
			if (input.organisation && orgNumber) {
				const [exists] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.orgNumber, orgNumber)).limit(1);
				if (exists) {
					throw new Abort({
						status: 409,
						code: 'org_number_taken',
						message: 'Organisationen finns redan i Brygga. Be organisationens administratör att bjuda in dig.',
						field: 'organisation.orgNumber'
					});
				}
				[organisation] = await tx
					.insert(organisations)
					.values({ name: input.organisation.name, kind: input.organisation.kind, orgNumber })
					.returning({ id: organisations.id, name: organisations.name, kind: organisations.kind });
				orgAdmin = true;
			} else {
				const invitation = await findOpenInvitation(tx, input.inviteToken ?? '');
				if (!invitation || invitation.email !== input.email) throw new Abort(invalidInvitation());
				if (!(await consumeInvitation(tx, invitation.id))) throw new Abort(invalidInvitation());
				const [org] = await tx
					.select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
					.from(organisations)
					.where(eq(organisations.id, invitation.organisationId));
				organisation = org;
				orgAdmin = false;
			}
			const [user] = await tx
				.insert(users)
				.values({ email: input.email, name: input.name, passwordHash, organisationId: organisation.id, orgAdmin, platformAdmin })
				.returning({ id: users.id, email: users.email, name: users.name });
			const actor = { userId: user.id, label: user.name };
			if (orgAdmin) {
				await audit.record(tx, {
					initiativeId: null,
					actor,
					action: 'organisation.registered',
					data: { organisationId: organisation.id, name: organisation.name, kind: organisation.kind, orgNumber }
				});
			}
			await audit.record(tx, {
				initiativeId: null,
				actor,
				action: input.inviteToken ? 'user.joined_by_invitation' : 'user.signed_up',
				data: { userId: user.id, organisationId: organisation.id, orgAdmin, platformAdmin }
			});
			return { user, organisation, platformAdmin, orgAdmin };
		});
	} catch (err) {
		if (err instanceof Abort) return failure(err.failure);
		throw err;
	}
	if (created.platformAdmin && app.config.demo && !app.config.DEMO_WITH_REAL_ACCOUNTS) {
		// The first real account closes the demo: visitors signed in as personas are signed out now.
		for (const userId of await endDemoSessions(app.db)) app.events.emit('access-changed', { userId, reason: 'demo_closed' });
	}
	const { token, session } = await createSession(app.db, created.user.id, limitsFrom(app.config), meta);
	app.log.info('auth.signup', { userId: created.user.id, organisationId: created.organisation.id, byInvitation: !!input.inviteToken, platformAdmin: created.platformAdmin });
	return ok({ ...created, token, session });
}

/**
 * Signs in with email and password and starts a new session. The session of `previousToken`
 * (the cookie the browser sent, if any) is ended: one sign-in, one fresh token (ASVS 7.2.4).
 */
export async function login(app: App, input: LoginInput, meta: RequestMeta & { previousToken?: string | null }): Promise<Result<SignedIn>> {
	const limiters = limitersFor(app);
	const email = input.email.trim().toLowerCase();
	const wait = loginRetryAfter(limiters, email, meta.ip);
	if (wait) {
		app.log.warn('auth.login_limited', { ip: meta.ip, retryAfter: wait });
		return failure(rateLimited(wait));
	}
	const [user] = await app.db
		.select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
		.from(users)
		.where(eq(users.email, email))
		.limit(1);
	const valid = user && !user.disabledAt ? await verifyPassword(user.passwordHash, input.password) : await verifyDummy(input.password);
	if (!user || !valid || user.disabledAt) {
		recordLoginFailure(limiters, email, meta.ip);
		app.log.warn('auth.login_failed', { ip: meta.ip, userId: user?.id ?? null, knownAccount: !!user });
		return failure(invalidCredentials());
	}
	recordLoginSuccess(limiters, email, meta.ip);
	await endPreviousSession(app, meta.previousToken, 'login');
	await sweepExpiredSessions(app);
	const { token, session } = await createSession(app.db, user.id, limitsFrom(app.config), meta);
	app.log.info('auth.login', { userId: user.id, ip: meta.ip });
	return ok({ user: { id: user.id, email: user.email, name: user.name }, token, session });
}

const lastSweep = new WeakMap<App, number>();
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Deletes expired sessions now and then (at most every 10 minutes, on a sign-in). */
async function sweepExpiredSessions(app: App): Promise<void> {
	const now = Date.now();
	if (now - (lastSweep.get(app) ?? 0) < SWEEP_INTERVAL_MS) return;
	lastSweep.set(app, now);
	const removed = await deleteExpiredSessions(app.db, limitsFrom(app.config));
	if (removed) app.log.debug('auth.sessions_swept', { removed });
}

/** Ends the session of the cookie a browser sent along with a new sign-in. */
export async function endPreviousSession(app: App, previousToken: string | null | undefined, reason: string) {
	const previous = previousToken ? sessionIdOf(previousToken) : null;
	if (!previous) return;
	await invalidateSession(app.db, previous);
	app.events.emit('access-changed', { sessionId: previous, reason });
}

/** Ends one session server-side and tells live sockets on it to close. */
export async function logout(app: App, session: { id: string; userId: string }): Promise<void> {
	await invalidateSession(app.db, session.id);
	app.events.emit('access-changed', { sessionId: session.id, reason: 'logout' });
	app.log.info('auth.logout', { userId: session.userId });
}

/**
 * Changes the password after checking the current one, then ends every other session of the
 * user and closes their live sockets (ASVS 7.4.3). Wrong current passwords count against the
 * same limits as failed sign-ins.
 */
export async function changePassword(
	app: App,
	opts: { actor: UserActor; sessionId: string; input: PasswordChangeInput; meta: RequestMeta }
): Promise<Result<{ endedSessions: number }>> {
	const { actor, sessionId, input, meta } = opts;
	const limiters = limitersFor(app);
	const [user] = await app.db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).limit(1);
	if (!user) return failure({ status: 401, code: 'unauthenticated', message: 'Du behöver logga in.' });
	const wait = loginRetryAfter(limiters, user.email, meta.ip);
	if (wait) return failure(rateLimited(wait));
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		recordLoginFailure(limiters, user.email, meta.ip);
		app.log.warn('auth.password_change_failed', { userId: actor.userId, ip: meta.ip });
		return failure({ status: 400, code: 'wrong_password', message: 'Det nuvarande lösenordet stämmer inte.', field: 'currentPassword' });
	}
	const weak = weakPassword(input.newPassword, 'newPassword');
	if (weak) return failure(weak);
	const passwordHash = await hashPassword(input.newPassword);
	const others = await app.db
		.select({ id: sessions.id })
		.from(sessions)
		.where(and(eq(sessions.userId, actor.userId), sql`${sessions.id} <> ${sessionId}`));
	await journalled(app.db, async (tx, journal) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
		await invalidateUserSessions(tx, actor.userId, sessionId);
		await journal({
			initiativeId: null,
			actor: { userId: actor.userId, label: actor.name },
			action: 'user.password_changed',
			data: { userId: actor.userId, endedSessions: others.length }
		});
	});
	app.events.emit('access-changed', { userId: actor.userId, reason: 'password_changed' });
	app.log.info('auth.password_changed', { userId: actor.userId, endedSessions: others.length });
	return ok({ endedSessions: others.length });
}

export interface SessionView {
	id: string;
	createdAt: Date;
	lastActiveAt: Date;
	userAgent: string | null;
	ip: string | null;
	current: boolean;
}

/** The user's sessions, the current one first, then by last use. */
export async function sessionsOf(app: App, userId: string, currentSessionId: string | null): Promise<SessionView[]> {
	const limits = limitsFrom(app.config);
	const rows = await listUserSessions(app.db, userId);
	return rows
		.filter((r) => !isExpired(r, limits))
		.map((r) => ({ ...r, current: r.id === currentSessionId }))
		.sort((a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt.getTime() - a.lastActiveAt.getTime());
}

/** Ends one of the user's own sessions; false when there is no such session of theirs. */
export async function revokeSession(app: App, opts: { userId: string; sessionId: string }): Promise<boolean> {
	const ended = await app.db
		.delete(sessions)
		.where(and(eq(sessions.id, opts.sessionId), eq(sessions.userId, opts.userId)))
		.returning({ id: sessions.id });
	if (!ended.length) return false;
	app.events.emit('access-changed', { sessionId: opts.sessionId, reason: 'session_revoked' });
	app.log.info('auth.session_revoked', { userId: opts.userId });
	return true;
}

/** Changes the display name. Live sockets are closed so presence picks up the new name. */
export async function updateProfile(app: App, opts: { actor: UserActor; name: string }): Promise<void> {
	await journalled(app.db, async (tx, journal) => {
		await tx.update(users).set({ name: opts.name }).where(eq(users.id, opts.actor.userId));
		await journal({
			initiativeId: null,
			actor: { userId: opts.actor.userId, label: opts.name },
			action: 'user.renamed',
			data: { userId: opts.actor.userId, from: opts.actor.name, to: opts.name }
		});
	});
	app.events.emit('access-changed', { userId: opts.actor.userId, reason: 'profile_changed' });
}

export interface Me {
	user: PublicUser & { platformAdmin: boolean; orgAdmin: boolean };
	organisation: PublicOrganisation & { orgNumber: string };
}

export async function me(db: Db, userId: string): Promise<Me | null> {
	const [row] = await db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			platformAdmin: users.platformAdmin,
			demoPersona: users.demoPersona,
			orgAdmin: users.orgAdmin,
			orgId: organisations.id,
			orgName: organisations.name,
			kind: organisations.kind,
			orgNumber: organisations.orgNumber
		})
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.id, userId))
		.limit(1);
	if (!row) return null;
	return {
		user: { id: row.id, email: row.email, name: row.name, platformAdmin: holdsPlatformAdmin(row), orgAdmin: row.orgAdmin },
		organisation: { id: row.orgId, name: row.orgName, kind: row.kind, orgNumber: row.orgNumber }
	};
}
