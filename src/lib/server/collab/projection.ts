/**
 * A plain projection of a live document, for queries, search, exports and the journal: its text
 * and a JSON rendering of each shared type. Rich text (a ProseMirror/Tiptap `XmlFragment`)
 * becomes ProseMirror-shaped JSON (`{type, attrs, content}`, text nodes with `marks`), so an
 * export can walk it without loading Yjs.
 */
import * as Y from 'yjs';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Projection {
	/** Plain text, blocks separated by blank lines, shared types in name order. */
	text: string;
	/** One entry per non-empty shared type. */
	json: Record<string, JsonValue>;
}

export interface PmNode {
	type: string;
	attrs?: Record<string, JsonValue>;
	content?: PmNode[];
	text?: string;
	marks?: Array<{ type: string; attrs?: Record<string, JsonValue> }>;
}

/** The concrete kind of a root type that may still be an untyped `AbstractType` after loading. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rootKind(type: Y.AbstractType<any>): 'xml' | 'text' | 'array' | 'map' | 'empty' {
	if (type instanceof Y.XmlFragment) return 'xml';
	if (type instanceof Y.Text) return 'text';
	if (type instanceof Y.Array) return 'array';
	if (type instanceof Y.Map) return 'map';
	for (let item = type._start; item; item = item.right) {
		if (item.deleted) continue;
		const content = item.content;
		if (content instanceof Y.ContentType) {
			return content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText ? 'xml' : 'array';
		}
		if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) return 'text';
		return 'array';
	}
	for (const item of type._map.values()) if (!item.deleted) return 'map';
	return 'empty';
}

function marksOf(attributes: Record<string, unknown> | undefined) {
	if (!attributes) return undefined;
	const marks = Object.entries(attributes).map(([type, value]) =>
		value && typeof value === 'object' && Object.keys(value).length
			? { type, attrs: value as Record<string, JsonValue> }
			: { type }
	);
	return marks.length ? marks : undefined;
}

function xmlToPm(node: Y.XmlElement | Y.XmlText): PmNode[] {
	if (node instanceof Y.XmlText) {
		const delta = node.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
		return delta
			.filter((d) => typeof d.insert === 'string' && d.insert.length > 0)
			.map((d) => {
				const marks = marksOf(d.attributes);
				return marks ? { type: 'text', text: d.insert as string, marks } : { type: 'text', text: d.insert as string };
			});
	}
	const attrs = node.getAttributes() as Record<string, JsonValue>;
	const content = node.toArray().flatMap((child) => (child instanceof Y.XmlHook ? [] : xmlToPm(child as Y.XmlElement | Y.XmlText)));
	const out: PmNode = { type: node.nodeName };
	if (Object.keys(attrs).length) out.attrs = attrs;
	if (content.length) out.content = content;
	return [out];
}

/** ProseMirror-shaped JSON of an XML fragment (the form Tiptap's Collaboration extension stores). */
export function fragmentToPm(fragment: Y.XmlFragment): PmNode {
	return {
		type: 'doc',
		content: fragment.toArray().flatMap((child) => (child instanceof Y.XmlHook ? [] : xmlToPm(child as Y.XmlElement | Y.XmlText)))
	};
}

/** Plain text of a ProseMirror tree: leaf blocks become paragraphs separated by blank lines. */
export function pmToText(node: PmNode): string {
	const blocks: string[] = [];
	const walk = (n: PmNode): string => {
		if (n.type === 'text') return n.text ?? '';
		if (n.type === 'hardBreak' || n.type === 'hard_break') return '\n';
		const children = n.content ?? [];
		const inline = children.every((c) => c.type === 'text' || c.type === 'hardBreak' || c.type === 'hard_break');
		if (inline) return children.map(walk).join('');
		for (const c of children) {
			const t = walk(c);
			if (t) blocks.push(t);
		}
		return '';
	};
	const top = walk(node);
	if (top) blocks.push(top);
	return blocks.join('\n\n');
}

function valueText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join('\n');
	if (value && typeof value === 'object') return Object.values(value).map(valueText).filter(Boolean).join('\n');
	return '';
}

/** Projects a document. Never throws for an odd document: unknown content is skipped. */
export function projectDoc(doc: Y.Doc): Projection {
	const json: Record<string, JsonValue> = {};
	const texts: string[] = [];
	for (const name of [...doc.share.keys()].sort()) {
		const kind = rootKind(doc.share.get(name)!);
		if (kind === 'empty') continue;
		if (kind === 'xml') {
			const pm = fragmentToPm(doc.getXmlFragment(name));
			json[name] = pm as unknown as JsonValue;
			texts.push(pmToText(pm));
		} else if (kind === 'text') {
			const text = doc.getText(name).toString();
			json[name] = text;
			texts.push(text);
		} else if (kind === 'array') {
			const value = doc.getArray(name).toJSON() as JsonValue;
			json[name] = value;
			texts.push(valueText(value));
		} else {
			const value = doc.getMap(name).toJSON() as JsonValue;
			json[name] = value;
			texts.push(valueText(value));
		}
	}
	return { text: texts.filter(Boolean).join('\n\n'), json };
}
