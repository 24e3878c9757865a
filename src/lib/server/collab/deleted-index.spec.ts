import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DeletedIndex, deletedIndexOf } from './deleted-index.ts';

describe('DeletedIndex', () => {
	it('merges touching and overlapping ranges into one, whatever the order they arrive in', () => {
		const index = new DeletedIndex(new Y.Doc());
		index.add(1, 10, 5);
		index.add(1, 0, 5);
		index.add(1, 5, 5);
		index.add(1, 12, 20);
		expect(index.size).toBe(1);
		expect(index.covers(1, 0, 32)).toBe(true);
		expect(index.covers(1, 0, 33)).toBe(false);
	});

	it('keeps separate ranges apart and answers for each client on its own', () => {
		const index = new DeletedIndex(new Y.Doc());
		index.add(1, 0, 3);
		index.add(1, 10, 3);
		index.add(2, 3, 5);
		expect(index.size).toBe(3);
		expect(index.covers(1, 1, 2)).toBe(true);
		expect(index.covers(1, 2, 9)).toBe(false);
		expect(index.covers(1, 3, 1)).toBe(false);
		expect(index.covers(2, 0, 3)).toBe(false);
		index.add(1, 3, 7);
		expect(index.covers(1, 0, 13)).toBe(true);
		expect(index.size).toBe(2);
	});

	it('starts from what the document has deleted and follows later deletions', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'abcdef');
		text.delete(0, 2);
		const index = deletedIndexOf(doc);
		expect(deletedIndexOf(doc)).toBe(index);
		expect(index.covers(doc.clientID, 0, 2)).toBe(true);
		expect(index.covers(doc.clientID, 2, 1)).toBe(false);
		text.delete(0, 3);
		expect(index.covers(doc.clientID, 0, 5)).toBe(true);
		expect(index.covers(doc.clientID, 0, 6)).toBe(false);
	});
});
