import { describe, expect, it } from 'vitest';
import { priceFromForm, tenderFromForm } from './supplier-pages.ts';

describe('the supplier’s tender form read into the API’s body', () => {
	it('reads Swedish prices with spaces, a decimal comma and "kr", and refuses anything else', () => {
		expect(priceFromForm('1 250 000')).toBe(1_250_000);
		expect(priceFromForm('1\u00a0250\u202f000,50 kr')).toBe(1_250_000.5);
		expect(priceFromForm('240000.5')).toBe(240_000.5);
		expect(priceFromForm('  ')).toBeNull();
		expect(priceFromForm('tvåhundra')).toBeNaN();
		expect(priceFromForm('-5')).toBeNaN();
	});

	it('keeps answered requirements only, pairs confidentiality rows, skips empty rows and repeated files', () => {
		const form = new FormData();
		form.set('a_K1', 'Svar ett');
		form.set('a_K2', '   ');
		form.set('price', '100');
		for (const [req, what, why] of [
			['K1', 'Konstruktionen', 'Affärshemlighet'],
			['', '', ''],
			['', 'Hela priset', 'Förhandlingsläge']
		]) {
			form.append('c_req', req);
			form.append('c_what', what);
			form.append('c_why', why);
		}
		form.append('attachment', 'f1');
		form.append('attachment', 'f1');
		expect(tenderFromForm(form, ['K1', 'K2', 'K3'])).toEqual({
			answers: [{ requirementId: 'K1', value: 'Svar ett' }],
			priceSek: 100,
			confidentiality: [
				{ requirementId: 'K1', what: 'Konstruktionen', why: 'Affärshemlighet' },
				{ what: 'Hela priset', why: 'Förhandlingsläge' }
			],
			attachments: ['f1']
		});
	});
});
