/**
 * The stored history used for the cold-load measurement: a document typed one character at a
 * time (each keystroke one Yjs update, as an editor produces them), saved as length-prefixed
 * records so both servers load exactly the same bytes.
 */
import fs from 'node:fs';
import * as Y from 'yjs';

/** Types `count` characters into `text` one by one, with a line break every 80. */
export function typingHistory(count: number): { updates: Uint8Array[]; text: string } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const text = doc.getText('t');
	const sample = 'Behovet är att minska fallolyckor bland äldre i hemtjänsten med minst 20 procent. ';
	for (let i = 0; i < count; i++) text.insert(text.length, i % 80 === 79 ? '\n' : sample[i % sample.length]);
	const out = { updates, text: text.toString() };
	doc.destroy();
	return out;
}

export function writeUpdates(file: string, updates: Uint8Array[]): void {
	const parts: Buffer[] = [];
	for (const u of updates) {
		const len = Buffer.alloc(4);
		len.writeUInt32LE(u.byteLength);
		parts.push(len, Buffer.from(u));
	}
	fs.writeFileSync(file, Buffer.concat(parts));
}

export function readUpdates(file: string): Uint8Array[] {
	const buf = fs.readFileSync(file);
	const out: Uint8Array[] = [];
	for (let at = 0; at < buf.length; ) {
		const len = buf.readUInt32LE(at);
		out.push(new Uint8Array(buf.subarray(at + 4, at + 4 + len)));
		at += 4 + len;
	}
	return out;
}
