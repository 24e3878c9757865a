/**
 * The live-document kind `pilot.<pilotId>`: the free-text sections of a pilot plan, which the
 * team edits together (shape in `src/lib/shapes/pilot.ts`). Access is the pilot's: the buyer
 * team writes, observers and the pilot's own supplier read, nobody else learns it exists.
 */
import * as Y from 'yjs';
import type { LiveDocKind } from '../collab/kinds.ts';
import { PLAN_TEXT_SECTIONS, readSections, validatePlanDoc } from '../../shapes/pilot.ts';
import { pilotContext } from './access.ts';

export const pilotDocKind: LiveDocKind = {
	name: 'pilot',
	async target(db, actor, id) {
		const ctx = await pilotContext(db, actor, id);
		return ctx ? { resource: 'pilot', initiative: ctx.initiative, pilot: ctx.scope, initiativeId: ctx.pilot.initiativeId } : null;
	},
	/** `{sections: {goal: '…', …}}`: what reports and exports read without loading Yjs. */
	project(doc) {
		const sections = readSections(doc);
		return {
			text: PLAN_TEXT_SECTIONS.map((k) => sections[k]).filter((t) => t.trim()).join('\n\n'),
			json: { sections }
		};
	},
	validate(doc, update) {
		// Judge the document as it would be after the update, on a copy (plans are small).
		const copy = new Y.Doc();
		try {
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
			Y.applyUpdate(copy, update);
			return validatePlanDoc(copy);
		} finally {
			copy.destroy();
		}
	}
};
