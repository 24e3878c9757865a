import { error, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { listOutbox } from '#lib/server/mail/index.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import type { PageServerLoad } from './$types';

/** Platform administration: the outbox. Other signed-in users get 403. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (!can(actor, 'read', { resource: 'outbox' })) error(403, 'Bara plattformsadministratörer har tillgång till administrationen.');
	return { outbox: await listOutbox(locals.app.db) };
};
