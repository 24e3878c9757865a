import { describe, expect, it } from 'vitest';
import { createTemplateSchema, handoverSchema, lessonSchema } from './validation.ts';

describe('lesson input', () => {
	it('needs at least one of the three texts, with the code lesson_empty', () => {
		const r = lessonSchema.safeParse({ phase: 'needs', worked: '  ' });
		expect(r.success).toBe(false);
		expect((r.error!.issues[0] as { params?: { code?: string } }).params?.code).toBe('lesson_empty');
		expect(lessonSchema.parse({ phase: 'needs', recommendation: 'Börja tidigt.' })).toEqual({ phase: 'needs', worked: '', didNotWork: '', recommendation: 'Börja tidigt.' });
	});
	it('refuses an unknown phase and text that cannot be stored', () => {
		expect(lessonSchema.safeParse({ phase: 'later', worked: 'x' }).success).toBe(false);
		expect(lessonSchema.safeParse({ phase: 'needs', worked: 'a\u0000b' }).success).toBe(false);
	});
});

describe('template and handover input', () => {
	it('defaults to no parts and needs a uuid for the source initiative', () => {
		expect(createTemplateSchema.parse({ fromInitiativeId: '5f0c6f9e-1c1a-4b8e-9d55-2a1b3c4d5e6f' }).parts).toEqual([]);
		expect(createTemplateSchema.safeParse({ fromInitiativeId: 'demo' }).success).toBe(false);
	});
	it('keeps the handing-over leader on the team unless told otherwise', () => {
		expect(handoverSchema.parse({ toUserId: '5f0c6f9e-1c1a-4b8e-9d55-2a1b3c4d5e6f' }).stayAs).toBe('team');
		expect(handoverSchema.safeParse({ toUserId: '5f0c6f9e-1c1a-4b8e-9d55-2a1b3c4d5e6f', stayAs: 'process_leader' }).success).toBe(false);
	});
});
