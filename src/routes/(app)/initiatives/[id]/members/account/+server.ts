import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/**
 * For the invite dialog (process leaders only): does this address belong to a supplier's user?
 * Lets the dialog warn while the address is typed; the invite action checks again.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	const email = initiatives.emailSchema.safeParse(url.searchParams.get('email') ?? '');
	if (!email.success) return json({ supplierOrganisation: null });
	const account = await initiatives.accountForEmail(locals.app.db, email.data);
	return json({ supplierOrganisation: account?.organisationKind === 'supplier' ? account.organisationName : null });
});
