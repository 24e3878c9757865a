import { describe, expect, it } from 'vitest';
import { pmToBlocks } from './brief.ts';
import { editorsLine } from './editors.ts';
import { procedureDocument } from './procedure.ts';
import { effectLogicDocument } from './effect-logic.ts';
import { slug, swedishDate } from './document.ts';
import type { ProcedureDecision } from '../advisor/index.ts';

describe('the brief on paper', () => {
	it('keeps headings, paragraphs with bold and italic, and nested lists', () => {
		const blocks = pmToBlocks({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bakgrund' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: 'Golven är ' }, { type: 'text', text: 'hala', marks: [{ type: 'bold' }] }] },
				{ type: 'paragraph' },
				{
					type: 'bulletList',
					content: [
						{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mål ett' }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Delmål' }] }] }] }] }
					]
				}
			]
		});
		expect(blocks).toEqual([
			{ kind: 'heading', level: 2, text: 'Bakgrund' },
			{ kind: 'paragraph', runs: [{ text: 'Golven är ' }, { text: 'hala', bold: true }] },
			{ kind: 'list', ordered: false, items: [{ level: 0, runs: [{ text: 'Mål ett' }] }, { level: 1, runs: [{ text: 'Delmål' }] }] }
		]);
	});

	it('says who edited last and who wrote, never how many updates', () => {
		const line = editorsLine([
			{ userId: 'u1', name: 'Ahmed Karimi', organisationId: 'o', organisation: 'Sjöstads kommun', organisationKind: 'buyer', lastAt: '2026-12-07T13:02:00Z' },
			{ userId: 'u2', name: 'Maria Lind', organisationId: 'o', organisation: 'Sjöstads kommun', organisationKind: 'buyer', lastAt: '2026-12-06T08:00:00Z' }
		]);
		expect(line).toMatch(/^Senast ändrat 7 december 2026 (kl\. )?14:02 av Ahmed Karimi\. Har skrivit: Ahmed Karimi, Maria Lind\.$/);
		expect(editorsLine([])).toBe('Ingen har skrivit i dokumentet ännu.');
	});
});

describe('the procedure decision on paper', () => {
	const decision: ProcedureDecision = {
		procedure: 'direct_award',
		reasoning: 'Piloten är liten.',
		directAwardReason: 'Under gränsen och brådskande inför vintern.',
		estimatedValueSek: 250_000,
		purchaseKind: 'services',
		buyerKind: 'municipality_region',
		marketSituation: 'exists',
		needsRnd: false,
		fit: 'good',
		thresholdsUsed: [{ name: 'direct_award', sek: 700_000, validFrom: '2022-02-01', validTo: null, reviewBy: '2024-02-01', reviewOverdue: true, source: 'LOU 19 kap. 2 §' }],
		decidedAt: '2026-12-07T10:00:00Z',
		decidedBy: { id: 'u', name: 'Ahmed Karimi' }
	};

	it('is absent until a procedure has been chosen', () => {
		expect(procedureDocument('X', null)).toBeNull();
	});

	it('states the choice, the reasons for a direct award, the figures and the thresholds used', () => {
		const doc = procedureDocument('Golv', decision)!;
		expect(doc.meta[0]).toMatch(/^Beslutat 7 december 2026 (kl\. )?11:00 av Ahmed Karimi\.$/);
		expect(doc.blocks).toContainEqual({ kind: 'field', label: 'Valt förfarande', value: 'Direktupphandling' });
		expect(doc.blocks).toContainEqual({ kind: 'paragraph', runs: [{ text: 'Under gränsen och brådskande inför vintern.' }] });
		const table = doc.blocks.find((b) => b.kind === 'table');
		expect(table && table.kind === 'table' && table.rows[0]).toEqual(['Direktupphandlingsgräns', expect.stringMatching(/700\s000\skr/), '1 februari 2022', 'LOU 19 kap. 2 §']);
	});
});

describe('the effect logic on paper', () => {
	it('follows every step back to what it builds on', () => {
		const doc = effectLogicDocument('Golv', {
			needs: [{ id: 'n1', title: 'Torra golv', statement: 'Golven ska vara torra.' }],
			logic: {
				activities: [{ id: 'a1', text: 'Pilot på tre förskolor', links: ['n1'] }],
				outputs: [{ id: 'o1', text: 'Mätdata', links: ['a1'] }],
				outcomes: [],
				impacts: [],
				updatedAt: null
			}
		});
		const tables = doc.blocks.filter((b) => b.kind === 'table');
		expect(tables.map((t) => t.kind === 'table' && t.rows)).toEqual([[['Pilot på tre förskolor', 'Torra golv']], [['Mätdata', 'Pilot på tre förskolor']]]);
		expect(doc.fileBase).toBe('effektlogik-golv');
	});
});

describe('formats', () => {
	it('makes ASCII file names from Swedish titles', () => {
		expect(slug('Torra och rena golv i förskolan')).toBe('torra-och-rena-golv-i-forskolan');
		expect(slug('???')).toBe('initiativ');
	});
	it('writes days the Swedish way', () => {
		expect(swedishDate('2024-01-01')).toBe('1 januari 2024');
	});
});
