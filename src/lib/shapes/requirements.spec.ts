import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRequirement, addSection, axesFromLegacyType, requirementFromVersion, setAxis, unlinkedRequirements, brandHints, fragmentText, textBlocks, hasLegacyText, moveRequirement, textEdit, projectRequirements, repairDuplicateKeys, requirementsArray, upgradeLegacyTexts } from './requirements.ts';

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
			addRequirement(doc, { uid: 'a', kind: 'performance', obligation: 'bor', text: 'Larmet ska nå personal inom 2 minuter', rationale: 'Fall', verification: 'Test', needIds: ['n1'], section: 's1' });
		});
		expect(projectRequirements(doc)).toEqual({
			sections: [{ id: 's1', title: 'Larm' }],
			requirements: [{ id: 'K1', uid: 'a', kind: 'performance', obligation: 'bor', text: 'Larmet ska nå personal inom 2 minuter', rationale: 'Fall', needIds: ['n1'], verification: 'Test', section: 's1' }]
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

/** A requirement text as Tiptap writes it: a bold word, an italic word and a bullet list. */
function writeRich(fragment: Y.XmlFragment) {
	fragment.delete(0, fragment.length);
	const p = new Y.XmlElement('paragraph');
	const t = new Y.XmlText();
	p.insert(0, [t]);
	const list = new Y.XmlElement('bulletList');
	const items = ['inom 2 minuter', 'även nattetid'].map((line) => {
		const item = new Y.XmlElement('listItem');
		const para = new Y.XmlElement('paragraph');
		para.insert(0, [new Y.XmlText(line)]);
		item.insert(0, [para]);
		return item;
	});
	list.insert(0, items);
	fragment.insert(0, [p, list]);
	t.insert(0, 'Larmet ');
	t.insert(7, 'ska', { bold: {} });
	t.insert(10, ' nå ', { bold: null });
	t.insert(14, 'personal', { italic: {} });
	t.insert(22, ':', { italic: null });
}

describe('rich requirement texts', () => {
	it('stores the text as rich text whose plain projection is the text it was created with', () => {
		const doc = new Y.Doc();
		doc.transact(() => addRequirement(doc, { uid: 'a', text: 'Första stycket\n• punkt ett\n• punkt två\nSlut' }));
		const map = requirementsArray(doc).get(0);
		expect(map.get('text')).toBeInstanceOf(Y.XmlFragment);
		expect(((map.get('text') as Y.XmlFragment).get(1) as Y.XmlElement).nodeName).toBe('bulletList');
		expect((map.get('text') as Y.XmlFragment).toString()).toBe(
			'<paragraph>Första stycket</paragraph><bulletlist><listitem><paragraph>punkt ett</paragraph></listitem><listitem><paragraph>punkt två</paragraph></listitem></bulletlist><paragraph>Slut</paragraph>'
		);
		expect(projectRequirements(doc).requirements[0].text).toBe('Första stycket\n• punkt ett\n• punkt två\nSlut');
	});

	it('gives an empty requirement one empty paragraph and the empty text', () => {
		const doc = new Y.Doc();
		doc.transact(() => addRequirement(doc, { uid: 'a' }));
		expect((requirementsArray(doc).get(0).get('text') as Y.XmlFragment).toString()).toBe('<paragraph></paragraph>');
		expect(projectRequirements(doc).requirements[0].text).toBe('');
	});

	it('projects formatting away: bold and italic are not part of the plain text, list items are lines', () => {
		const doc = new Y.Doc();
		doc.transact(() => addRequirement(doc, { uid: 'a' }));
		doc.transact(() => writeRich(requirementsArray(doc).get(0).get('text') as Y.XmlFragment));
		expect(projectRequirements(doc).requirements[0].text).toBe('Larmet ska nå personal:\n• inom 2 minuter\n• även nattetid');
	});

	it('numbers ordered items and indents nested ones', () => {
		const doc = new Y.Doc();
		const frag = doc.getXmlFragment('x');
		const el = (name: string, children: Array<Y.XmlElement | Y.XmlText>) => {
			const e = new Y.XmlElement(name);
			e.insert(0, children);
			return e;
		};
		const para = (s: string) => el('paragraph', [new Y.XmlText(s)]);
		frag.insert(0, [el('orderedList', [el('listItem', [para('ett'), el('bulletList', [el('listItem', [para('under')])])]), el('listItem', [para('två')])])]);
		expect(fragmentText(frag)).toBe('1. ett\n  • under\n2. två');
	});

	it('keeps the formatting when a requirement moves', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'a', text: 'A' });
			addRequirement(doc, { uid: 'b' });
		});
		doc.transact(() => writeRich(requirementsArray(doc).get(1).get('text') as Y.XmlFragment));
		const before = (requirementsArray(doc).get(1).get('text') as Y.XmlFragment).toString();
		doc.transact(() => moveRequirement(doc, 'b', 0));
		expect((requirementsArray(doc).get(0).get('text') as Y.XmlFragment).toString()).toBe(before);
		expect(before).toContain('<bold>ska</bold>');
	});

	it('reads old documents with a plain Y.Text, and upgrades them to rich text with the same projection', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'a' });
			requirementsArray(doc).get(0).set('text', new Y.Text('Rad ett\n• punkt'));
		});
		const map = requirementsArray(doc).get(0);
		expect(hasLegacyText(map)).toBe(true);
		const before = projectRequirements(doc);
		expect(before.requirements[0].text).toBe('Rad ett\n• punkt');
		expect(doc.transact(() => upgradeLegacyTexts(doc))).toBe(true);
		expect(hasLegacyText(requirementsArray(doc).get(0))).toBe(false);
		expect(projectRequirements(doc)).toEqual(before);
		expect(upgradeLegacyTexts(doc)).toBe(false);
	});

	it('moves an old plain text as rich text', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'a', text: 'A' });
			addRequirement(doc, { uid: 'b' });
			requirementsArray(doc).get(1).set('text', new Y.Text('Gammal text'));
		});
		doc.transact(() => moveRequirement(doc, 'b', 0));
		expect(requirementsArray(doc).get(0).get('text')).toBeInstanceOf(Y.XmlFragment);
		expect(projectRequirements(doc).requirements.map((r) => r.text)).toEqual(['Gammal text', 'A']);
	});

	it('reads a projection back as paragraphs and bullet lists for display', () => {
		expect(textBlocks('Inledning\n• ett\n  • under\n• två\nSlut')).toEqual([
			{ kind: 'paragraph', text: 'Inledning' },
			{ kind: 'list', items: [{ level: 0, text: 'ett' }, { level: 1, text: 'under' }, { level: 0, text: 'två' }] },
			{ kind: 'paragraph', text: 'Slut' }
		]);
	});

	it('converges when two clients upgrade the same old text at once', () => {
		const one = new Y.Doc();
		one.transact(() => {
			addRequirement(one, { uid: 'a' });
			requirementsArray(one).get(0).set('text', new Y.Text('Gemensam'));
		});
		const two = new Y.Doc();
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		one.transact(() => upgradeLegacyTexts(one));
		two.transact(() => upgradeLegacyTexts(two));
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect((requirementsArray(one).get(0).get('text') as Y.XmlFragment).toString()).toBe('<paragraph>Gemensam</paragraph>');
		expect(projectRequirements(two)).toEqual(projectRequirements(one));
	});
});

describe('the two axes of a requirement type', () => {
	/** A requirement map as documents before the two axes held it: one `type` key. */
	function legacyDoc(type: string) {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'old', text: 'Gammalt krav' });
			const map = requirementsArray(doc).get(0);
			map.delete('kind');
			map.delete('obligation');
			map.set('type', type);
		});
		return doc;
	}

	it.each([
		['function', 'function', 'ska'],
		['ska', 'function', 'ska'],
		['bor', 'function', 'bor'],
		['award', 'function', 'award'],
		['something-else', 'function', 'ska']
	])('reads an old document typed "%s" as kind %s and obligation %s', (type, kind, obligation) => {
		expect(axesFromLegacyType(type)).toEqual({ kind, obligation });
		const [r] = projectRequirements(legacyDoc(type)).requirements;
		expect({ kind: r.kind, obligation: r.obligation }).toEqual({ kind, obligation });
		expect(r).not.toHaveProperty('type');
	});

	it('gives a new requirement a function kind and a mandatory obligation unless told otherwise', () => {
		const doc = new Y.Doc();
		doc.transact(() => addRequirement(doc, { uid: 'a' }));
		const [r] = projectRequirements(doc).requirements;
		expect([r.kind, r.obligation]).toEqual(['function', 'ska']);
	});

	it('writes both axes and drops the old type when one axis is set', () => {
		const doc = legacyDoc('bor');
		const map = requirementsArray(doc).get(0);
		doc.transact(() => expect(setAxis(map, 'kind', 'performance')).toBe(true));
		expect(map.has('type')).toBe(false);
		expect([map.get('kind'), map.get('obligation')]).toEqual(['performance', 'bor']);
	});

	it('refuses a value that is not on the axis, and leaves the requirement as it was', () => {
		const doc = legacyDoc('award');
		const map = requirementsArray(doc).get(0);
		doc.transact(() => {
			expect(setAxis(map, 'obligation', 'function')).toBe(false);
			expect(setAxis(map, 'kind', 'ska')).toBe(false);
		});
		expect(map.get('type')).toBe('award');
	});

	it('keeps both axes when a requirement is moved', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			addRequirement(doc, { uid: 'a', kind: 'security', obligation: 'award' });
			addRequirement(doc, { uid: 'b' });
		});
		doc.transact(() => moveRequirement(doc, 'a', 1));
		expect(projectRequirements(doc).requirements.map((r) => [r.uid, r.kind, r.obligation])).toEqual([
			['b', 'function', 'ska'],
			['a', 'security', 'award']
		]);
	});

	it('converts requirements of versions published before the two axes, and reads new ones as they are', () => {
		const old = { id: 'K1', uid: 'u', type: 'bor', text: 'T', rationale: '', needIds: [], verification: '', section: null };
		expect(requirementFromVersion(old)).toEqual({ id: 'K1', uid: 'u', kind: 'function', obligation: 'bor', text: 'T', rationale: '', needIds: [], verification: '', section: null });
		const current = { ...old, type: undefined, kind: 'usability', obligation: 'award' };
		expect(requirementFromVersion(current)).toMatchObject({ kind: 'usability', obligation: 'award' });
	});

	it('finds the requirements linked to no need', () => {
		expect(unlinkedRequirements([{ id: 'K1', needIds: [] }, { id: 'K2', needIds: ['n'] }]).map((r) => r.id)).toEqual(['K1']);
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
