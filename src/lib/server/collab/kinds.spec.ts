import { describe, expect, it } from 'vitest';
import { docKind, docKindNames, registerDocKind } from './kinds.ts';
import { parseDocName } from '../access/docs.ts';

describe('live-document kinds', () => {
	it('has every kind of Brygga registered by its capability', () => {
		expect(docKindNames().sort()).toEqual(['brief', 'pilot', 'requirements', 'sprint_decide', 'sprint_map', 'sprint_prototype', 'sprint_room', 'sprint_sketch', 'sprint_test', 'workshop']);
		expect(docKind('workshop')?.socketWrite).toBe('admin');
		expect(docKind('workshop')?.serverOnlyRoots).toEqual(['tally']);
	});

	it('parses names of registered kinds only', () => {
		const id = crypto.randomUUID();
		expect(parseDocName(`brief.${id}`)).toEqual({ kind: 'brief', id, name: `brief.${id}` });
		expect(parseDocName(`secret.${id}`)).toBeNull();
	});

	it('refuses a second kind of the same name and malformed names', () => {
		const target = async () => null;
		expect(() => registerDocKind({ name: 'brief', target })).toThrow(/twice/);
		expect(() => registerDocKind({ name: 'Brief', target })).toThrow(/invalid/);
		expect(() => registerDocKind({ name: 'a.b', target })).toThrow(/invalid/);
	});
});
