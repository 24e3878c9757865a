/** Organisations: details and colleagues. Invitations are in `invitations.ts`. */
import { asc, eq } from 'drizzle-orm';
import { organisations, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';

export { normaliseOrgNumber, isValidOrgNumber } from './org-number.ts';

export interface OrganisationDetails {
	id: string;
	name: string;
	kind: 'buyer' | 'supplier';
	orgNumber: string;
	createdAt: Date;
}

export async function getOrganisation(db: Db, organisationId: string): Promise<OrganisationDetails | null> {
	const [row] = await db
		.select({ id: organisations.id, name: organisations.name, kind: organisations.kind, orgNumber: organisations.orgNumber, createdAt: organisations.createdAt })
		.from(organisations)
		.where(eq(organisations.id, organisationId))
		.limit(1);
	return row ?? null;
}

export interface Colleague {
	id: string;
	name: string;
	email: string;
	orgAdmin: boolean;
	disabled: boolean;
	createdAt: Date;
}

/** Everybody in an organisation, by name. */
export async function listColleagues(db: Db, organisationId: string): Promise<Colleague[]> {
	const rows = await db
		.select({ id: users.id, name: users.name, email: users.email, orgAdmin: users.orgAdmin, disabledAt: users.disabledAt, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.organisationId, organisationId))
		.orderBy(asc(users.name));
	return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null }));
}
