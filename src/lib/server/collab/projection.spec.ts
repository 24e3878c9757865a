import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { projectDoc } from './projection.ts';

/** Stores and reloads a document, so its root types come back untyped, as on the server. */
function reload(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

describe('projectDoc', () => {
	it('renders a Tiptap-style rich-text fragment as ProseMirror JSON and paragraphs of text', () => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment('default');
		const heading = new Y.XmlElement('heading');
		heading.setAttribute('level', 2 as unknown as string);
		const headingText = new Y.XmlText();
		heading.insert(0, [headingText]);
		const paragraph = new Y.XmlElement('paragraph');
		const text = new Y.XmlText();
		paragraph.insert(0, [text]);
		fragment.insert(0, [heading, paragraph]);
		headingText.insert(0, 'Bakgrund');
		text.insert(0, 'Fallolyckor ökar ');
		text.insert(text.length, 'kraftigt', { bold: true });

		const projection = projectDoc(reload(doc));
		expect(projection.text).toBe('Bakgrund\n\nFallolyckor ökar kraftigt');
		expect(projection.json.default).toEqual({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bakgrund' }] },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Fallolyckor ökar ' },
						{ type: 'text', text: 'kraftigt', marks: [{ type: 'bold' }] }
					]
				}
			]
		});
	});

	it('renders maps, arrays and plain text, and skips empty types', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('phase', 'collect');
		doc.getArray('cards').push([{ text: 'Svårt att hitta larmknappen' }]);
		doc.getText('note').insert(0, 'Anteckning');
		doc.getArray('empty');
		const projection = projectDoc(reload(doc));
		expect(projection.json).toEqual({
			cards: [{ text: 'Svårt att hitta larmknappen' }],
			meta: { phase: 'collect' },
			note: 'Anteckning'
		});
		expect(projection.text).toBe('Svårt att hitta larmknappen\n\ncollect\n\nAnteckning');
	});
});
