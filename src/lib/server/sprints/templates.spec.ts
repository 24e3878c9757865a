import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from './templates.ts';
import { inputHash } from './commands.ts';
import { SPRINT_STAGES } from './stages.ts';
import { SPRINT_TERMS, TERMS_SHA256 } from './terms.ts';

describe('sprint templates', () => {
	it('runs every Design Sprint stage exactly once in both built-in templates, in order', () => {
		for (const t of Object.values(BUILT_IN_TEMPLATES)) {
			expect(t.schedule.flatMap((d) => d.stages)).toEqual([...SPRINT_STAGES]);
		}
		expect(BUILT_IN_TEMPLATES.design_sprint_5.schedule).toHaveLength(5);
		expect(BUILT_IN_TEMPLATES.design_sprint_4.schedule).toHaveLength(4);
	});
});

describe('the content hash of an input', () => {
	const base = { title: 'Fråga experterna', body: 'Anteckningar', files: [{ id: 'f1', sha256: 'a'.repeat(64) }] };

	it('is the same for the same content, whoever receives it', () => {
		expect(inputHash(base)).toBe(inputHash({ ...base, files: [...base.files] }));
		expect(inputHash(base)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('changes with the title, the text or any file', () => {
		const h = inputHash(base);
		expect(inputHash({ ...base, title: 'Annat' })).not.toBe(h);
		expect(inputHash({ ...base, body: 'Annat' })).not.toBe(h);
		expect(inputHash({ ...base, files: [{ id: 'f1', sha256: 'b'.repeat(64) }] })).not.toBe(h);
	});
});

describe('the terms of participation', () => {
	it('cover ownership, confidentiality and equal treatment in both languages, hashed', () => {
		expect(SPRINT_TERMS.sv).toHaveLength(3);
		expect(SPRINT_TERMS.en).toHaveLength(3);
		expect(TERMS_SHA256).toMatch(/^[0-9a-f]{64}$/);
	});
});
