/**
 * The shape of a workshop board as a Yjs document (`workshop.<id>`), shared by the server
 * (which writes cards, phase, timer and tally) and the browser (facilitators cluster directly).
 *
 * - `meta`   Y.Map: phase, title, question, locked, timerEndsAt (epoch ms or null), tallyVisible
 * - `cards`  Y.Map<cardId, Y.Map{ text, groupId (string|null), createdAt }> — never an author
 * - `groups` Y.Map<groupId, Y.Map{ title, createdAt, impact?, effort? }>
 * - `tally`  Y.Map<targetId, number> — only filled while the tally is visible to participants
 *
 * Plain TypeScript with no SvelteKit imports: the server imports it as well.
 */
import * as Y from 'yjs';

export interface BoardMeta {
	phase: string;
	title: string;
	question: string;
	locked: boolean;
	timerEndsAt: number | null;
	tallyVisible: boolean;
}

export interface BoardCard {
	id: string;
	text: string;
	groupId: string | null;
	createdAt: number;
}

export interface BoardGroup {
	id: string;
	title: string;
	createdAt: number;
	/** Prioritise phase: 1 (low) – 5 (high). */
	impact: number | null;
	effort: number | null;
}

export interface Board {
	meta: BoardMeta;
	cards: BoardCard[];
	groups: BoardGroup[];
	tally: Record<string, number>;
}

export const metaMap = (doc: Y.Doc) => doc.getMap<unknown>('meta');
export const cardsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');
export const groupsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('groups');
export const tallyMap = (doc: Y.Doc) => doc.getMap<number>('tally');

const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A snapshot of the board as plain data (ordered by creation). */
export function readBoard(doc: Y.Doc): Board {
	const m = metaMap(doc);
	const cards: BoardCard[] = [];
	for (const [id, c] of cardsMap(doc)) {
		if (!(c instanceof Y.Map)) continue;
		const g = c.get('groupId');
		cards.push({ id, text: str(c.get('text')), groupId: typeof g === 'string' && g ? g : null, createdAt: num(c.get('createdAt')) ?? 0 });
	}
	const groups: BoardGroup[] = [];
	for (const [id, g] of groupsMap(doc)) {
		if (!(g instanceof Y.Map)) continue;
		groups.push({ id, title: str(g.get('title')), createdAt: num(g.get('createdAt')) ?? 0, impact: num(g.get('impact')), effort: num(g.get('effort')) });
	}
	const groupIds = new Set(groups.map((g) => g.id));
	for (const c of cards) if (c.groupId && !groupIds.has(c.groupId)) c.groupId = null;
	cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	groups.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	const tally: Record<string, number> = {};
	for (const [k, v] of tallyMap(doc)) if (typeof v === 'number') tally[k] = v;
	return {
		meta: {
			phase: str(m.get('phase'), 'draft'),
			title: str(m.get('title')),
			question: str(m.get('question')),
			locked: m.get('locked') === true,
			timerEndsAt: num(m.get('timerEndsAt')),
			tallyVisible: m.get('tallyVisible') === true
		},
		cards,
		groups,
		tally
	};
}

/** Puts cards on the board (server side only: the update carries the server's client id). */
export function addCards(doc: Y.Doc, cards: Array<{ id: string; text: string; createdAt: number }>): void {
	const map = cardsMap(doc);
	for (const card of cards) {
		const c = new Y.Map<unknown>();
		c.set('text', card.text);
		c.set('groupId', null);
		c.set('createdAt', card.createdAt);
		map.set(card.id, c);
	}
}

export function setMeta(doc: Y.Doc, meta: Partial<BoardMeta>): void {
	const m = metaMap(doc);
	for (const [k, v] of Object.entries(meta)) {
		if (v !== undefined && m.get(k) !== v) m.set(k, v);
	}
}

/** Replaces the visible tally; an empty object clears it. */
export function setTally(doc: Y.Doc, tally: Record<string, number>): void {
	const t = tallyMap(doc);
	for (const k of [...t.keys()]) if (!(k in tally)) t.delete(k);
	for (const [k, v] of Object.entries(tally)) if (t.get(k) !== v) t.set(k, v);
}

// Clustering (facilitators, in the browser, directly on the shared document).

export function newGroup(doc: Y.Doc, title: string, id: string = crypto.randomUUID()): string {
	const g = new Y.Map<unknown>();
	g.set('title', title);
	g.set('createdAt', Date.now());
	groupsMap(doc).set(id, g);
	return id;
}

export function moveCards(doc: Y.Doc, cardIds: string[], groupId: string | null): void {
	doc.transact(() => {
		const map = cardsMap(doc);
		for (const id of cardIds) map.get(id)?.set('groupId', groupId);
	});
}

export function renameGroup(doc: Y.Doc, groupId: string, title: string): void {
	groupsMap(doc).get(groupId)?.set('title', title);
}

/** Moves every card of `from` into `into` and removes `from`. */
export function mergeGroups(doc: Y.Doc, into: string, from: string): void {
	if (into === from) return;
	doc.transact(() => {
		for (const [, c] of cardsMap(doc)) if (c.get('groupId') === from) c.set('groupId', into);
		groupsMap(doc).delete(from);
	});
}

/** Removes a group; its cards become ungrouped. */
export function deleteGroup(doc: Y.Doc, groupId: string): void {
	doc.transact(() => {
		for (const [, c] of cardsMap(doc)) if (c.get('groupId') === groupId) c.set('groupId', null);
		groupsMap(doc).delete(groupId);
	});
}

export function setGroupScore(doc: Y.Doc, groupId: string, field: 'impact' | 'effort', value: number | null): void {
	groupsMap(doc).get(groupId)?.set(field, value);
}

/** Takes a card off the board (moderation). The server keeps it in its own record. */
export function removeCard(doc: Y.Doc, cardId: string): void {
	cardsMap(doc).delete(cardId);
}
