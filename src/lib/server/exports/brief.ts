/**
 * The project brief (projektdirektiv) as a committee document: the live document's stored
 * projection (never a client's copy) as headings, paragraphs and lists, with who edited it and
 * when. Bold and italic survive; everything else in the editor is plain text on paper.
 */
import { eq } from 'drizzle-orm';
import { docProjections } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import { fragmentToPm, type PmNode } from '../collab/projection.ts';
import type { Actor } from '../access/policy.ts';
import { editorsOf, editorsLine, visibleEditors, type Editor } from './editors.ts';
import { para, slug, type Block, type ExportDocument, type Run } from './document.ts';

function inlineRuns(node: PmNode): Run[] {
	const out: Run[] = [];
	const walk = (n: PmNode) => {
		if (n.type === 'text') {
			const marks = new Set((n.marks ?? []).map((mk) => mk.type));
			if (n.text) out.push({ text: n.text, bold: marks.has('bold') || marks.has('strong') || undefined, italic: marks.has('italic') || marks.has('em') || undefined });
			return;
		}
		if (n.type === 'hardBreak' || n.type === 'hard_break') {
			out.push({ text: '\n' });
			return;
		}
		for (const c of n.content ?? []) walk(c);
	};
	walk(node);
	return out;
}

function listItems(list: PmNode, level: number, into: Array<{ runs: Run[]; level: number }>): void {
	for (const item of list.content ?? []) {
		for (const child of item.content ?? []) {
			if (child.type === 'bulletList' || child.type === 'orderedList') listItems(child, level + 1, into);
			else into.push({ runs: inlineRuns(child), level });
		}
	}
}

/** A ProseMirror document (as the projection stores it) as export blocks. Unknown nodes become paragraphs of their text. */
export function pmToBlocks(doc: PmNode | null | undefined): Block[] {
	const blocks: Block[] = [];
	for (const node of doc?.content ?? []) {
		if (node.type === 'heading') {
			const raw = Number(node.attrs?.level ?? 2);
			const level = (raw <= 1 ? 1 : raw === 2 ? 2 : 3) as 1 | 2 | 3;
			blocks.push({ kind: 'heading', level, text: inlineRuns(node).map((r) => r.text).join('') });
		} else if (node.type === 'bulletList' || node.type === 'orderedList') {
			const items: Array<{ runs: Run[]; level: number }> = [];
			listItems(node, 0, items);
			blocks.push({ kind: 'list', ordered: node.type === 'orderedList', items });
		} else {
			const runs = inlineRuns(node);
			if (runs.length) blocks.push({ kind: 'paragraph', runs });
		}
	}
	return blocks;
}

export interface BriefData {
	content: PmNode | null;
	editors: Editor[];
}

/**
 * The brief as it stands now: read from the live-document server (its stored state plus every
 * accepted update), so an export made a second after a change contains it. Without a running
 * live-document server (a script), the stored projection, which trails by a few seconds.
 */
export async function loadBrief(app: App, initiativeId: string): Promise<BriefData> {
	const docName = `brief.${initiativeId}`;
	let content: PmNode | null;
	if (app.liveDocs) {
		content = await app.liveDocs.read(docName, (doc) => fragmentToPm(doc.getXmlFragment('default')));
	} else {
		const [row] = await app.db.select({ json: docProjections.json }).from(docProjections).where(eq(docProjections.docName, docName)).limit(1);
		const json = (row?.json ?? null) as Record<string, unknown> | null;
		content = json && typeof json.default === 'object' ? (json.default as PmNode) : null;
	}
	return { content, editors: await editorsOf(app.db, docName) };
}

/** The brief as `viewer` may read it: editors they may not know of are left out. */
export function briefDocument(viewer: Actor, initiativeTitle: string, data: BriefData): ExportDocument {
	const blocks = pmToBlocks(data.content);
	return {
		kind: 'Projektdirektiv',
		initiativeTitle,
		meta: [editorsLine(visibleEditors(viewer, data.editors))],
		blocks: blocks.length ? blocks : [para('Direktivet är tomt.', { italic: true })],
		fileBase: `projektdirektiv-${slug(initiativeTitle)}`
	};
}
