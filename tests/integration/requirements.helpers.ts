/** Small factories the requirements integration tests need beyond `tests/factories/collab.ts`. */
import { eq } from 'drizzle-orm';
import type { App } from '../../src/lib/server/app.ts';
import { users } from '../../src/lib/server/db/schema/index.ts';
import { makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';

/** A platform administrator (of a buyer organisation). */
export async function platformAdmin(app: App): Promise<TestUser> {
	const org = await makeOrganisation(app, 'buyer');
	const u = await makeUser(app, { organisationId: org.id, name: 'Plattformsadmin' });
	await app.db.update(users).set({ platformAdmin: true }).where(eq(users.id, u.id));
	return u;
}
