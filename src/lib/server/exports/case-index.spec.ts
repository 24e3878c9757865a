import { describe, expect, it } from 'vitest';
import { caseFileIndex, chainSentence } from './case-index.ts';

const base = {
	initiativeTitle: 'Torra och rena golv i förskolan',
	initiativeId: '6f1c1f7e-0000-4000-8000-000000000001',
	generatedAt: new Date('2026-12-07T13:05:00Z'),
	generatedBy: 'Maria Lind',
	files: [
		{ path: 'journal/journal.csv', description: 'Journalen, 12 poster.', sha256: 'a'.repeat(64), bytes: 2048 },
		{ path: 'kravspecifikation/version-1.json', description: 'Version 1 exakt som den publicerades.', sha256: 'b'.repeat(64), bytes: 512 }
	],
	omitted: [] as Array<{ what: string; why: string }>
};

describe('the case file index', () => {
	it('names the initiative, who took it out and when in Swedish time', () => {
		const text = caseFileIndex({ ...base, chain: { ok: true, entries: 12 } });
		expect(text).toContain('Akt för initiativet "Torra och rena golv i förskolan"');
		expect(text).toContain('Maria Lind');
		expect(text).toMatch(/7 december 2026 (kl\. )?14:05/);
	});

	it('lists every file with its size and SHA-256', () => {
		const text = caseFileIndex({ ...base, chain: { ok: true, entries: 12 } });
		for (const f of base.files) {
			expect(text).toContain(f.path);
			expect(text).toContain(`${f.bytes} byte, SHA-256 ${f.sha256}`);
		}
	});

	it('says the chain holds when it does, and where it breaks when it does not', () => {
		expect(caseFileIndex({ ...base, chain: { ok: true, entries: 12 } })).toContain('Kedjekontroll: OK. Journalens 12 poster hänger ihop');
		const broken = caseFileIndex({ ...base, chain: { ok: false, entries: 12, brokenAt: 7 } });
		expect(broken).toContain('Kedjekontroll: BRUTEN vid post 7 (av 12)');
		expect(broken).not.toContain('Kedjekontroll: OK');
	});

	it('says what was left out and why', () => {
		const text = caseFileIndex({ ...base, chain: { ok: true, entries: 1 }, omitted: [{ what: 'Valet av förfarande', why: 'inget förfarande har valts ännu.' }] });
		expect(text).toContain('Inte med i akten:');
		expect(text).toContain('- Valet av förfarande: inget förfarande har valts ännu.');
	});

	it('uses Windows line ends so Notepad shows the lines', () => {
		expect(caseFileIndex({ ...base, chain: { ok: true, entries: 12 } })).toContain('\r\n');
		expect(chainSentence({ ok: true, entries: 0 })).not.toContain('\n');
	});
});
