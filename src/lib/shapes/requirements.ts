/**
 * The shape of the requirements draft inside its live document `requirements.<initiativeId>`,
 * shared by the browser editor and the server projection:
 *
 * - `Y.Array('requirements')` of `Y.Map`s: `uid` (stable uuid), `key` ("K1"…, assigned once and
 *   never reused), `kind` and `obligation` (the two axes of a requirement's type, see
 *   `REQUIREMENT_KINDS`), `section` (a section uid or ''), `text` — rich text as a
 *   `Y.XmlFragment` in the Tiptap/ProseMirror shape (paragraphs, bullet lists, bold/italic marks),
 *   edited with `RichTextField.svelte` — the Y.Text fields `rationale` and `verification`, plus
 *   `needIds` (a Y.Array of need ids). Array order is the order of the specification.
 *   Documents written before rich text hold `text` as a plain `Y.Text`: both shapes are read
 *   (`fieldText`), and an editing client upgrades the old shape (`upgradeLegacyTexts`).
 * - Everything outside the document (API, versions, diff, exports, the brand hint) sees the
 *   requirement text as its **plain-text projection** (`fragmentText`): one line per paragraph,
 *   bullet list items as lines starting with "• " (numbered items "1. "), nested items indented
 *   by two spaces. Bold and italic are formatting only and do not appear in the projection.
 * - `Y.Array('sections')` of `Y.Map`s: `uid`, `title` (Y.Text).
 * - `Y.Map('meta')`: `lastKey` (highest key number ever handed out), so deleted keys are not reused.
 * - Documents and published versions written before the two axes hold one `type`
 *   (`function` | `ska` | `bor` | `award`); readers convert it with `axesFromLegacyType` (a key
 *   of the new shape, when present, wins), and writing either axis drops the old key.
 *
 * Plain TypeScript with Yjs only: no SvelteKit, no server code.
 */
import * as Y from 'yjs';

/**
 * What a requirement is about (the first axis): a function the solution performs, how well it
 * performs it, and the usual other families of a Swedish kravspecifikation. Needs are
 * formulated as functions, so `function` is the default.
 */
export const REQUIREMENT_KINDS = ['function', 'performance', 'usability', 'security', 'integration', 'sustainability', 'other'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

/**
 * How binding a requirement is (the second axis): a mandatory requirement (ska-krav) a tender
 * must meet, a desirable one (bör-krav), or an award criterion (tilldelningskriterium) that is
 * scored. A requirement is mandatory unless said otherwise.
 */
export const REQUIREMENT_OBLIGATIONS = ['ska', 'bor', 'award'] as const;
export type RequirementObligation = (typeof REQUIREMENT_OBLIGATIONS)[number];

/** The single type of documents and versions written before the two axes. */
export const LEGACY_REQUIREMENT_TYPES = ['function', 'ska', 'bor', 'award'] as const;
export type LegacyRequirementType = (typeof LEGACY_REQUIREMENT_TYPES)[number];

function isKind(v: unknown): v is RequirementKind {
	return (REQUIREMENT_KINDS as readonly unknown[]).includes(v);
}
function isObligation(v: unknown): v is RequirementObligation {
	return (REQUIREMENT_OBLIGATIONS as readonly unknown[]).includes(v);
}

/**
 * The two axes of an old single type. The old list named either the kind (`function`) or the
 * obligation (`ska`, `bor`, `award`), never both: the missing axis takes its default (a function
 * requirement; mandatory). Unknown values read as the defaults too.
 */
export function axesFromLegacyType(type: unknown): { kind: RequirementKind; obligation: RequirementObligation } {
	return { kind: 'function', obligation: type === 'bor' || type === 'award' ? type : 'ska' };
}

/**
 * Both axes of a stored requirement (a Y.Map's values or a version's JSON object): the new keys
 * where they hold a known value, the conversion of the old `type` otherwise.
 */
export function readAxes(get: (key: string) => unknown): { kind: RequirementKind; obligation: RequirementObligation } {
	const legacy = axesFromLegacyType(get('type'));
	const kind = get('kind');
	const obligation = get('obligation');
	return { kind: isKind(kind) ? kind : legacy.kind, obligation: isObligation(obligation) ? obligation : legacy.obligation };
}

export interface RequirementJson {
	/** The visible id, e.g. "K1". */
	id: string;
	/** Stable uid inside the document (survives re-keying and moves). */
	uid: string;
	kind: RequirementKind;
	obligation: RequirementObligation;
	text: string;
	rationale: string;
	needIds: string[];
	verification: string;
	/** Section uid, or null when the requirement is not in a section. */
	section: string | null;
}

export interface SectionJson {
	id: string;
	title: string;
}

export interface RequirementsJson {
	sections: SectionJson[];
	requirements: RequirementJson[];
}

export const TEXT_FIELDS = ['text', 'rationale', 'verification'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/** The fields kept as plain `Y.Text` (the requirement text itself is rich, see above). */
export const PLAIN_FIELDS = ['rationale', 'verification'] as const;

export function requirementsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>('requirements');
}
export function sectionsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>('sections');
}
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

function str(v: unknown): string {
	if (v instanceof Y.Text) return v.toString();
	return typeof v === 'string' ? v : '';
}

/** Prefix of a bullet list item in the plain-text projection. */
export const BULLET = '• ';

/** The characters of one block (paragraph, heading …): its text runs, hard breaks as new lines. */
function inlineText(el: Y.XmlElement | Y.XmlFragment): string {
	let out = '';
	for (const child of el.toArray()) {
		if (child instanceof Y.XmlText) {
			for (const d of child.toDelta() as Array<{ insert?: unknown }>) if (typeof d.insert === 'string') out += d.insert;
		} else if (child instanceof Y.XmlElement) {
			out += child.nodeName === 'hardBreak' ? '\n' : inlineText(child);
		}
	}
	return out;
}

function blockLines(node: Y.XmlElement | Y.XmlText | Y.XmlHook, indent: string, out: string[]): void {
	if (node instanceof Y.XmlText) {
		out.push(indent + (node.toDelta() as Array<{ insert?: unknown }>).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join(''));
		return;
	}
	if (!(node instanceof Y.XmlElement)) return;
	switch (node.nodeName) {
		case 'bulletList':
		case 'orderedList': {
			const ordered = node.nodeName === 'orderedList';
			const start = Number(node.getAttribute('start')) || 1;
			node.toArray().forEach((item, i) => {
				if (!(item instanceof Y.XmlElement)) return;
				const lines: string[] = [];
				for (const child of item.toArray()) blockLines(child, '', lines);
				const marker = ordered ? `${start + i}. ` : BULLET;
				// Further blocks of the item (a nested list, a second paragraph) are indented by two spaces.
				lines.forEach((line, j) => out.push(indent + (j === 0 ? marker : '  ') + line));
				if (!lines.length) out.push(indent + marker.trimEnd());
			});
			return;
		}
		case 'horizontalRule':
			return;
		case 'blockquote':
		case 'listItem':
			for (const child of node.toArray()) blockLines(child, indent, out);
			return;
		default:
			out.push(indent + inlineText(node));
	}
}

/**
 * The plain-text projection of a rich text (see the module comment): deterministic, so the same
 * document always gives the same string — published versions and the diff are built on it.
 */
export function fragmentText(fragment: Y.XmlFragment): string {
	const out: string[] = [];
	for (const child of fragment.toArray()) blockLines(child, '', out);
	return out.join('\n').replace(/\s+$/, '');
}

export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: Array<{ level: number; text: string }> };

/**
 * A plain-text projection read back as blocks for display (print view): paragraphs, and runs of
 * "• " lines as one bullet list with each item's nesting level.
 */
export function textBlocks(text: string): TextBlock[] {
	const blocks: TextBlock[] = [];
	for (const line of text.split('\n')) {
		const bullet = /^((?:  )*)• (.*)$/.exec(line);
		const last = blocks[blocks.length - 1];
		if (bullet) {
			const item = { level: bullet[1].length / 2, text: bullet[2] };
			if (last?.kind === 'list') last.items.push(item);
			else blocks.push({ kind: 'list', items: [item] });
		} else blocks.push({ kind: 'paragraph', text: line });
	}
	return blocks;
}

/** The text of a field in either shape (rich `Y.XmlFragment` or plain `Y.Text`). */
export function fieldText(v: unknown): string {
	if (v instanceof Y.XmlFragment) return fragmentText(v);
	return str(v);
}

/**
 * Fills an empty fragment from plain text: one paragraph per line, consecutive lines starting with
 * "• " as one bullet list. Always at least one (empty) paragraph, so an editor bound to it never
 * has to write a first paragraph of its own. `fragmentText` gives the (right-trimmed) text back.
 */
export function fillFragment(fragment: Y.XmlFragment, text: string): void {
	const blocks: Y.XmlElement[] = [];
	const paragraph = (line: string) => {
		const p = new Y.XmlElement('paragraph');
		if (line) p.insert(0, [new Y.XmlText(line)]);
		return p;
	};
	let list: Y.XmlElement | null = null;
	for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
		if (line.startsWith(BULLET)) {
			if (!list) blocks.push((list = new Y.XmlElement('bulletList')));
			const item = new Y.XmlElement('listItem');
			item.insert(0, [paragraph(line.slice(BULLET.length))]);
			list.push([item]);
		} else {
			list = null;
			blocks.push(paragraph(line));
		}
	}
	fragment.insert(0, blocks);
}


function keyNumber(key: unknown): number {
	const m = typeof key === 'string' ? /^K(\d+)$/.exec(key) : null;
	return m ? Number(m[1]) : 0;
}

/** The highest key number ever handed out in this document. */
export function lastKeyNumber(doc: Y.Doc): number {
	let max = Number(metaMap(doc).get('lastKey') ?? 0) || 0;
	for (const r of requirementsArray(doc)) max = Math.max(max, keyNumber(r.get('key')));
	return max;
}

/** Reads one requirement map as JSON, converting the old single `type` (see `readAxes`). */
export function requirementJson(map: Y.Map<unknown>): RequirementJson {
	const needs = map.get('needIds');
	const section = map.get('section');
	return {
		id: str(map.get('key')),
		uid: str(map.get('uid')),
		...readAxes((k) => map.get(k)),
		text: fieldText(map.get('text')),
		rationale: str(map.get('rationale')),
		needIds: needs instanceof Y.Array ? needs.toArray().filter((n): n is string => typeof n === 'string') : [],
		verification: str(map.get('verification')),
		section: typeof section === 'string' && section ? section : null
	};
}

/**
 * The draft as JSON, in document order. Two requirements that ended up with the same key
 * (two people adding at the same instant, offline) keep it for the first and show the later one
 * with its uid-based fallback until an editor re-keys it.
 */
export function projectRequirements(doc: Y.Doc): RequirementsJson {
	const sections = sectionsArray(doc)
		.toArray()
		.filter((m) => m instanceof Y.Map)
		.map((m) => ({ id: str(m.get('uid')), title: str(m.get('title')) }));
	const seen = new Set<string>();
	const requirements = requirementsArray(doc)
		.toArray()
		.filter((m) => m instanceof Y.Map)
		.map((m) => {
			const r = requirementJson(m);
			if (!r.id || seen.has(r.id)) r.id = `K?-${r.uid.slice(0, 8)}`;
			seen.add(r.id);
			return r;
		});
	return { sections, requirements };
}

export interface NewRequirement {
	uid: string;
	kind?: RequirementKind;
	obligation?: RequirementObligation;
	text?: string;
	rationale?: string;
	verification?: string;
	needIds?: string[];
	section?: string | null;
}

/** Appends (or inserts at `index`) a requirement with the next unused key. Call inside a transaction. */
export function addRequirement(doc: Y.Doc, init: NewRequirement, index?: number): string {
	const n = lastKeyNumber(doc) + 1;
	const key = `K${n}`;
	const map = new Y.Map<unknown>();
	map.set('uid', init.uid);
	map.set('key', key);
	map.set('kind', init.kind ?? 'function');
	map.set('obligation', init.obligation ?? 'ska');
	map.set('section', init.section ?? '');
	map.set('text', new Y.XmlFragment());
	for (const f of PLAIN_FIELDS) map.set(f, new Y.Text(init[f] ?? ''));
	const needs = new Y.Array<string>();
	if (init.needIds?.length) needs.push(init.needIds);
	map.set('needIds', needs);
	const arr = requirementsArray(doc);
	arr.insert(index === undefined ? arr.length : Math.max(0, Math.min(index, arr.length)), [map]);
	// Filled once integrated: Yjs types only hold content inside a document.
	fillFragment(map.get('text') as Y.XmlFragment, init.text ?? '');
	metaMap(doc).set('lastKey', n);
	return key;
}

/**
 * Gives a fresh key to every requirement whose key another, earlier requirement already has
 * (two people adding at the same instant both took the next number). Deterministic: of two
 * holders the one later in document order is re-keyed, so every client makes the same repair
 * and Yjs merges the identical writes. Returns true when something changed. Call inside a transaction.
 */
export function repairDuplicateKeys(doc: Y.Doc): boolean {
	const seen = new Set<string>();
	let changed = false;
	for (const map of requirementsArray(doc)) {
		if (!(map instanceof Y.Map)) continue;
		const key = map.get('key');
		if (typeof key === 'string' && key && !seen.has(key)) {
			seen.add(key);
			continue;
		}
		const n = lastKeyNumber(doc) + 1;
		map.set('key', `K${n}`);
		metaMap(doc).set('lastKey', n);
		seen.add(`K${n}`);
		changed = true;
	}
	return changed;
}

/** Adds a section with a title. Call inside a transaction. */
export function addSection(doc: Y.Doc, uid: string, title: string): void {
	const map = new Y.Map<unknown>();
	map.set('uid', uid);
	map.set('title', new Y.Text(title));
	sectionsArray(doc).push([map]);
}

/** Index of the requirement with this uid, or -1. */
export function indexOfUid(doc: Y.Doc, uid: string): number {
	return requirementsArray(doc)
		.toArray()
		.findIndex((m) => m instanceof Y.Map && m.get('uid') === uid);
}

/**
 * Moves a requirement to a new position. Yjs has no move: the map is re-created with the same
 * content at the new index (the key and uid stay). Call inside a transaction.
 */
export function moveRequirement(doc: Y.Doc, uid: string, to: number): void {
	const arr = requirementsArray(doc);
	const from = indexOfUid(doc, uid);
	if (from < 0) return;
	const target = Math.max(0, Math.min(to, arr.length - 1));
	if (target === from) return;
	const old = arr.get(from);
	const json = requirementJson(old);
	const key = old.get('key');
	const oldText = old.get('text');
	// The rich text moves with its formatting; an old plain text becomes rich on the way.
	const text = oldText instanceof Y.XmlFragment ? oldText.clone() : null;
	arr.delete(from, 1);
	const map = new Y.Map<unknown>();
	map.set('uid', json.uid);
	map.set('key', key);
	map.set('kind', json.kind);
	map.set('obligation', json.obligation);
	map.set('section', json.section ?? '');
	map.set('text', text ?? new Y.XmlFragment());
	for (const f of PLAIN_FIELDS) map.set(f, new Y.Text(json[f]));
	const needs = new Y.Array<string>();
	if (json.needIds.length) needs.push(json.needIds);
	map.set('needIds', needs);
	arr.insert(target, [map]);
	if (!text) fillFragment(map.get('text') as Y.XmlFragment, json.text);
}

/**
 * Sets one axis of a requirement's type. The other axis is written too, as read now, and the old
 * single `type` is removed: once a person has typed the requirement on the two axes, the old
 * value no longer decides anything. Call inside a transaction.
 */
export function setAxis(map: Y.Map<unknown>, axis: 'kind' | 'obligation', value: string): boolean {
	if (axis === 'kind' ? !isKind(value) : !isObligation(value)) return false;
	const current = readAxes((k) => map.get(k));
	const next = { ...current, [axis]: value };
	if (map.get('kind') !== next.kind) map.set('kind', next.kind);
	if (map.get('obligation') !== next.obligation) map.set('obligation', next.obligation);
	if (map.has('type')) map.delete('type');
	return true;
}

/**
 * A requirement as read from a published version's JSON. Versions published before the two
 * axes carry the old `type` instead of `kind` and `obligation`; they are converted here, so every
 * reader of versions (API consumers of the parsed form, pages, DOCX, diff) sees one shape. The
 * stored text itself is never changed (its hash is what was published).
 */
export function requirementFromVersion(raw: Record<string, unknown>): RequirementJson {
	const { type: _legacy, ...rest } = raw;
	return { ...(rest as unknown as RequirementJson), ...readAxes((k) => raw[k]) };
}

/** Requirements linked to no need: a requirement should trace back to a need (DOMAIN.md). */
export function unlinkedRequirements<R extends Pick<RequirementJson, 'needIds'>>(requirements: R[]): R[] {
	return requirements.filter((r) => r.needIds.length === 0);
}

/** Whether a requirement still holds its text in the old plain `Y.Text` shape. */
export function hasLegacyText(map: Y.Map<unknown>): boolean {
	return !(map.get('text') instanceof Y.XmlFragment);
}

/**
 * Turns every requirement text still stored as plain `Y.Text` (documents from before rich text)
 * into rich text with the same plain-text projection. Run by editing clients once the document
 * has loaded. Two clients upgrading at once each write a fragment with the same content; Yjs keeps
 * one of them for everybody. Returns true when something changed. Call inside a transaction.
 */
export function upgradeLegacyTexts(doc: Y.Doc): boolean {
	let changed = false;
	for (const map of requirementsArray(doc)) {
		if (!(map instanceof Y.Map) || !hasLegacyText(map)) continue;
		const text = fieldText(map.get('text'));
		const fragment = new Y.XmlFragment();
		map.set('text', fragment);
		fillFragment(fragment, text);
		changed = true;
	}
	return changed;
}

/**
 * The smallest single edit that turns `prev` into `next` (common prefix and suffix kept), so a
 * textarea's new value becomes one delete and one insert on the shared text instead of a
 * replacement that would clobber what others type at the same time.
 */
export function textEdit(prev: string, next: string): { index: number; remove: number; insert: string } {
	let start = 0;
	while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
	let endPrev = prev.length;
	let endNext = next.length;
	while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
		endPrev--;
		endNext--;
	}
	return { index: start, remove: endPrev - start, insert: next.slice(start, endNext) };
}

/**
 * Words that usually name a brand or a specific product rather than a function (a nudge, not a
 * rule: LOU 9 kap. 5 § forbids naming a make unless justified and followed by "eller likvärdigt").
 */
const BRAND_WORDS = [
	'microsoft', 'windows', 'office 365', 'teams', 'excel', 'outlook', 'sharepoint', 'google', 'android', 'apple',
	'iphone', 'ipad', 'mac', 'ios', 'samsung', 'huawei', 'cisco', 'oracle', 'sap', 'salesforce', 'adobe', 'zoom',
	'slack', 'dropbox', 'amazon', 'aws', 'azure', 'ibm', 'dell', 'lenovo', 'hp', 'volvo', 'scania', 'tesla', 'ikea',
	'philips', 'siemens', 'bosch', 'abb', 'ericsson', 'telia', 'tele2', 'bankid', 'freja', 'swish', 'klarna',
	'visma', 'tieto', 'evry', 'tietoevry', 'procapita', 'lifecare', 'treserva', 'combine', 'cosmic', 'take care',
	'pmo', 'journalen', 'vklass', 'unikum', 'schoolsoft', 'infomentor', 'skolon', 'chromebook', 'lego',
	'tetra pak', 'electrolux', 'legrand', 'phoniro', 'tunstall', 'doro', 'careium', 'chatgpt', 'openai', 'copilot'
];
const PRODUCT_PATTERNS = [/\bav märket\b/i, /\bfabrikat\b/i, /\bmodell\s+[A-Z0-9]/, /[®™©]/, /\bmärke\b/i, /\bbrand\b/i, /\bversion\s+\d/i];

/** Brand or product words found in a requirement text (lower-cased, unique), for the editor's hint. */
export function brandHints(text: string): string[] {
	const found = new Set<string>();
	const lower = text.toLowerCase();
	for (const w of BRAND_WORDS) {
		const re = new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u');
		if (re.test(lower)) found.add(w);
	}
	for (const p of PRODUCT_PATTERNS) {
		const m = p.exec(text);
		if (m) found.add(m[0].trim().toLowerCase());
	}
	return [...found];
}
