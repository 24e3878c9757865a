import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { Document, Packer } from 'docx';
import { paragraphs } from './export.ts';

async function documentXml(text: string): Promise<string> {
	const doc = new Document({ sections: [{ children: paragraphs(text) }] });
	const zip = Buffer.from(await Packer.toBuffer(doc));
	// A DOCX is a zip: walk its local file headers to word/document.xml and inflate it.
	let offset = 0;
	while (offset < zip.length - 30 && zip.readUInt32LE(offset) === 0x04034b50) {
		const method = zip.readUInt16LE(offset + 8);
		const size = zip.readUInt32LE(offset + 18);
		const nameLen = zip.readUInt16LE(offset + 26);
		const extraLen = zip.readUInt16LE(offset + 28);
		const name = zip.subarray(offset + 30, offset + 30 + nameLen).toString();
		const start = offset + 30 + nameLen + extraLen;
		const body = zip.subarray(start, start + size);
		if (name === 'word/document.xml') return (method === 8 ? inflateRawSync(body) : body).toString();
		offset = start + size;
	}
	throw new Error('word/document.xml not found');
}

describe('requirement text in DOCX', () => {
	it('keeps one paragraph per line and turns "• " lines into bullet items', async () => {
		const ps = paragraphs('Larmet ska nå personal:\n• inom 2 minuter\n  • även nattetid\nSlut');
		expect(ps).toHaveLength(4);
		const xml = await documentXml('Larmet ska nå personal:\n• inom 2 minuter\n  • även nattetid\nSlut');
		expect(xml.match(/<w:p>|<w:p /g)?.length).toBe(4);
		expect(xml.match(/<w:numPr>/g)?.length).toBe(2);
		expect(xml).toContain('<w:ilvl w:val="1"/>');
		expect(xml).toContain('inom 2 minuter');
		expect(xml).not.toContain('• ');
	});
});
