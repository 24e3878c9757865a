import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRequirement, addSection, brandHints, moveRequirement, textEdit, projectRequirements, repairDuplicateKeys, requirementsArray } from './model.ts';

describe('requirements document model', () => {
	it('hands out K1, K2 … and never reuses a key after a deletion', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'a', text: 'Första' });
			addRequirement(doc, { uid: 'b', text: 'Andra' });
		});
		doc.transact(() => requirementsArray(doc).delete(1, 1));
		doc.transact(() => addRequirement(doc, { uid: 'c', text: 'Tredje' }));
		expect(projectRequirements(doc).requirements.map((r) => r.id)).toEqual(['K1', 'K3']);
	});

	it('projects every field as JSON in document order, with sections', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addSection(doc, 's1', 'Larm');
			addRequirement(doc, { uid: 'a', type: 'ska', text: 'Larmet ska nå personal inom 2 minuter', rationale: 'Fall', verification: 'Test', needIds: ['n1'], section: 's1' });
		});
		expect(projectRequirements(doc)).toEqual({
			sections: [{ id: 's1', title: 'Larm' }],
			requirements: [{ id: 'K1', uid: 'a', type: 'ska', text: 'Larmet ska nå personal inom 2 minuter', rationale: 'Fall', needIds: ['n1'], verification: 'Test', section: 's1' }]
		});
	});

	it('moves a requirement and keeps its key and content', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'a', text: 'A' });
			addRequirement(doc, { uid: 'b', text: 'B', needIds: ['n'] });
		});
		doc.transact(() => moveRequirement(doc, 'b', 0));
		expect(projectRequirements(doc).requirements.map((r) => [r.id, r.text, r.needIds])).toEqual([['K2', 'B', ['n']], ['K1', 'A', []]]);
	});

	it('shows a duplicate key (concurrent additions) with a fallback id instead of twice', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		one.transact(() => addRequirement(one, { uid: 'aaaaaaaa-1', text: 'A' }));
		two.transact(() => addRequirement(two, { uid: 'bbbbbbbb-2', text: 'B' }));
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		const ids = projectRequirements(one).requirements.map((r) => r.id);
		expect(new Set(ids).size).toBe(2);
		expect(ids).toContain('K1');
	});
});

describe('repairing keys after concurrent additions', () => {
	it('re-keys the later duplicate to the next unused number, the same way on every client', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		one.transact(() => addRequirement(one, { uid: 'a', text: 'A' }));
		two.transact(() => addRequirement(two, { uid: 'b', text: 'B' }));
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		one.transact(() => repairDuplicateKeys(one));
		two.transact(() => repairDuplicateKeys(two));
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		const ids = projectRequirements(one).requirements.map((r) => r.id);
		expect(ids.sort()).toEqual(['K1', 'K2']);
		expect(projectRequirements(two).requirements.map((r) => r.id).sort()).toEqual(['K1', 'K2']);
		expect(repairDuplicateKeys(one)).toBe(false);
	});
});

describe('brand hints', () => {
	it.each([
		['Lösningen ska fungera i Microsoft Teams', ['microsoft', 'teams']],
		['Surfplattor av typen iPad', ['ipad']],
		['Inloggning med BankID eller likvärdigt', ['bankid']],
		['Larmet ska nå personal inom två minuter', []],
		['Programvara av märket X', ['av märket']]
	])('"%s" → %j', (text, expected) => {
		expect(brandHints(text)).toEqual(expected);
	});
	it('does not match a brand inside another word', () => {
		expect(brandHints('Maclean-metoden och hpv-vaccin')).toEqual([]);
	});
});

describe('textarea edits as minimal changes', () => {
	it.each([
		['Larm inom 5 min', 'Larm inom 2 min', { index: 10, remove: 1, insert: '2' }],
		['abc', 'abXc', { index: 2, remove: 0, insert: 'X' }],
		['abc', 'ac', { index: 1, remove: 1, insert: '' }],
		['', 'ny', { index: 0, remove: 0, insert: 'ny' }],
		['aaa', 'aaaa', { index: 3, remove: 0, insert: 'a' }],
		['same', 'same', { index: 4, remove: 0, insert: '' }]
	])('%j → %j', (prev, next, edit) => {
		expect(textEdit(prev, next)).toEqual(edit);
		const applied = prev.slice(0, edit.index) + edit.insert + prev.slice(edit.index + edit.remove);
		expect(applied).toBe(next);
	});
});
