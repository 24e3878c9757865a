import { describe, expect, it } from 'vitest';
import { createTenderSchema } from './validation.ts';
import { fieldOfCode, tenderFieldErrors, tenderInput } from './pages.ts';

function form(entries: Array<[string, string]>): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('the new tender round form read into the API body', () => {
	it('reads the deadline as Swedish time, the openers, and criteria rows with their linked requirements', () => {
		const { body } = tenderInput(
			form([
				['title', 'Larm'],
				['requirementsVersion', '2'],
				['deadline', '2027-03-20T13:00'],
				['openers', 'a'],
				['openers', 'b'],
				['c_name', 'Pris'],
				['c_weight', '40'],
				['c_kind', 'price'],
				['c_name', 'Kvalitet'],
				['c_weight', '60,5'],
				['c_kind', 'quality'],
				['c_req_1', 'uid-k1'],
				['c_req_1', 'uid-k2']
			])
		);
		expect(body).toEqual({
			title: 'Larm',
			requirementsVersion: 2,
			deadline: '2027-03-20T13:00:00+01:00',
			openers: ['a', 'b'],
			criteria: [
				{ name: 'Pris', weight: 40, kind: 'price' },
				{ name: 'Kvalitet', weight: 60.5, kind: 'quality', requirementIds: ['uid-k1', 'uid-k2'] }
			]
		});
	});

	it('skips empty rows, keeps the typed values for the form, and lets the schema refuse what is missing', () => {
		const { body, values } = tenderInput(form([['title', ''], ['deadline', ''], ['c_name', ''], ['c_weight', ''], ['c_kind', 'quality'], ['c_name', 'Kvalitet'], ['c_weight', 'mycket'], ['c_kind', 'quality']]));
		expect(values.criteria).toEqual([{ name: 'Kvalitet', weight: 'mycket', kind: 'quality', requirementIds: [] }]);
		const parsed = createTenderSchema.safeParse(body);
		expect(parsed.success).toBe(false);
		const errors = tenderFieldErrors(parsed.error!.issues);
		expect(errors.title).toBe('Titeln behöver fyllas i.');
		expect(errors.requirementsVersion).toBe('Ange en publicerad kravversion.');
		expect(errors.openers).toBe('Ange minst två förrättare för anbudsöppningen.');
		expect(errors.criteria).toBe('Kriterium 1: Vikten måste vara ett tal.');
		expect(errors.deadline).toMatch(/^Sista anbudsdag måste vara en tidpunkt/);
	});

	it('puts a command’s refusal beside the field it is about', () => {
		expect(fieldOfCode('deadline_in_past')).toBe('deadline');
		expect(fieldOfCode('invalid_openers')).toBe('openers');
		expect(fieldOfCode('unknown_requirement')).toBe('criteria');
		expect(fieldOfCode('something_else')).toBe('form');
	});
});
