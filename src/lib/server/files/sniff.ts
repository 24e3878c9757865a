/**
 * What a file is, decided from its bytes — never from its name or the browser's claimed type.
 * Only the kinds a procurement needs are accepted: documents (PDF, Office Open XML,
 * OpenDocument), images (PNG, JPEG, GIF, WebP) and plain text / CSV. Anything else —
 * HTML, SVG, scripts, executables, archives — is refused, so an upload can never be made to run
 * in the browser on Brygga's origin.
 */
import { unzipSync } from 'fflate';

export interface Sniffed {
	mediaType: string;
	/** The extension the served file gets when the user's name lacks a fitting one. */
	extension: string;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

const OOXML: Record<string, Sniffed> = {
	'word/': { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
	'xl/': { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
	'ppt/': { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' }
};

const ODF: Record<string, Sniffed> = {
	'application/vnd.oasis.opendocument.text': { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
	'application/vnd.oasis.opendocument.spreadsheet': { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
	'application/vnd.oasis.opendocument.presentation': { mediaType: 'application/vnd.oasis.opendocument.presentation', extension: 'odp' }
};

/** Largest archive we look into; Office documents of 25 MB have small directories. */
const MAX_ZIP_ENTRIES = 5000;

function sniffZip(bytes: Uint8Array): Sniffed | null {
	const names: string[] = [];
	let entries: Record<string, Uint8Array>;
	try {
		// Reads the directory; only the tiny `mimetype` entry of OpenDocument files is inflated.
		entries = unzipSync(bytes, {
			filter(file) {
				if (names.length >= MAX_ZIP_ENTRIES) throw new Error('too many entries');
				names.push(file.name);
				return file.name === 'mimetype' && file.originalSize < 200;
			}
		});
	} catch {
		return null;
	}
	if (entries.mimetype) return ODF[new TextDecoder().decode(entries.mimetype).trim()] ?? null;
	if (!names.includes('[Content_Types].xml')) return null;
	for (const [prefix, kind] of Object.entries(OOXML)) if (names.some((n) => n.startsWith(prefix))) return kind;
	return null;
}

/** Plain text: valid UTF-8 (BOM allowed), no NUL or other binary control bytes, not markup. */
function sniffText(bytes: Uint8Array): Sniffed | null {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
	// Markup a browser would render or run is not "plain text", whatever its name says.
	if (/^\s*<(?:!doctype|html|svg|\?xml|script|head|body)/i.test(text.replace(/^\uFEFF/, ''))) return null;
	const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
	const looksCsv = /[;,\t]/.test(firstLine) && text.split(/\r?\n/).filter(Boolean).length > 1;
	return looksCsv ? { mediaType: 'text/csv', extension: 'csv' } : { mediaType: 'text/plain', extension: 'txt' };
}

/** The detected kind, or null when the content is not one Brygga accepts. */
export function sniff(bytes: Uint8Array): Sniffed | null {
	if (bytes.length === 0) return null;
	if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', extension: 'pdf' };
	if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', extension: 'png' };
	if (starts(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
	if (starts(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return { mediaType: 'image/gif', extension: 'gif' };
	if (starts(bytes, [0x52, 0x49, 0x46, 0x46]) && starts(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return { mediaType: 'image/webp', extension: 'webp' };
	if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
	return sniffText(bytes);
}

/**
 * A file name safe to store and to put in Content-Disposition: no path, no control or bidi
 * characters, at most 200 characters, and the detected extension when the name lacks it.
 */
export function cleanName(name: string, kind: Sniffed): string {
	let base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	base = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
	base = base.replace(/^\.+/, '');
	if (!base) base = 'fil';
	if (base.length > 200) base = base.slice(0, 200);
	const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
	const fits = ext === kind.extension || (kind.extension === 'jpg' && ext === 'jpeg') || (kind.extension === 'txt' && ['txt', 'text', 'md'].includes(ext));
	return fits ? base : `${base}.${kind.extension}`;
}
