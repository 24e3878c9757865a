import { describe, expect, it } from 'vitest';
import { registerReportSection, reportSections } from './sections.ts';
import { registry } from '../registry.ts';
import { reportDocument } from './index.ts';

describe('the report section registry', () => {
	it('orders the built-in sections with room between them (pilots go in at 60)', () => {
		const order = reportSections().map((s) => [s.key, s.order]);
		expect(order).toEqual(
			expect.arrayContaining([
				['initiative', 10],
				['requirements', 20],
				['rfis', 30],
				['tenders', 40],
				['decisions', 50],
				['lessons', 70]
			])
		);
		const orders = reportSections().map((s) => s.order);
		expect(orders).toEqual([...orders].sort((a, b) => a - b));
	});

	it('puts a section registered later by another capability in its place by order number, on globalThis', () => {
		registerReportSection({ key: 'pilots_spec', order: 60, build: async () => ({ title: 'Pilot', blocks: [] }) });
		const keys = reportSections().map((s) => s.key);
		expect(keys.indexOf('pilots_spec')).toBe(keys.indexOf('decisions') + 1);
		expect(keys.indexOf('lessons')).toBe(keys.indexOf('pilots_spec') + 1);
		expect(registry('report-sections').has('pilots_spec')).toBe(true);
		registry('report-sections').delete('pilots_spec');
	});
});

describe('the report as a document', () => {
	it('turns sections into level-1 headings and their blocks into the committee document blocks, tables captioned by the heading above them', () => {
		const doc = reportDocument({
			initiativeId: 'i-1',
			initiativeTitle: 'Torra golv i förskolan',
			generatedAt: '2026-12-07T10:00:00Z',
			sections: [
				{
					key: 'tenders',
					title: 'Upphandling',
					blocks: [
						{ kind: 'heading', text: 'Pilot: torra golv' },
						{ kind: 'table', columns: ['Uppgift', 'Värde'], rows: [['Tilldelad', 'Golvteknik AB']] },
						{ kind: 'paragraph', text: 'Bäst tidsbesparing.' }
					]
				}
			]
		});
		expect(doc.kind).toBe('Slutrapport');
		expect(doc.fileBase).toBe('slutrapport-torra-golv-i-forskolan');
		expect(doc.meta[0]).toMatch(/^Sammanställd 7 december 2026/);
		expect(doc.blocks).toEqual([
			{ kind: 'heading', level: 1, text: 'Upphandling' },
			{ kind: 'heading', level: 2, text: 'Pilot: torra golv' },
			{ kind: 'table', caption: 'Pilot: torra golv', headers: ['Uppgift', 'Värde'], rows: [['Tilldelad', 'Golvteknik AB']] },
			{ kind: 'paragraph', runs: [{ text: 'Bäst tidsbesparing.' }] }
		]);
	});
});
