/**
 * The shape of a pilot plan's live document `pilot.<pilotId>`, shared by the browser and the
 * server: `Y.Map('sections')` holding one `Y.Text` per free-text checklist section (keys below).
 * The structured parts of the plan (timeline activities, risks, measurement points) are rows
 * on the server, edited through the API; together they make the checklist of seed 000.
 *
 * Plain TypeScript with Yjs only: no SvelteKit, no server code.
 */
import * as Y from 'yjs';

/** The plan's free-text sections, in checklist order. The contract comes in three parts. */
export const PLAN_TEXT_SECTIONS = [
	'goal',
	'roles',
	'collaboration',
	'documentation',
	'communication',
	'economics',
	'ownership',
	'contract_base',
	'contract_annexes',
	'contract_binding'
] as const;
export type PlanTextSection = (typeof PLAN_TEXT_SECTIONS)[number];

/**
 * The checklist of seed 000 as the plan reports it (`missingSections`): the text sections plus
 * the structured ones (`timeline`, `measurement`, `risks`), the contract as one part.
 */
export const PLAN_CHECKLIST = [
	'goal',
	'roles',
	'collaboration',
	'timeline',
	'measurement',
	'documentation',
	'risks',
	'communication',
	'economics',
	'ownership',
	'contract'
] as const;
export type PlanChecklistPart = (typeof PLAN_CHECKLIST)[number];

export const MAX_SECTION_CHARS = 20_000;

export function sectionsMap(doc: Y.Doc): Y.Map<Y.Text> {
	return doc.getMap<Y.Text>('sections');
}

/** The section's Y.Text, created when missing (editing clients only). */
export function sectionText(doc: Y.Doc, key: PlanTextSection): Y.Text {
	const map = sectionsMap(doc);
	let t = map.get(key);
	if (!(t instanceof Y.Text)) {
		t = new Y.Text();
		map.set(key, t);
	}
	return t;
}

/** Every section's plain text ('' when absent or not text). */
export function readSections(doc: Y.Doc): Record<PlanTextSection, string> {
	const map = sectionsMap(doc);
	const out = {} as Record<PlanTextSection, string>;
	for (const key of PLAN_TEXT_SECTIONS) {
		const t = map.get(key);
		out[key] = t instanceof Y.Text ? t.toString() : '';
	}
	return out;
}

/** The checklist parts still empty, in order. */
export function missingParts(sections: Record<PlanTextSection, string>, structured: { activities: number; points: number; risks: number }): PlanChecklistPart[] {
	const empty = (k: PlanTextSection) => !sections[k]?.trim();
	return PLAN_CHECKLIST.filter((part) => {
		switch (part) {
			case 'timeline':
				return structured.activities === 0;
			case 'measurement':
				return structured.points === 0;
			case 'risks':
				return structured.risks === 0;
			case 'contract':
				return empty('contract_base') || empty('contract_annexes') || empty('contract_binding');
			default:
				return empty(part);
		}
	});
}

/** Refuses an update that makes a section too long or puts anything but text under `sections`. */
export function validatePlanDoc(doc: Y.Doc): string | null {
	const map = sectionsMap(doc);
	for (const [key, value] of map.entries()) {
		if (!(PLAN_TEXT_SECTIONS as readonly string[]).includes(key)) return `unknown section ${key}`;
		if (!(value instanceof Y.Text)) return `section ${key} is not text`;
		if (value.length > MAX_SECTION_CHARS) return `section ${key} too long`;
	}
	return null;
}
