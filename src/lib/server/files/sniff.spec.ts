import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { cleanName, sniff } from './sniff.ts';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0x20)]);
const text = (s: string) => new TextEncoder().encode(s);

describe('deciding what a file is from its bytes', () => {
	it('recognises PDF and the image formats by their signatures', () => {
		expect(sniff(text('%PDF-1.7\n…'))?.mediaType).toBe('application/pdf');
		expect(sniff(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))?.mediaType).toBe('image/png');
		expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0))?.mediaType).toBe('image/jpeg');
		expect(sniff(text('GIF89a......'))?.mediaType).toBe('image/gif');
		expect(sniff(new Uint8Array([...text('RIFF'), 0, 0, 0, 0, ...text('WEBPVP8 ')]))?.mediaType).toBe('image/webp');
	});

	it('tells Word, Excel and OpenDocument apart by what the archive holds', () => {
		const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') });
		const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<x/>') });
		const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<c/>') });
		expect(sniff(docx)?.extension).toBe('docx');
		expect(sniff(xlsx)?.extension).toBe('xlsx');
		expect(sniff(odt)?.extension).toBe('odt');
	});

	it('refuses a plain ZIP, an executable, HTML and SVG whatever they are called', () => {
		expect(sniff(zipSync({ 'a.exe': strToU8('MZ') }))).toBeNull();
		expect(sniff(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
		expect(sniff(text('<!DOCTYPE html><script>alert(1)</script>'))).toBeNull();
		expect(sniff(text('  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
		expect(sniff(text('<?xml version="1.0"?><svg/>'))).toBeNull();
		expect(sniff(new Uint8Array())).toBeNull();
	});

	it('accepts UTF-8 text and CSV but not binary bytes dressed as text', () => {
		expect(sniff(text('Svar på fråga 3: vi levererar inom 6 veckor.'))?.mediaType).toBe('text/plain');
		expect(sniff(text('\uFEFFvecka;fall\n1;4\n2;3\n'))?.mediaType).toBe('text/csv');
		expect(sniff(new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
		expect(sniff(new Uint8Array([0xc3, 0x28]))).toBeNull();
	});
});

describe('cleaning the name a file is stored and served under', () => {
	const pdf = { mediaType: 'application/pdf', extension: 'pdf' };
	it('drops folders, control and bidi characters and leading dots', () => {
		expect(cleanName('C:\\Users\\x\\..\\Anbud.pdf', pdf)).toBe('Anbud.pdf');
		expect(cleanName('../../etc/passwd', pdf)).toBe('passwd.pdf');
		expect(cleanName('fak\u202Etxt.pdf', pdf)).toBe('faktxt.pdf');
		expect(cleanName('...', pdf)).toBe('fil.pdf');
	});
	it('adds the detected extension when the name claims another type', () => {
		expect(cleanName('bild.html', { mediaType: 'image/png', extension: 'png' })).toBe('bild.html.png');
		expect(cleanName('foto.JPEG', { mediaType: 'image/jpeg', extension: 'jpg' })).toBe('foto.JPEG');
	});
});
