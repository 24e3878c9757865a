import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CRAZY8_FRAMES,
	STORYBOARD_MAX,
	addActor,
	addFrame,
	addStep,
	draftInterviewScript,
	moveOrdered,
	patternGrid,
	putInterviewee,
	putNote,
	readStageBoard,
	removeEntry,
	safeUrl,
	setCrazy8,
	setTarget,
	setVerdict
} from './sprint-board.ts';

describe('the sprint stage board shape', () => {
	it('keeps a journey map of actors and their steps, and drops the target with its step', () => {
		const doc = new Y.Doc();
		const patient = addActor(doc, 'Patienten');
		const step = addStep(doc, patient, 'Skrivs ut');
		setTarget(doc, step);
		expect(readStageBoard(doc).target).toBe(step);
		removeEntry(doc, 'actors', patient);
		const b = readStageBoard(doc);
		expect(b.actors).toEqual([]);
		expect(b.steps).toEqual([]);
		expect(b.target).toBeNull();
	});

	it('gives every pad an eight-frame crazy 8s grid and ignores frames outside it', () => {
		const doc = new Y.Doc();
		setCrazy8(doc, 'pad-1', 7, 'Sista');
		setCrazy8(doc, 'pad-1', 8, 'Utanför');
		const [pad] = readStageBoard(doc).pads;
		expect(pad.crazy8).toHaveLength(CRAZY8_FRAMES);
		expect(pad.crazy8[7]).toBe('Sista');
	});

	it('caps the storyboard at fifteen frames and reorders them', () => {
		const doc = new Y.Doc();
		const ids = Array.from({ length: STORYBOARD_MAX }, (_, i) => addFrame(doc, `Ruta ${i + 1}`));
		expect(addFrame(doc, 'En för mycket')).toBeNull();
		moveOrdered(doc, 'storyboard', ids[1]!, -1);
		expect(readStageBoard(doc).storyboard.slice(0, 2).map((f) => f.text)).toEqual(['Ruta 2', 'Ruta 1']);
	});

	it('fills the pattern grid per interviewee and storyboard frame', () => {
		const doc = new Y.Doc();
		addFrame(doc, 'Ett');
		addFrame(doc, 'Två');
		putInterviewee(doc, { id: 'g1', name: 'Greta', sessionId: 's', joinedAt: 1 });
		putInterviewee(doc, { id: 'g2', name: 'Gösta', sessionId: 's', joinedAt: 2 });
		putNote(doc, { id: 'n1', intervieweeId: 'g1', frame: 1, tag: 'positive', text: '', createdAt: 1 });
		putNote(doc, { id: 'n2', intervieweeId: 'g2', frame: 2, tag: 'negative', text: '', createdAt: 2 });
		putNote(doc, { id: 'n3', intervieweeId: 'g2', frame: 0, tag: 'neutral', text: 'allmänt', createdAt: 3 });
		const grid = patternGrid(readStageBoard(doc));
		expect(grid.frames).toEqual([1, 2]);
		expect(grid.rows.map((r) => r.name)).toEqual(['Greta', 'Gösta']);
		expect(grid.rows[0].cells).toEqual([
			{ positive: 1, negative: 0, neutral: 0 },
			{ positive: 0, negative: 0, neutral: 0 }
		]);
		expect(grid.rows[1].cells[1]).toEqual({ positive: 0, negative: 1, neutral: 0 });
	});

	it('drafts the interview script from the sprint questions', () => {
		const script = draftInterviewScript(['Kan personalen lita på planen?'], true);
		expect(script).toContain('1. Kan personalen lita på planen?');
		expect(script).toContain('samtycke');
	});

	it('records a verdict per sprint question with its evidence', () => {
		const doc = new Y.Doc();
		setVerdict(doc, 0, 'yes', 'Greta, ruta 2');
		expect(readStageBoard(doc).verdicts['0']).toEqual({ verdict: 'yes', evidence: 'Greta, ruta 2' });
	});

	it('keeps only http(s) links', () => {
		expect(safeUrl('https://exempel.se/demo')).toBe('https://exempel.se/demo');
		expect(safeUrl('javascript:alert(1)')).toBeNull();
		expect(safeUrl('inte en länk')).toBeNull();
	});
});
