/**
 * Files on a room's stage boards (`purpose: sprint_board`, owner = the room): lightning-demo
 * images and photographs of paper sketches. Whoever may write on the room's boards uploads; whoever
 * may read the room reads — its own supplier (after the terms), the buyer team, and observers of a
 * room not marked confidential. Another supplier gets "not found", as for a file that does not exist.
 */
import { decide } from '../../access/policy.ts';
import { registerFilePurpose } from '../../files/index.ts';
import { roomContext, roomOpenFor, roomTargetOf } from '../access.ts';

export const BOARD_FILE_PURPOSE = 'sprint_board';

registerFilePurpose(BOARD_FILE_PURPOSE, {
	async authorizeUpload(app, actor, ownerId) {
		const ctx = await roomContext(app.db, actor, ownerId);
		if (!ctx || decide(actor, 'read', roomTargetOf(ctx)) !== 'ok' || !roomOpenFor(actor, ctx.room)) return { verdict: 'not_found', initiativeId: null };
		const verdict = decide(actor, 'write', roomTargetOf(ctx));
		return verdict === 'ok' ? { verdict, initiativeId: ctx.sprint.initiativeId } : { verdict, initiativeId: null };
	},
	async authorizeRead(app, actor, file) {
		const ctx = await roomContext(app.db, actor, file.ownerId);
		if (!ctx || !roomOpenFor(actor, ctx.room)) return 'not_found';
		return decide(actor, 'read', roomTargetOf(ctx)) === 'ok' ? 'ok' : 'not_found';
	}
});
