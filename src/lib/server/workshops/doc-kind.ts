/**
 * The live-document kind `workshop.<id>`: the board of one workshop. Kept apart from the
 * workshop commands so the collab server imports only what it needs.
 *
 * Participants (guests, and members who may only write) receive the board read-only over the
 * socket: their cards and votes go through the API, where the server enforces phase, budget,
 * anonymity and silent mode. Facilitators (`admin`) may move and group cards directly, but
 * never write the tally. The board's shape is in `src/lib/shapes/workshop.ts`.
 */
import { eq } from 'drizzle-orm';
import { workshops } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { LiveDocKind } from '../collab/kinds.ts';
import type { Actor } from '../access/policy.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { roomDocRefusal } from '../sprints/access.ts';
import { owningRoomId, workshopScope } from './owner.ts';

/** The neutral presence label, in Swedish (the presence list is shown to everyone). */
export const NEUTRAL_PRESENCE_NAME = 'Deltagare';

/**
 * Whether the workshop an actor connected to is anonymous, remembered per actor object between
 * `target` (which loads the workshop) and `presenceName`. Fails closed: anything not recorded as
 * a named workshop gets the neutral label.
 */
const named = new WeakMap<object, boolean>();

export const workshopDocKind: LiveDocKind = {
	name: 'workshop',
	async target(db: Db, actor: Actor, id: string) {
		if (!isUuid(id)) return null;
		const [w] = await db
			.select({ id: workshops.id, initiativeId: workshops.initiativeId, phase: workshops.phase, anonymous: workshops.anonymous })
			.from(workshops)
			.where(eq(workshops.id, id))
			.limit(1);
		if (!w) return null;
		const scope = await initiativeScope(db, actor, w.initiativeId);
		if (!scope) return null;
		named.set(actor, !w.anonymous);
		return {
			resource: 'workshop_board' as const,
			initiative: scope,
			workshop: await workshopScope(db, actor, w),
			initiativeId: w.initiativeId
		};
	},
	// A sprint room's own workshop answers like the room's documents: 409 terms_not_accepted to the
	// room's supplier before its terms are accepted, the 403 that reveals nothing to anyone else.
	async refusal(db: Db, actor: Actor, id: string) {
		if (!isUuid(id)) return null;
		const roomId = await owningRoomId(db, id);
		return roomId ? roomDocRefusal(db, actor, roomId) : null;
	},
	socketWrite: 'admin',
	// The live vote tally is computed by the server from the votes cast through the API: not even
	// a facilitator's connection may write it.
	serverOnlyRoots: ['tally'],
	presenceName(actor: Actor) {
		if (actor.kind === 'anonymous') return NEUTRAL_PRESENCE_NAME;
		return named.get(actor) === true ? actor.name : NEUTRAL_PRESENCE_NAME;
	}
};
