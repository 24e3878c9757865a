/**
 * The live-document kind `sprint_room.<roomId>`: a room's overview document. Only the server
 * writes it (the stage, its start, the shared timer and the lock, see `stage.ts`); every room
 * member receives it read-only, so a client shows a new stage the moment the leader starts it.
 * The stage boards are their own kinds (`sprint_<stage>.<roomId>`, see `stages.ts`).
 *
 * Access is the room's (`sprints/access.ts` `roomDocTarget`): the supplier whose room it is (once
 * its terms are accepted), the buyer team and nobody else; another supplier's connection is
 * refused like a document that does not exist. The room's own supplier, before its terms are
 * accepted, is refused with 409 `terms_not_accepted` (`roomDocRefusal`), as by the HTTP routes.
 */
import type { LiveDocKind } from '../collab/kinds.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';
import { roomDocRefusal, roomDocTarget } from './access.ts';
import { ROOM_DOC_KIND } from './stages.ts';

export const sprintRoomDocKind: LiveDocKind = {
	name: ROOM_DOC_KIND,
	target: (db: Db, actor: Actor, id: string) => roomDocTarget(db, actor, id),
	refusal: (db: Db, actor: Actor, id: string) => roomDocRefusal(db, actor, id),
	// Nobody's connection writes the overview: the stage and timer come from the server's commands.
	socketWrite: 'admin',
	serverOnlyRoots: ['meta']
};
