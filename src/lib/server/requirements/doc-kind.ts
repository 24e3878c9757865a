/**
 * The live-document kind `requirements.<initiativeId>`: the requirements draft (its shape is in
 * `src/lib/shapes/requirements.ts`). Who wrote in it is what bars an organisation from tendering
 * (rule 1): the ledger records every update's author.
 */
import type { LiveDocKind } from '../collab/kinds.ts';
import { initiativeScope } from '../access/scope.ts';

export const requirementsDocKind: LiveDocKind = {
	name: 'requirements',
	async target(db, actor, id) {
		const scope = await initiativeScope(db, actor, id);
		return scope ? { resource: 'requirements', initiative: scope, initiativeId: scope.initiativeId } : null;
	}
};
