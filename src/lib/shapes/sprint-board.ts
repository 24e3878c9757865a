/**
 * The shape of a sprint room's stage boards as Yjs documents (`sprint_<stage>.<roomId>`, names in
 * `server/sprints/stages.ts`), shared by the server and the browser. Each stage has its own
 * document; the roots below live in the document of the stage they belong to (the journey map in
 * `sprint_map`, the museum in `sprint_decide`, …). The running stage and the shared timer are in
 * the room's overview document `sprint_room.<roomId>` (`meta`, written by the sprint core).
 *
 * Roots the room's members edit together over the socket:
 * - `map`        Y.Map: goal (string), target (step id or null)
 * - `actors`     Y.Map<id, Y.Map{ name, order }>       — the journey map's rows
 * - `steps`      Y.Map<id, Y.Map{ actorId, text, order }> — steps per actor, ending at the goal
 * - `demos`      Y.Map<id, Y.Map{ url, fileId, caption, createdAt }> — lightning demos
 * - `pads`       Y.Map<padId, Y.Map{ notes, ideas, crazy8: Y.Array<string>(8) }> — a pad id is
 *   random per browser, never a person
 * - `storyboard` Y.Map<id, Y.Map{ text, order }>       — 10–15 frames for the winner
 * - `prototype`  Y.Map: script (string); `links` Y.Map<id, Y.Map{ url, caption }>;
 *   `checklist` Y.Map<id, Y.Map{ text, done, order }>
 * - `verdicts`   Y.Map<questionIndex, Y.Map{ verdict: 'yes'|'no'|'unclear', evidence }>
 *
 * Roots only the server writes (the kind's `serverOnlyRoots`; API commands, a fresh server client
 * per change, no author in the ledger):
 * - `museum`     Y.Map<sketchId, Y.Map{ title, panels: string[3], fileIds: string[], createdAt }>
 *   — solution sketches WITHOUT authors (the art museum)
 * - `heat`       Y.Map<sketchId, number> heat-map dots; `poll` Y.Map<sketchId, number> straw poll
 * - `critiques`  Y.Map<id, Y.Map{ sketchId, text, createdAt }> speed-critique notes
 * - `supervote`  Y.Map: sketchId (the decider's choice, at most one)
 * - `tests`      Y.Map<sessionId, Y.Map{ code, createdAt }>; `interviewees` Y.Map<guestId,
 *   Y.Map{ name, sessionId, joinedAt }>; `notes` Y.Map<id, Y.Map{ intervieweeId, frame, tag, text, createdAt }>
 *
 * The Map stage's "How might we" notes are not on these boards: they run on the workshop engine,
 * in the room's own workshop (`workshop.<id>`, `shapes/workshop.ts`; `server/sprints/live/hmw.ts`).
 *
 * Plain TypeScript with no SvelteKit imports: the server imports it as well.
 */
import * as Y from 'yjs';

export const SPRINT_STAGES = ['map', 'sketch', 'decide', 'prototype', 'test'] as const;
export type SprintStage = (typeof SPRINT_STAGES)[number];

export const NOTE_TAGS = ['positive', 'negative', 'neutral'] as const;
export type NoteTag = (typeof NOTE_TAGS)[number];

export const VERDICTS = ['yes', 'no', 'unclear'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Crazy 8s: eight frames in eight minutes. */
export const CRAZY8_FRAMES = 8;
export const CRAZY8_SECONDS = 8 * 60;
/** A solution sketch has a title and three panels. */
export const SKETCH_PANELS = 3;
export const STORYBOARD_MIN = 10;
export const STORYBOARD_MAX = 15;

/** Roots written only by the server (through the API). */
export const SERVER_ONLY_ROOTS = ['museum', 'heat', 'poll', 'critiques', 'supervote', 'tests', 'interviewees', 'notes'] as const;

export const roots = {
	map: (d: Y.Doc) => d.getMap<unknown>('map'),
	actors: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('actors'),
	steps: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('steps'),
	demos: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('demos'),
	pads: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('pads'),
	storyboard: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('storyboard'),
	prototype: (d: Y.Doc) => d.getMap<unknown>('prototype'),
	links: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('links'),
	checklist: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('checklist'),
	verdicts: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('verdicts'),
	museum: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('museum'),
	heat: (d: Y.Doc) => d.getMap<number>('heat'),
	poll: (d: Y.Doc) => d.getMap<number>('poll'),
	critiques: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('critiques'),
	supervote: (d: Y.Doc) => d.getMap<unknown>('supervote'),
	tests: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('tests'),
	interviewees: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('interviewees'),
	notes: (d: Y.Doc) => d.getMap<Y.Map<unknown>>('notes')
};

const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function isStage(v: unknown): v is SprintStage {
	return typeof v === 'string' && (SPRINT_STAGES as readonly string[]).includes(v);
}

export interface StageBoardState {
	goal: string;
	target: string | null;
	actors: Array<{ id: string; name: string; order: number }>;
	steps: Array<{ id: string; actorId: string; text: string; order: number }>;
	demos: Array<{ id: string; url: string; fileId: string | null; caption: string; createdAt: number }>;
	pads: Array<{ id: string; notes: string; ideas: string; crazy8: string[] }>;
	museum: Array<{ id: string; title: string; panels: string[]; fileIds: string[]; createdAt: number; heat: number; poll: number }>;
	critiques: Array<{ id: string; sketchId: string; text: string; createdAt: number }>;
	supervote: string | null;
	storyboard: Array<{ id: string; text: string; order: number }>;
	script: string;
	links: Array<{ id: string; url: string; caption: string }>;
	checklist: Array<{ id: string; text: string; done: boolean; order: number }>;
	sessions: Array<{ id: string; code: string; createdAt: number }>;
	interviewees: Array<{ id: string; name: string; sessionId: string; joinedAt: number }>;
	notes: Array<{ id: string; intervieweeId: string; frame: number; tag: NoteTag; text: string; createdAt: number }>;
	verdicts: Record<string, { verdict: Verdict | null; evidence: string }>;
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || a.id.localeCompare(b.id);
const byCreated = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

function entries(map: Y.Map<Y.Map<unknown>>): Array<[string, Y.Map<unknown>]> {
	return [...map.entries()].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);
}

/** A snapshot of the whole board as plain data (what components render). */
export function readStageBoard(doc: Y.Doc): StageBoardState {
	const m = roots.map(doc);
	const p = roots.prototype(doc);
	const heat = roots.heat(doc);
	const poll = roots.poll(doc);
	const sv = roots.supervote(doc).get('sketchId');
	const verdicts: StageBoardState['verdicts'] = {};
	for (const [id, v] of entries(roots.verdicts(doc))) {
		const verdict = v.get('verdict');
		verdicts[id] = { verdict: (VERDICTS as readonly unknown[]).includes(verdict) ? (verdict as Verdict) : null, evidence: str(v.get('evidence')) };
	}
	return {
		goal: str(m.get('goal')),
		target: typeof m.get('target') === 'string' ? (m.get('target') as string) : null,
		actors: entries(roots.actors(doc)).map(([id, a]) => ({ id, name: str(a.get('name')), order: num(a.get('order')) ?? 0 })).sort(byOrder),
		steps: entries(roots.steps(doc))
			.map(([id, a]) => ({ id, actorId: str(a.get('actorId')), text: str(a.get('text')), order: num(a.get('order')) ?? 0 }))
			.sort(byOrder),
		demos: entries(roots.demos(doc))
			.map(([id, d]) => ({ id, url: str(d.get('url')), fileId: typeof d.get('fileId') === 'string' ? (d.get('fileId') as string) : null, caption: str(d.get('caption')), createdAt: num(d.get('createdAt')) ?? 0 }))
			.sort(byCreated),
		pads: entries(roots.pads(doc)).map(([id, pad]) => {
			const c = pad.get('crazy8');
			const frames = c instanceof Y.Array ? c.toArray().map((x) => str(x)) : [];
			while (frames.length < CRAZY8_FRAMES) frames.push('');
			return { id, notes: str(pad.get('notes')), ideas: str(pad.get('ideas')), crazy8: frames.slice(0, CRAZY8_FRAMES) };
		}),
		museum: entries(roots.museum(doc))
			.map(([id, sk]) => ({
				id,
				title: str(sk.get('title')),
				panels: strs(sk.get('panels')),
				fileIds: strs(sk.get('fileIds')),
				createdAt: num(sk.get('createdAt')) ?? 0,
				heat: num(heat.get(id)) ?? 0,
				poll: num(poll.get(id)) ?? 0
			}))
			.sort(byCreated),
		critiques: entries(roots.critiques(doc))
			.map(([id, c]) => ({ id, sketchId: str(c.get('sketchId')), text: str(c.get('text')), createdAt: num(c.get('createdAt')) ?? 0 }))
			.sort(byCreated),
		supervote: typeof sv === 'string' ? sv : null,
		storyboard: entries(roots.storyboard(doc)).map(([id, f]) => ({ id, text: str(f.get('text')), order: num(f.get('order')) ?? 0 })).sort(byOrder),
		script: str(p.get('script')),
		links: entries(roots.links(doc)).map(([id, l]) => ({ id, url: str(l.get('url')), caption: str(l.get('caption')) })),
		checklist: entries(roots.checklist(doc))
			.map(([id, c]) => ({ id, text: str(c.get('text')), done: c.get('done') === true, order: num(c.get('order')) ?? 0 }))
			.sort(byOrder),
		sessions: entries(roots.tests(doc)).map(([id, t]) => ({ id, code: str(t.get('code')), createdAt: num(t.get('createdAt')) ?? 0 })).sort(byCreated),
		interviewees: entries(roots.interviewees(doc))
			.map(([id, t]) => ({ id, name: str(t.get('name')), sessionId: str(t.get('sessionId')), joinedAt: num(t.get('joinedAt')) ?? 0 }))
			.sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id)),
		notes: entries(roots.notes(doc))
			.map(([id, n]) => {
				const tag = n.get('tag');
				return {
					id,
					intervieweeId: str(n.get('intervieweeId')),
					frame: num(n.get('frame')) ?? 0,
					tag: ((NOTE_TAGS as readonly unknown[]).includes(tag) ? tag : 'neutral') as NoteTag,
					text: str(n.get('text')),
					createdAt: num(n.get('createdAt')) ?? 0
				};
			})
			.sort(byCreated),
		verdicts
	};
}

/** One cell of the pattern grid: the notes' tags for one interviewee at one storyboard frame. */
export interface PatternCell {
	positive: number;
	negative: number;
	neutral: number;
}

/**
 * The pattern grid (interviewee × storyboard frame): how many positive, negative and neutral notes
 * each interviewee produced at each frame. Frames are 1-based storyboard positions; a note on
 * frame 0 is about the session in general and is left out of the grid.
 */
export function patternGrid(board: Pick<StageBoardState, 'interviewees' | 'notes' | 'storyboard'>): {
	frames: number[];
	rows: Array<{ intervieweeId: string; name: string; cells: PatternCell[] }>;
} {
	const frameCount = Math.max(board.storyboard.length, ...board.notes.map((n) => n.frame), 0);
	const frames = Array.from({ length: frameCount }, (_, i) => i + 1);
	const rows = board.interviewees.map((iv) => ({
		intervieweeId: iv.id,
		name: iv.name,
		cells: frames.map(() => ({ positive: 0, negative: 0, neutral: 0 }))
	}));
	const index = new Map(rows.map((r) => [r.intervieweeId, r]));
	for (const n of board.notes) {
		const row = index.get(n.intervieweeId);
		if (!row || n.frame < 1 || n.frame > frameCount) continue;
		row.cells[n.frame - 1][n.tag] += 1;
	}
	return { frames, rows };
}

/**
 * The interview script drafted from the sprint questions: one opening, one block per question
 * turned into something to watch for, and a close. The team edits it afterwards.
 */
export function draftInterviewScript(questions: string[], sv: boolean): string {
	const lines: string[] = [];
	lines.push(sv ? 'Välkomna och samtycke' : 'Welcome and consent');
	lines.push(sv ? '- Berätta vad vi testar och att det är lösningen, inte personen, som testas.' : '- Explain what we test and that the solution, not the person, is being tested.');
	lines.push(sv ? '- Läs upp samtyckestexten och fråga om det går bra att vi antecknar.' : '- Read the consent text and ask whether we may take notes.');
	lines.push('');
	questions.forEach((q, i) => {
		lines.push(`${i + 1}. ${q}`);
		lines.push(sv ? '- Be personen lösa en uppgift där frågan prövas. Tänk högt.' : '- Ask the person to do a task that tests this question. Think aloud.');
		lines.push(sv ? '- Vad förväntade du dig skulle hända? Vad hände?' : '- What did you expect to happen? What happened?');
	});
	lines.push('');
	lines.push(sv ? 'Avslutning' : 'Close');
	lines.push(sv ? '- Vad var bäst? Vad var sämst? Skulle du använda det här?' : '- What was best? What was worst? Would you use this?');
	return lines.join('\n');
}

// ——— server-side writers (the server calls these inside `app.liveDocs.change`) ———

export function putSketch(doc: Y.Doc, sketch: { id: string; title: string; panels: string[]; fileIds: string[]; createdAt: number }): void {
	const m = new Y.Map<unknown>();
	m.set('title', sketch.title);
	m.set('panels', sketch.panels);
	m.set('fileIds', sketch.fileIds);
	m.set('createdAt', sketch.createdAt);
	roots.museum(doc).set(sketch.id, m);
}

/** Replaces a counter map (heat-map dots, straw poll) with these counts. */
export function setCounts(map: Y.Map<number>, counts: Record<string, number>): void {
	for (const k of [...map.keys()]) if (!(k in counts)) map.delete(k);
	for (const [k, v] of Object.entries(counts)) if (map.get(k) !== v) map.set(k, v);
}

export function putCritique(doc: Y.Doc, c: { id: string; sketchId: string; text: string; createdAt: number }): void {
	const m = new Y.Map<unknown>();
	m.set('sketchId', c.sketchId);
	m.set('text', c.text);
	m.set('createdAt', c.createdAt);
	roots.critiques(doc).set(c.id, m);
}

export function putSession(doc: Y.Doc, s: { id: string; code: string; createdAt: number }): void {
	const m = new Y.Map<unknown>();
	m.set('code', s.code);
	m.set('createdAt', s.createdAt);
	roots.tests(doc).set(s.id, m);
}

export function putInterviewee(doc: Y.Doc, iv: { id: string; name: string; sessionId: string; joinedAt: number }): void {
	const cur = roots.interviewees(doc).get(iv.id);
	if (cur instanceof Y.Map) {
		if (cur.get('name') !== iv.name) cur.set('name', iv.name);
		return;
	}
	const m = new Y.Map<unknown>();
	m.set('name', iv.name);
	m.set('sessionId', iv.sessionId);
	m.set('joinedAt', iv.joinedAt);
	roots.interviewees(doc).set(iv.id, m);
}

export function putNote(doc: Y.Doc, n: { id: string; intervieweeId: string; frame: number; tag: NoteTag; text: string; createdAt: number }): void {
	const m = new Y.Map<unknown>();
	m.set('intervieweeId', n.intervieweeId);
	m.set('frame', n.frame);
	m.set('tag', n.tag);
	m.set('text', n.text);
	m.set('createdAt', n.createdAt);
	roots.notes(doc).set(n.id, m);
}

// ——— client-side editing (members, over the socket) ———

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) m.set(k, v);
	return m;
}

const nextOrder = (map: Y.Map<Y.Map<unknown>>) => Math.max(0, ...[...map.values()].map((v) => (v instanceof Y.Map ? (num(v.get('order')) ?? 0) : 0))) + 1;

export function setGoal(doc: Y.Doc, goal: string): void {
	roots.map(doc).set('goal', goal);
}
export function setTarget(doc: Y.Doc, stepId: string | null): void {
	roots.map(doc).set('target', stepId);
}
export function addActor(doc: Y.Doc, name: string, id: string = crypto.randomUUID()): string {
	roots.actors(doc).set(id, entry({ name, order: nextOrder(roots.actors(doc)) }));
	return id;
}
export function addStep(doc: Y.Doc, actorId: string, text: string, id: string = crypto.randomUUID()): string {
	roots.steps(doc).set(id, entry({ actorId, text, order: nextOrder(roots.steps(doc)) }));
	return id;
}
export function removeEntry(doc: Y.Doc, root: 'actors' | 'steps' | 'demos' | 'storyboard' | 'links' | 'checklist', id: string): void {
	doc.transact(() => {
		roots[root](doc).delete(id);
		const gone = root === 'steps' ? [id] : [];
		if (root === 'actors') {
			for (const [sid, s] of entries(roots.steps(doc))) {
				if (s.get('actorId') !== id) continue;
				roots.steps(doc).delete(sid);
				gone.push(sid);
			}
		}
		const target = roots.map(doc).get('target');
		if (typeof target === 'string' && gone.includes(target)) roots.map(doc).set('target', null);
	});
}
export function addDemo(doc: Y.Doc, demo: { url: string; fileId: string | null; caption: string }, id: string = crypto.randomUUID()): string {
	roots.demos(doc).set(id, entry({ ...demo, createdAt: Date.now() }));
	return id;
}
/** The pad of one browser (created on first use): notes, ideas and the crazy 8s grid. */
export function pad(doc: Y.Doc, padId: string): Y.Map<unknown> {
	const pads = roots.pads(doc);
	let p = pads.get(padId);
	if (!(p instanceof Y.Map)) {
		p = new Y.Map<unknown>();
		const frames = new Y.Array<string>();
		frames.push(Array.from({ length: CRAZY8_FRAMES }, () => ''));
		p.set('crazy8', frames);
		p.set('notes', '');
		p.set('ideas', '');
		pads.set(padId, p);
	}
	return p;
}
export function setPadField(doc: Y.Doc, padId: string, field: 'notes' | 'ideas', text: string): void {
	doc.transact(() => pad(doc, padId).set(field, text));
}
export function setCrazy8(doc: Y.Doc, padId: string, frame: number, text: string): void {
	if (!Number.isInteger(frame) || frame < 0 || frame >= CRAZY8_FRAMES) return;
	doc.transact(() => {
		const frames = pad(doc, padId).get('crazy8') as Y.Array<string>;
		frames.delete(frame, 1);
		frames.insert(frame, [text]);
	});
}
export function addFrame(doc: Y.Doc, text: string, id: string = crypto.randomUUID()): string | null {
	if (roots.storyboard(doc).size >= STORYBOARD_MAX) return null;
	roots.storyboard(doc).set(id, entry({ text, order: nextOrder(roots.storyboard(doc)) }));
	return id;
}
export function setFrameText(doc: Y.Doc, id: string, text: string): void {
	roots.storyboard(doc).get(id)?.set('text', text);
}
/** Moves a storyboard frame or checklist item one place up (-1) or down (+1). */
export function moveOrdered(doc: Y.Doc, root: 'storyboard' | 'checklist' | 'actors', id: string, by: -1 | 1): void {
	const list = entries(roots[root](doc))
		.map(([eid, e]) => ({ id: eid, order: num(e.get('order')) ?? 0, e }))
		.sort(byOrder);
	const i = list.findIndex((x) => x.id === id);
	const j = i + by;
	if (i < 0 || j < 0 || j >= list.length) return;
	doc.transact(() => {
		list.forEach((x, k) => {
			const order = k === i ? j : k === j ? i : k;
			if (x.order !== order) x.e.set('order', order);
		});
	});
}
export function setScript(doc: Y.Doc, text: string): void {
	roots.prototype(doc).set('script', text);
}
export function addLink(doc: Y.Doc, url: string, caption: string, id: string = crypto.randomUUID()): string {
	roots.links(doc).set(id, entry({ url, caption }));
	return id;
}
export function addChecklistItem(doc: Y.Doc, text: string, id: string = crypto.randomUUID()): string {
	roots.checklist(doc).set(id, entry({ text, done: false, order: nextOrder(roots.checklist(doc)) }));
	return id;
}
export function toggleChecklistItem(doc: Y.Doc, id: string): void {
	const item = roots.checklist(doc).get(id);
	item?.set('done', item.get('done') !== true);
}
export function setVerdict(doc: Y.Doc, questionIndex: number, verdict: Verdict | null, evidence?: string): void {
	const key = String(questionIndex);
	doc.transact(() => {
		let v = roots.verdicts(doc).get(key);
		if (!(v instanceof Y.Map)) {
			v = entry({ verdict: null, evidence: '' });
			roots.verdicts(doc).set(key, v);
		}
		v.set('verdict', verdict);
		if (evidence !== undefined) v.set('evidence', evidence);
	});
}

/** Only http(s) links are kept on the board (no `javascript:` or `data:` URLs). */
export function safeUrl(url: string): string | null {
	try {
		const u = new URL(url.trim());
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
	} catch {
		return null;
	}
}
