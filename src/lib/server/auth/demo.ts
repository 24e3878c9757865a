/**
 * Demo personas: accounts the demo seed marks with `demo_persona`, offered on the login page in
 * demo mode as one-click sign-ins, so a visitor can see one initiative through each role's eyes.
 * Outside demo mode nothing here works, and once a real account exists the doors close: the check
 * is made again on every sign-in. Personas never administer the platform (session.holdsPlatformAdmin).
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { organisations, users } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import { createSession, limitsFrom } from './session.ts';
import { failure, ok, type Result } from './result.ts';
import { endPreviousSession, type RequestMeta, type SignedIn } from './accounts.ts';

/** The personas the seed creates, in the order the login page lists them. */
export const DEMO_PERSONAS = ['process_leader', 'team', 'observer', 'supplier_a', 'supplier_b'] as const;
export type DemoPersona = (typeof DEMO_PERSONAS)[number];

export interface PersonaView {
	persona: DemoPersona;
	name: string;
	organisation: string;
	organisationKind: 'buyer' | 'supplier';
}

export function isDemoPersona(value: unknown): value is DemoPersona {
	return typeof value === 'string' && (DEMO_PERSONAS as readonly string[]).includes(value);
}

/**
 * Whether one-click sign-in is open: `off` outside demo mode; `closed` once a real (non-demo)
 * account exists, so a visitor who clicks a persona can never share an installation with real
 * people's accounts, initiatives and mail (unless DEMO_WITH_REAL_ACCOUNTS keeps it open on a
 * test or training installation); otherwise `open`.
 */
export async function demoSignIn(app: App): Promise<'off' | 'open' | 'closed'> {
	if (!app.config.demo) return 'off';
	if (app.config.DEMO_WITH_REAL_ACCOUNTS) return 'open';
	const [real] = await app.db.select({ id: users.id }).from(users).where(isNull(users.demoPersona)).limit(1);
	return real ? 'closed' : 'open';
}

/** The seeded personas (none unless one-click sign-in is open). */
export async function listPersonas(app: App): Promise<PersonaView[]> {
	if ((await demoSignIn(app)) !== 'open') return [];
	const rows = await app.db
		.select({ persona: users.demoPersona, name: users.name, organisation: organisations.name, organisationKind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(isNotNull(users.demoPersona), isNull(users.disabledAt)));
	return rows
		.filter((r): r is PersonaView => isDemoPersona(r.persona))
		.sort((a, b) => DEMO_PERSONAS.indexOf(a.persona) - DEMO_PERSONAS.indexOf(b.persona));
}

/** Signs in as a persona; refused (404) unless demo mode is on and the persona exists. */
export async function loginAsPersona(
	app: App,
	persona: string,
	meta: RequestMeta & { previousToken?: string | null }
): Promise<Result<SignedIn>> {
	const refused = failure({ status: 404, code: 'not_found', message: 'Demoinloggning finns bara i demoläge.' });
	const state = await demoSignIn(app);
	if (state === 'closed') {
		return failure({
			status: 403,
			code: 'demo_closed',
			message: 'Demoinloggningen är avstängd eftersom det finns riktiga konton i den här installationen. Logga in med e-post och lösenord.'
		});
	}
	if (state === 'off' || !isDemoPersona(persona)) return refused;
	const [user] = await app.db
		.select({ id: users.id, email: users.email, name: users.name })
		.from(users)
		.where(and(eq(users.demoPersona, persona), isNull(users.disabledAt)))
		.limit(1);
	if (!user) return refused;
	await endPreviousSession(app, meta.previousToken, 'login');
	const { token, session } = await createSession(app.db, user.id, limitsFrom(app.config), meta);
	app.log.info('auth.login_demo', { userId: user.id, persona });
	return ok({ user, token, session });
}
