/**
 * The live-document kind `brief.<initiativeId>`: the initiative's brief (projektdirektiv), rich
 * text edited together by everyone the policy lets write the brief.
 */
import type { LiveDocKind } from '../collab/kinds.ts';
import { initiativeScope } from '../access/scope.ts';

export const briefDocKind: LiveDocKind = {
	name: 'brief',
	async target(db, actor, id) {
		const scope = await initiativeScope(db, actor, id);
		return scope ? { resource: 'brief', initiative: scope, initiativeId: scope.initiativeId } : null;
	}
};
