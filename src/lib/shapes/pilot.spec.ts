import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { missingParts, readSections, sectionText, validatePlanDoc } from './pilot.ts';

describe('the pilot plan document', () => {
	it('reports every checklist part as missing in an empty plan', () => {
		const doc = new Y.Doc();
		expect(missingParts(readSections(doc), { activities: 0, points: 0, risks: 0 })).toEqual([
			'goal', 'roles', 'collaboration', 'timeline', 'measurement', 'documentation', 'risks', 'communication', 'economics', 'ownership', 'contract'
		]);
	});
	it('counts the contract as written only when all three parts are', () => {
		const doc = new Y.Doc();
		sectionText(doc, 'goal').insert(0, 'Färre fall');
		sectionText(doc, 'contract_base').insert(0, 'Avtal');
		sectionText(doc, 'contract_annexes').insert(0, 'Bilagor');
		const missing = missingParts(readSections(doc), { activities: 1, points: 2, risks: 1 });
		expect(missing).not.toContain('goal');
		expect(missing).not.toContain('timeline');
		expect(missing).toContain('contract');
		sectionText(doc, 'contract_binding').insert(0, 'Bilaga 1 bindande');
		expect(missingParts(readSections(doc), { activities: 1, points: 2, risks: 1 })).not.toContain('contract');
	});
	it('refuses unknown sections and non-text values', () => {
		const doc = new Y.Doc();
		doc.getMap('sections').set('hemligt', new Y.Text('x'));
		expect(validatePlanDoc(doc)).toMatch(/unknown section/);
		const other = new Y.Doc();
		other.getMap('sections').set('goal', 'plain string');
		expect(validatePlanDoc(other)).toMatch(/not text/);
		expect(validatePlanDoc(new Y.Doc())).toBeNull();
	});
});
