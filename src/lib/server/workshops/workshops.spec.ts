import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { ApiError } from '../http/api.ts';
import { validateGuestToken } from '../auth/guest.ts';
import * as workshops from './index.ts';
import { memoryLiveDocs, initiativeFixture, type MemoryLiveDocs } from './testing.ts';
import { BURST } from './join-guard.ts';
import { readBoard, newGroup, moveCards } from '../../shapes/workshop.ts';

let app: App;
let live: MemoryLiveDocs;
let fx: Awaited<ReturnType<typeof initiativeFixture>>;

beforeAll(async () => {
	app = await createApp({ config: loadConfig({ DEMO: 'false', DATA_DIR: 'memory://', LOG_LEVEL: 'error' }) });
	live = memoryLiveDocs();
	app.liveDocs = live;
	fx = await initiativeFixture(app);
}, 60_000);

afterAll(async () => {
	await app?.close();
});

async function expectApiError(p: Promise<unknown>, status: number, code: string) {
	await expect(p).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.status === status && e.code === code);
}

async function openWorkshop(opts: Partial<workshops.WorkshopInput> = {}) {
	let w = await workshops.createWorkshop(app, fx.leader, fx.initiativeId, { title: 'Våta golv', question: 'Vad gör golven våta?', ...opts });
	w = await workshops.changePhase(app, fx.leader, w, 'collect');
	return w;
}

async function guest(w: workshops.Workshop, name: string, ip = '10.0.0.1') {
	const r = await workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip, code: w.joinCode, displayName: name });
	return r.guest!;
}

describe('the vote budget', () => {
	it('lets a participant spend exactly their votes and refuses the next one', async () => {
		let w = await openWorkshop({ votesPerParticipant: 3 });
		const g = await guest(w, 'Gun');
		const { id: cardId } = await workshops.addCard(app, g, w, 'Snö från stövlar');
		w = await workshops.changePhase(app, fx.leader, w, 'vote');
		for (let i = 1; i <= 3; i++) expect((await workshops.castVote(app, g, w, cardId)).used).toBe(i);
		await expectApiError(workshops.castVote(app, g, w, cardId), 409, 'vote_budget_exhausted');
		expect((await workshops.tally(app.db, w.id))[cardId]).toBe(3);
	});

	it('holds under parallel requests from the same participant', async () => {
		let w = await openWorkshop({ votesPerParticipant: 2 });
		const g = await guest(w, 'Parallell');
		const { id } = await workshops.addCard(app, g, w, 'Grus i hallen');
		w = await workshops.changePhase(app, fx.leader, w, 'vote');
		const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => workshops.castVote(app, g, w, id)));
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
		expect((await workshops.voteStatus(app.db, g, w)).used).toBe(2);
	});

	it('gives a vote back when it is retracted', async () => {
		let w = await openWorkshop({ votesPerParticipant: 1 });
		const g = await guest(w, 'Ångrar');
		const { id } = await workshops.addCard(app, g, w, 'Blöta vantar');
		w = await workshops.changePhase(app, fx.leader, w, 'vote');
		await workshops.castVote(app, g, w, id);
		await expectApiError(workshops.castVote(app, g, w, id), 409, 'vote_budget_exhausted');
		expect((await workshops.retractVote(app, g, w, id)).used).toBe(0);
		await expectApiError(workshops.retractVote(app, g, w, id), 404, 'no_vote');
		expect((await workshops.castVote(app, g, w, id)).used).toBe(1);
	});

	it('accepts votes only in the vote phase and not while the board is locked', async () => {
		let w = await openWorkshop();
		const g = await guest(w, 'Tidig');
		const { id } = await workshops.addCard(app, g, w, 'Läckande tak');
		await expectApiError(workshops.castVote(app, g, w, id), 409, 'phase_closed');
		w = await workshops.changePhase(app, fx.leader, w, 'vote');
		w = await workshops.setLocked(app, fx.leader, w, true);
		await expectApiError(workshops.castVote(app, g, w, id), 409, 'board_locked');
		w = await workshops.setLocked(app, fx.leader, w, false);
		w = await workshops.changePhase(app, fx.leader, w, 'prioritise');
		await expectApiError(workshops.castVote(app, g, w, id), 409, 'phase_closed');
	});

	it('counts votes on groups and refuses targets that are not on the board', async () => {
		let w = await openWorkshop();
		const g = await guest(w, 'Gruppröst');
		const { id } = await workshops.addCard(app, g, w, 'Sand');
		let groupId = '';
		await live.change(workshops.docNameOf(w.id), null, (doc) => {
			groupId = newGroup(doc, 'Smuts utifrån');
			moveCards(doc, [id], groupId);
		});
		w = await workshops.changePhase(app, fx.leader, w, 'vote');
		await workshops.castVote(app, g, w, groupId);
		await expectApiError(workshops.castVote(app, g, w, crypto.randomUUID()), 404, 'unknown_target');
		const r = await workshops.results(app, w, { team: true, viewer: fx.leader });
		expect(r.groups).toEqual([expect.objectContaining({ id: groupId, title: 'Smuts utifrån', cardIds: [id], votes: 1 })]);
	});
});

describe('cards on the board', () => {
	it('are put there by the server without an author, and the ledger names nobody in anonymous workshops', async () => {
		const w = await openWorkshop({ anonymous: true });
		const g = await guest(w, 'Hemlig Hanna');
		live.changes.length = 0;
		const { id } = await workshops.addCard(app, g, w, 'Ingen torkmatta');
		const doc = live.docs.get(workshops.docNameOf(w.id))!;
		const card = doc.getMap<import('yjs').Map<unknown>>('cards').get(id)!;
		expect(Object.keys(card.toJSON()).sort()).toEqual(['createdAt', 'groupId', 'text']);
		expect(JSON.stringify(doc.toJSON())).not.toContain('Hanna');
		expect(live.changes).toEqual([{ docName: workshops.docNameOf(w.id), author: null }]);
	});

	it('stay private in silent mode until the facilitator reveals them all at once', async () => {
		const w = await openWorkshop({ silent: true });
		const a = await guest(w, 'Tyst A');
		const b = await guest(w, 'Tyst B');
		await workshops.addCard(app, a, w, 'Privat ett');
		await workshops.addCard(app, b, w, 'Privat två');
		const doc = () => live.docs.get(workshops.docNameOf(w.id))!;
		expect(readBoard(doc()).cards).toEqual([]);
		expect((await workshops.myCards(app.db, a, w.id)).map((c) => [c.text, c.private])).toEqual([['Privat ett', true]]);
		expect(await workshops.privateCardCount(app.db, w.id)).toBe(2);
		const fresh = (await workshops.loadWorkshop(app.db, w.id))!;
		expect(await workshops.revealCards(app, fx.leader, fresh)).toBe(2);
		expect(readBoard(doc()).cards.map((c) => c.text).sort()).toEqual(['Privat ett', 'Privat två']);
		await expectApiError(workshops.revealCards(app, fx.leader, (await workshops.loadWorkshop(app.db, w.id))!), 409, 'already_revealed');
	});

	it('can be written only while collecting', async () => {
		let w = await openWorkshop();
		const g = await guest(w, 'Sen');
		w = await workshops.changePhase(app, fx.leader, w, 'cluster');
		await expectApiError(workshops.addCard(app, g, w, 'För sent'), 409, 'phase_closed');
	});
});

describe('joining and closing', () => {
	it('makes a guest of one workshop, and closing ends the guest session', async () => {
		const w = await openWorkshop();
		const r = await workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip: '10.9.9.9', code: w.joinCode.toLowerCase(), displayName: 'Gäst' });
		expect(r.guestToken).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
		expect(await validateGuestToken(app.db, r.guestToken!)).toMatchObject({ kind: 'guest', workshopId: w.id, name: 'Gäst' });
		const events: unknown[] = [];
		app.events.on('access-changed', (e) => events.push(e));
		await workshops.changePhase(app, fx.leader, w, 'closed');
		expect(await validateGuestToken(app.db, r.guestToken!)).toBeNull();
		expect(events).toContainEqual({ workshopId: w.id, reason: 'workshop_closed' });
		await expectApiError(
			workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip: '10.9.9.9', code: w.joinCode, displayName: 'Gäst' }),
			404,
			'unknown_code'
		);
	});

	it('refuses a draft workshop and lets a member in without a guest session', async () => {
		const w = await workshops.createWorkshop(app, fx.leader, fx.initiativeId, { title: 'Utkast', question: 'Fråga?' });
		await expectApiError(workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip: '10.1.1.1', code: w.joinCode, displayName: 'X' }), 409, 'workshop_not_started');
		const open = await workshops.changePhase(app, fx.leader, w, 'collect');
		const r = await workshops.joinWorkshop(app, { actor: fx.team, ip: '10.1.1.1', code: open.joinCode, displayName: 'X' });
		expect(r).toMatchObject({ workshopId: w.id, guestToken: null });
		await expectApiError(workshops.joinWorkshop(app, { actor: fx.outsider, ip: '10.1.1.1', code: open.joinCode, displayName: 'X' }), 409, 'signed_in');
	});

	it('limits wrong guesses per address, but never a code the address already joined with', async () => {
		const w = await openWorkshop();
		const join = (ip: string, code: string) => workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip, code, displayName: 'X' });
		await join('10.66.6.6', w.joinCode);
		for (let i = 0; i < BURST.limit; i++) await expectApiError(join('10.66.6.6', 'AAAAAA'), 404, 'unknown_code');
		await expectApiError(join('10.66.6.6', 'AAAAAA'), 429, 'rate_limited');
		expect((await join('10.66.6.6', w.joinCode)).workshopId).toBe(w.id);
		await expectApiError(join('10.66.6.7', 'AAAAAA'), 404, 'unknown_code');
	});

	it('resumes the same guest when the same browser joins again, with a new session', async () => {
		const w = await openWorkshop();
		const first = await workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip: '10.7.7.7', code: w.joinCode, displayName: 'Ada' });
		expect(first.deviceToken).toMatch(/^[a-z2-7]{24}$/);
		const again = await workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip: '10.7.7.7', code: w.joinCode, displayName: 'Ada igen', device: first.deviceToken });
		expect(again.deviceToken).toBeNull();
		expect(again.guest?.guestId).toBe(first.guest?.guestId);
		expect(await validateGuestToken(app.db, first.guestToken!)).toBeNull();
		expect(await validateGuestToken(app.db, again.guestToken!)).toMatchObject({ guestId: first.guest?.guestId, name: 'Ada igen' });
		const other = await workshops.joinWorkshop(app, { actor: { kind: 'anonymous' }, ip: '10.7.7.7', code: w.joinCode, displayName: 'Bo' });
		expect(other.guest?.guestId).not.toBe(first.guest?.guestId);
	});

	it('never reopens a closed workshop', async () => {
		const w = await openWorkshop();
		const closed = await workshops.changePhase(app, fx.leader, w, 'closed');
		await expectApiError(workshops.changePhase(app, fx.leader, closed, 'collect'), 409, 'workshop_closed');
	});
});

describe('the results CSV', () => {
	it('lists groups by votes, and neutralises formulas', () => {
		const csv = workshops.resultsCsv({
			workshop: { id: 'w', title: 'T', question: 'Q', phase: 'closed', anonymous: true },
			tallyVisible: true,
			participants: 2,
			cards: [
				{ id: 'c1', text: '=1+1', groupId: 'g2', votes: 1 },
				{ id: 'c2', text: 'Grus', groupId: 'g1', votes: 0 },
				{ id: 'c3', text: 'Lös', groupId: null, votes: 0 }
			],
			groups: [
				{ id: 'g1', title: 'Smuts', cardIds: ['c2'], votes: 1, cardVotes: 0, impact: null, effort: null },
				{ id: 'g2', title: 'Väta', cardIds: ['c1'], votes: 3, cardVotes: 1, impact: null, effort: null }
			]
		});
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).trim().split('\r\n');
		expect(lines[0]).toBe('"grupp";"gruppens röster";"kort";"kortets röster"');
		expect(lines[1]).toBe(`"Väta";3;"'=1+1";1`);
		expect(lines[2]).toBe('"Smuts";1;"Grus";0');
		expect(lines[3]).toBe('"";;"Lös";0');
	});
});
