/**
 * Accounts as platform administrators see them: the list, and turning an account off and on.
 * A disabled account cannot sign in (the same answer as a wrong password), its sessions end at
 * once and its live connections close; nothing it wrote is removed, and its contributions stay
 * in every ledger and register. The caller has asked the policy that the actor administers
 * `users`. Every change is journalled.
 */
import { asc, eq } from 'drizzle-orm';
import { organisations, users } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import type { OrganisationKind } from '../db/schema/accounts.ts';
import * as audit from '../audit/index.ts';
import { holdsPlatformAdmin, invalidateUserSessions } from './session.ts';
import { failure, ok, type Result } from './result.ts';

export interface AccountRow {
	id: string;
	name: string;
	email: string;
	organisation: { id: string; name: string; kind: OrganisationKind };
	orgAdmin: boolean;
	platformAdmin: boolean;
	demo: boolean;
	disabledAt: Date | null;
	createdAt: Date;
}

/** Every account, by organisation and name. */
export async function listAccounts(app: App): Promise<AccountRow[]> {
	const rows = await app.db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			orgId: organisations.id,
			orgName: organisations.name,
			orgKind: organisations.kind,
			orgAdmin: users.orgAdmin,
			platformAdmin: users.platformAdmin,
			demoPersona: users.demoPersona,
			disabledAt: users.disabledAt,
			createdAt: users.createdAt
		})
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.orderBy(asc(organisations.name), asc(users.name));
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		organisation: { id: r.orgId, name: r.orgName, kind: r.orgKind },
		orgAdmin: r.orgAdmin,
		platformAdmin: holdsPlatformAdmin(r),
		demo: r.demoPersona !== null,
		disabledAt: r.disabledAt,
		createdAt: r.createdAt
	}));
}

/**
 * Disables (`disabled: true`) or enables an account. 404 for no such account; an administrator
 * cannot disable their own account (nobody could then turn it back on from the same seat).
 */
export async function setAccountDisabled(
	app: App,
	opts: { actor: UserActor; userId: string; disabled: boolean }
): Promise<Result<{ id: string; disabledAt: Date | null }>> {
	const { actor, userId, disabled } = opts;
	if (disabled && userId === actor.userId) {
		return failure({ status: 400, code: 'cannot_disable_self', message: 'Du kan inte stänga av ditt eget konto.' });
	}
	const [user] = await app.db.select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).limit(1);
	if (!user) return failure({ status: 404, code: 'not_found', message: 'Det finns ingen sådan användare.' });
	// Already in the asked-for state: nothing to change or journal.
	if (disabled === (user.disabledAt !== null)) return ok({ id: user.id, disabledAt: user.disabledAt });
	const disabledAt = disabled ? new Date() : null;
	await app.db.transaction(async (tx) => {
		await tx.update(users).set({ disabledAt }).where(eq(users.id, userId));
		if (disabled) await invalidateUserSessions(tx, userId);
		await audit.record(tx, {
			initiativeId: null,
			actor: { userId: actor.userId, label: actor.name },
			action: disabled ? 'user.disabled' : 'user.enabled',
			data: { userId, name: user.name, email: user.email }
		});
	});
	if (disabled) app.events.emit('access-changed', { userId, reason: 'user_disabled' });
	app.log.info(disabled ? 'auth.user_disabled' : 'auth.user_enabled', { by: actor.userId, userId });
	return ok({ id: userId, disabledAt });
}
