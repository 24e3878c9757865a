import { describe, expect, it } from 'vitest';
import { nextStage, roomDocName, stageDocName, stageOfDocKind, ROOM_DOC_KINDS } from './stages.ts';
import { parseDocName } from '../access/docs.ts';

describe('sprint stages and room documents', () => {
	const id = '8f7c2a8e-0d7b-4a39-9a53-2a1f1d1c0b10';

	it('names the room overview and each stage board in the code base\'s <kind>.<uuid> scheme', () => {
		expect(roomDocName(id)).toBe(`sprint_room.${id}`);
		expect(stageDocName(id, 'decide')).toBe(`sprint_decide.${id}`);
		expect(ROOM_DOC_KINDS).toEqual(['sprint_room', 'sprint_map', 'sprint_sketch', 'sprint_decide', 'sprint_prototype', 'sprint_test']);
		expect(parseDocName(roomDocName(id))?.kind).toBe('sprint_room');
	});

	it('reads the stage back from a board kind and nothing from other kinds', () => {
		expect(stageOfDocKind('sprint_test')).toBe('test');
		expect(stageOfDocKind('sprint_room')).toBeNull();
		expect(stageOfDocKind('workshop')).toBeNull();
	});

	it('walks the stages in Design Sprint order', () => {
		expect(nextStage(null)).toBe('map');
		expect(nextStage('map')).toBe('sketch');
		expect(nextStage('test')).toBeNull();
	});
});
