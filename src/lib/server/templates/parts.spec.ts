import { describe, expect, it } from 'vitest';
import { registerTemplatePart, templatePart, templatePartKeys } from './parts.ts';
import { captureQuestion, captureWorkshop, evaluationModelSchema, rfiQuestionSetSchema, workshopSetupSchema } from './builtin.ts';
import { captureLesson } from './index.ts';
import { registry } from '../registry.ts';

const NOW = new Date('2026-12-07T10:00:00Z');

describe('the template part registry', () => {
	it('knows the built-in parts: workshop set-up, RFI question set and tender evaluation model', () => {
		expect(templatePartKeys()).toEqual(expect.arrayContaining(['rfi_questions', 'tender_evaluation', 'workshops']));
	});

	it('lives on globalThis, so the SvelteKit bundle and the Node entry share it', () => {
		registerTemplatePart({ key: 'spec_part', capture: async () => null, apply: async () => {} });
		expect(registry('template-parts').has('spec_part')).toBe(true);
		expect(templatePart('spec_part')?.key).toBe('spec_part');
		registry('template-parts').delete('spec_part');
	});

	it('replaces a part registered twice under the same key', () => {
		const first = { key: 'twice', capture: async () => 1, apply: async () => {} };
		const second = { key: 'twice', capture: async () => 2, apply: async () => {} };
		registerTemplatePart(first);
		registerTemplatePart(second);
		expect(templatePart('twice')).toBe(second);
		registry('template-parts').delete('twice');
	});
});

describe('capture whitelists', () => {
	it('copies a workshop’s question and rules, never its join code, author, dates or id', () => {
		const captured = captureWorkshop({
			id: 'w-1',
			initiativeId: 'i-1',
			title: 'Hallen',
			question: 'Vad gör golven våta?',
			phase: 'closed',
			joinCode: 'ACDEFG',
			votesPerParticipant: 3,
			anonymous: true,
			silent: true,
			revealedAt: NOW,
			locked: true,
			tallyVisible: true,
			createdBy: 'u-maria',
			createdAt: NOW,
			updatedAt: NOW,
			closedAt: NOW
		});
		expect(captured).toEqual({ title: 'Hallen', question: 'Vad gör golven våta?', votesPerParticipant: 3, anonymous: true, silent: true });
		expect(workshopSetupSchema.parse([captured])).toEqual([captured]);
	});

	it('copies an RFI question’s words and answer form, not its links to the original’s needs and requirements', () => {
		const captured = captureQuestion({
			id: 'q-1',
			rfiId: 'r-1',
			position: 2,
			text: 'Mognadsgrad?',
			kind: 'choice',
			options: ['Idé', 'Prototyp'],
			multiple: false,
			needId: 'need-1',
			requirementUid: 'REQ-7',
			revision: 3,
			removedAt: null
		});
		expect(captured).toEqual({ text: 'Mognadsgrad?', kind: 'choice', options: ['Idé', 'Prototyp'], multiple: false });
		expect(JSON.stringify(captured)).not.toMatch(/need-1|REQ-7|r-1|q-1/);
		expect(rfiQuestionSetSchema.parse([{ title: 'RFI', intro: '', questions: [captured] }])[0].questions[0]).toEqual(captured);
	});

	it('copies a lesson’s phase and words, never its author or initiative', () => {
		const lesson = { id: 'l-1', initiativeId: 'i-1', phase: 'dialogue' as const, worked: 'Bra', didNotWork: 'Kort tid', recommendation: 'Fyra veckor', createdBy: 'u-1', createdAt: NOW, updatedAt: NOW };
		expect(captureLesson(lesson)).toEqual({ phase: 'dialogue', worked: 'Bra', didNotWork: 'Kort tid', recommendation: 'Fyra veckor' });
	});

	it('refuses stored data of the wrong shape instead of writing it into a new initiative', () => {
		expect(() => workshopSetupSchema.parse([{ title: 'x' }])).toThrow();
		expect(() => evaluationModelSchema.parse({ criteria: [] })).toThrow();
		expect(() => rfiQuestionSetSchema.parse([{ title: 'x', intro: '', questions: [{ text: 'y', kind: 'essay', options: [], multiple: false }] }])).toThrow();
	});
});
