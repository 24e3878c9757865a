import { describe, expect, it } from 'vitest';
import {
	INITIATIVE_RESOURCES,
	can,
	decide,
	initiativeAbilities,
	levelFor,
	mayKnowOrganisation,
	mayNamePerson,
	type Actor,
	type InitiativeResource,
	type InitiativeScope,
	type Level,
	type SprintRoomScope,
	type SprintScope,
	type PilotResource,
	type PilotScope,
	type ProposalScope,
	type TenderResource,
	type TenderScope,
	type WorkshopPhase
} from './policy.ts';
import { PHASES, type Phase, type Role, type TeamLabel } from '../db/schema/initiatives.ts';

const buyer = (over: Partial<Extract<Actor, { kind: 'user' }>> = {}): Actor => ({
	kind: 'user',
	userId: 'u-buyer',
	name: 'Maria',
	organisationId: 'org-kommun',
	organisationKind: 'buyer',
	orgAdmin: false,
	platformAdmin: false,
	...over
});
const supplier = (over: Partial<Extract<Actor, { kind: 'user' }>> = {}): Actor =>
	buyer({ userId: 'u-supplier', organisationId: 'org-ab', organisationKind: 'supplier', ...over });
const guest: Actor = { kind: 'guest', guestId: 'g1', name: 'Gäst', workshopId: 'w1' };
const anonymous: Actor = { kind: 'anonymous' };

const scope = (role: Role | null, phase: Phase = 'needs'): InitiativeScope => ({
	initiativeId: 'i1',
	phase,
	membership: role ? { role, label: null } : null
});

/**
 * The expected matrix, written out by hand: for each resource, the level of each role in an
 * active phase (before pilot). `-` none, `r` read, `w` write, `a` admin.
 * Columns: process_leader, team, observer, non-member.
 */
const EXPECTED: Record<InitiativeResource, string> = {
	initiative: 'a r r -',
	brief: 'w w r -',
	members: 'a r r -',
	journal: 'r - - -',
	contributors: 'r r - -',
	workshops: 'a a r -',
	needs: 'w w r -',
	requirements: 'w w r -',
	requirement_versions: 'w r r -',
	requirement_proposals: 'w w r -',
	conflicts: 'a r - -',
	procedure: 'w w r -',
	rfis: 'a a r -',
	tenders: 'a a r -',
	report: 'r r r -',
	lessons: 'w w r -',
	sprints: 'a w r -',
	pilots: 'a w r -'
};
/** From the pilot phase on, these resources are frozen: writers read. */
const FROZEN_AFTER_PROCURE: Record<InitiativeResource, string> = {
	initiative: 'a r r -',
	brief: 'w w r -',
	members: 'a r r -',
	journal: 'r - - -',
	contributors: 'r r - -',
	workshops: 'r r r -',
	needs: 'r r r -',
	requirements: 'r r r -',
	requirement_versions: 'r r r -',
	requirement_proposals: 'r r r -',
	conflicts: 'a r - -',
	procedure: 'r r r -',
	rfis: 'r r r -',
	/** Not frozen: award, standstill and contract happen as the pilot starts. */
	tenders: 'a a r -',
	report: 'r r r -',
	/** Not frozen: lessons are written at the end. */
	lessons: 'w w r -',
	sprints: 'r r r -',
	/** Pilots are the phase's work. */
	pilots: 'a w r -'
};
/**
 * The same matrix for a user of a supplier organisation (rule 3: the organisation's kind, not only
 * the role, decides). A supplier expert on the team writes like the team, but never reads the
 * conflicts register or the journal, never administers members or the initiative; a membership
 * that says process leader (which the commands refuse to create) counts as team.
 */
const SUPPLIER_EXPECTED: Record<InitiativeResource, string> = {
	initiative: 'r r r -',
	brief: 'w w r -',
	members: 'r r r -',
	journal: '- - - -',
	contributors: 'r r - -',
	workshops: 'a a r -',
	needs: 'w w r -',
	requirements: 'w w r -',
	requirement_versions: 'r r r -',
	requirement_proposals: '- - - -',
	conflicts: '- - - -',
	procedure: 'w w r -',
	rfis: '- - - -',
	tenders: '- - - -',
	report: '- - - -',
	lessons: '- - - -',
	sprints: '- - - -',
	pilots: '- - - -'
};
const SUPPLIER_FROZEN_AFTER_PROCURE: Record<InitiativeResource, string> = {
	...SUPPLIER_EXPECTED,
	workshops: 'r r r -',
	needs: 'r r r -',
	requirements: 'r r r -',
	requirement_versions: 'r r r -',
	procedure: 'r r r -'
};
const LETTER: Record<string, Level> = { '-': 'none', r: 'read', w: 'write', a: 'admin' };
const COLUMNS: Array<Role | null> = ['process_leader', 'team', 'observer', null];

function expected(table: Record<InitiativeResource, string>, resource: InitiativeResource, column: number): Level {
	return LETTER[table[resource].split(' ')[column]];
}

describe('the access policy matrix', () => {
	it('covers every initiative resource in the written table', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...INITIATIVE_RESOURCES].sort());
		expect(Object.keys(SUPPLIER_EXPECTED).sort()).toEqual([...INITIATIVE_RESOURCES].sort());
	});

	for (const phase of PHASES) {
		const frozen = ['pilot', 'evaluate'].includes(phase);
		const table = frozen ? FROZEN_AFTER_PROCURE : EXPECTED;
		const supplierTable = frozen ? SUPPLIER_FROZEN_AFTER_PROCURE : SUPPLIER_EXPECTED;
		for (const resource of INITIATIVE_RESOURCES) {
			COLUMNS.forEach((role, column) => {
				for (const [who, actor, written] of [
					['a buyer user', buyer(), table],
					['a buyer organisation administrator', buyer({ orgAdmin: true }), table],
					['a platform administrator', buyer({ platformAdmin: true, orgAdmin: true }), table],
					['a supplier user', supplier(), supplierTable],
					['a supplier organisation administrator', supplier({ orgAdmin: true }), supplierTable],
					['a supplier user who is also platform administrator', supplier({ platformAdmin: true }), supplierTable]
				] as const) {
					const want = expected(written, resource, column);
					it(`gives ${who} who is ${role ?? 'not a member'} ${want} on ${resource} in phase ${phase}`, () => {
						const target = { resource, initiative: scope(role, phase) };
						expect(levelFor(actor, target)).toBe(want);
						// can() agrees with the level for every action.
						expect(can(actor, 'read', target)).toBe(want !== 'none');
						expect(can(actor, 'write', target)).toBe(want === 'write' || want === 'admin');
						expect(can(actor, 'admin', target)).toBe(want === 'admin');
					});
				}
			});
			it(`gives guests and anonymous visitors nothing on ${resource} in phase ${phase}, even with a membership in the scope`, () => {
				for (const actor of [guest, anonymous]) {
					expect(levelFor(actor, { resource, initiative: scope('process_leader', phase) })).toBe('none');
				}
			});
		}
	}
});

describe('supplier isolation (rule 3)', () => {
	const acme = { id: 'org-acme', kind: 'supplier' as const };
	const own = { id: 'org-ab', kind: 'supplier' as const };
	const kommun = { id: 'org-kommun', kind: 'buyer' as const };

	it('refuses the conflicts register to a supplier on the team as not found, so it is not even known to exist', () => {
		expect(decide(supplier(), 'read', { resource: 'conflicts', initiative: scope('team') })).toBe('not_found');
		expect(decide(buyer(), 'read', { resource: 'conflicts', initiative: scope('team') })).toBe('ok');
	});
	it('lets a supplier know buyer organisations and its own, and no other supplier', () => {
		expect(mayKnowOrganisation(supplier(), kommun)).toBe(true);
		expect(mayKnowOrganisation(supplier(), own)).toBe(true);
		expect(mayKnowOrganisation(supplier(), acme)).toBe(false);
		expect(mayKnowOrganisation(supplier({ orgAdmin: true, platformAdmin: true }), acme)).toBe(false);
		expect(mayKnowOrganisation(supplier(), null)).toBe(false);
	});
	it('lets buyers, guests and the platform know every organisation', () => {
		for (const viewer of [buyer(), buyer({ platformAdmin: true }), guest, anonymous]) {
			expect(mayKnowOrganisation(viewer, acme)).toBe(true);
			expect(mayKnowOrganisation(viewer, kommun)).toBe(true);
		}
	});
	it('names only a supplier\'s own people on single attributions, buyers and other suppliers alike shown as the team', () => {
		expect(mayNamePerson(supplier(), own)).toBe(true);
		expect(mayNamePerson(supplier(), kommun)).toBe(false);
		expect(mayNamePerson(supplier(), acme)).toBe(false);
		expect(mayNamePerson(buyer(), acme)).toBe(true);
	});
	it('ships abilities that hide the register, the journal and member administration from a supplier on the team', () => {
		const a = initiativeAbilities(supplier(), scope('team'));
		expect(a.readConflicts).toBe(false);
		expect(a.readJournal).toBe(false);
		expect(a.manageMembers).toBe(false);
		expect(a.editRequirements).toBe(true);
		const leader = initiativeAbilities(supplier(), scope('process_leader'));
		expect(leader.administer).toBe(false);
		expect(leader.manageMembers).toBe(false);
		expect(leader.administerConflicts).toBe(false);
	});
});

describe('refusals', () => {
	it('answers not_found to a non-member, so existence is not revealed', () => {
		expect(decide(buyer(), 'read', { resource: 'brief', initiative: scope(null) })).toBe('not_found');
	});
	it('answers forbidden to a member who may see but not do', () => {
		expect(decide(buyer(), 'write', { resource: 'brief', initiative: scope('observer') })).toBe('forbidden');
	});
	it('answers ok when allowed', () => {
		expect(decide(buyer(), 'write', { resource: 'brief', initiative: scope('team') })).toBe('ok');
	});
});

describe('platform resources', () => {
	it('lets only platform administrators read the outbox', () => {
		expect(levelFor(buyer({ platformAdmin: true }), { resource: 'outbox' })).toBe('admin');
		expect(levelFor(buyer(), { resource: 'outbox' })).toBe('none');
		expect(levelFor(supplier(), { resource: 'outbox' })).toBe('none');
		expect(levelFor(guest, { resource: 'outbox' })).toBe('none');
		expect(levelFor(anonymous, { resource: 'outbox' })).toBe('none');
	});
	it('lets only platform administrators see and administer the accounts of the installation', () => {
		for (const action of ['read', 'write', 'admin'] as const) {
			expect(can(buyer({ platformAdmin: true }), action, { resource: 'users' })).toBe(true);
			expect(can(buyer({ orgAdmin: true }), action, { resource: 'users' })).toBe(false);
			expect(can(supplier({ orgAdmin: true }), action, { resource: 'users' })).toBe(false);
			expect(can(guest, action, { resource: 'users' })).toBe(false);
			expect(can(anonymous, action, { resource: 'users' })).toBe(false);
		}
		expect(decide(buyer(), 'read', { resource: 'users' })).not.toBe('ok');
	});

	it('lets everyone signed in read thresholds and platform administrators edit them', () => {
		expect(levelFor(buyer(), { resource: 'thresholds' })).toBe('read');
		expect(levelFor(supplier(), { resource: 'thresholds' })).toBe('read');
		expect(levelFor(buyer({ platformAdmin: true }), { resource: 'thresholds' })).toBe('admin');
		expect(levelFor(guest, { resource: 'thresholds' })).toBe('none');
		expect(levelFor(anonymous, { resource: 'thresholds' })).toBe('none');
	});
	it('lets buyer users create initiatives and refuses suppliers, guests and visitors', () => {
		expect(can(buyer(), 'write', { resource: 'initiatives' })).toBe(true);
		expect(can(supplier(), 'write', { resource: 'initiatives' })).toBe(false);
		expect(can(guest, 'write', { resource: 'initiatives' })).toBe(false);
		expect(can(anonymous, 'write', { resource: 'initiatives' })).toBe(false);
	});
	it('lets every signed-in user keep their own notifications and send files, and nobody else', () => {
		for (const resource of ['notifications', 'uploads'] as const) {
			expect(levelFor(buyer(), { resource })).toBe('write');
			expect(levelFor(supplier(), { resource })).toBe('write');
			expect(levelFor(guest, { resource })).toBe('none');
			expect(levelFor(anonymous, { resource })).toBe('none');
		}
	});
	it('lets organisation administrators administer only their own organisation', () => {
		expect(levelFor(buyer({ orgAdmin: true }), { resource: 'organisation', organisationId: 'org-kommun' })).toBe('admin');
		expect(levelFor(buyer(), { resource: 'organisation', organisationId: 'org-kommun' })).toBe('read');
		expect(levelFor(buyer({ orgAdmin: true }), { resource: 'organisation', organisationId: 'org-ab' })).toBe('none');
		expect(levelFor(guest, { resource: 'organisation', organisationId: 'org-kommun' })).toBe('none');
	});
	for (const resource of ['organisation_lessons', 'organisation_templates'] as const) {
		it(`gives ${resource} to the buyer organisation's own users only`, () => {
			expect(levelFor(buyer(), { resource, organisationId: 'org-kommun' })).toBe('write');
			expect(levelFor(buyer({ orgAdmin: true }), { resource, organisationId: 'org-other' })).toBe('none');
			expect(levelFor(buyer({ platformAdmin: true }), { resource, organisationId: 'org-other' })).toBe('none');
			// A supplier, even inside its own organisation, has no templates or organisation-wide lessons.
			expect(levelFor(supplier({ orgAdmin: true }), { resource, organisationId: 'org-ab' })).toBe('none');
			expect(levelFor(guest, { resource, organisationId: 'org-kommun' })).toBe('none');
			expect(levelFor(anonymous, { resource, organisationId: 'org-kommun' })).toBe('none');
		});
	}
});

describe('RFI rounds', () => {
	const rfi = (over: Partial<{ published: boolean; open: boolean; participant: boolean }> = {}) => ({
		rfiId: 'r1',
		published: true,
		open: false,
		participant: false,
		...over
	});
	const at = (actor: Actor, resource: 'rfi' | 'rfi_response' | 'rfi_responses', role: Role | null, r = rfi()) =>
		levelFor(actor, { resource, initiative: scope(role), rfi: r });

	it('lets the buyer team run rounds, analyse submitted responses, and observers only follow', () => {
		expect(at(buyer(), 'rfi', 'process_leader')).toBe('admin');
		expect(at(buyer(), 'rfi', 'team')).toBe('admin');
		expect(at(buyer(), 'rfi', 'observer')).toBe('read');
		expect(at(buyer(), 'rfi_responses', 'team')).toBe('write');
		expect(at(buyer(), 'rfi_responses', 'observer')).toBe('none');
		expect(at(buyer(), 'rfi_response', 'process_leader')).toBe('none');
		expect(at(buyer(), 'rfi', null)).toBe('none');
	});

	it('shows a supplier only published rounds that are open or where its organisation takes part', () => {
		expect(at(supplier(), 'rfi', null, rfi({ participant: true }))).toBe('read');
		expect(at(supplier(), 'rfi_response', null, rfi({ participant: true }))).toBe('write');
		expect(at(supplier(), 'rfi', null, rfi({ open: true }))).toBe('read');
		expect(at(supplier(), 'rfi', null, rfi())).toBe('none');
		expect(at(supplier(), 'rfi', null, rfi({ published: false, participant: true }))).toBe('none');
		expect(at(supplier(), 'rfi_responses', null, rfi({ participant: true }))).toBe('none');
	});

	it('never opens the market side to a supplier expert on the buyer team', () => {
		for (const role of ['process_leader', 'team', 'observer'] as const) {
			expect(at(supplier(), 'rfi', role)).toBe('none');
			expect(at(supplier(), 'rfi_responses', role, rfi({ participant: true }))).toBe('none');
			expect(levelFor(supplier(), { resource: 'rfis', initiative: scope(role) })).toBe('none');
		}
	});

	it('gives guests and visitors nothing', () => {
		expect(at(guest, 'rfi', null, rfi({ open: true }))).toBe('none');
		expect(at(anonymous, 'rfi_response', null, rfi({ open: true }))).toBe('none');
	});
});

describe('tender rounds', () => {
	const tender = (over: Partial<TenderScope> = {}): TenderScope => ({
		tenderId: 't1',
		published: true,
		open: false,
		participant: false,
		opened: false,
		awarded: false,
		opener: false,
		declared: false,
		...over
	});
	const at = (actor: Actor, resource: TenderResource, role: Role | null, t = tender()) => levelFor(actor, { resource, initiative: scope(role), tender: t });
	const admin = (): Actor => ({ ...buyer(), platformAdmin: true }) as Actor;

	it('keeps every tender sealed before the opening: for the buyer team, openers, platform administrators and the supplier alike', () => {
		const declared = tender({ declared: true, opener: true });
		for (const role of ['process_leader', 'team', 'observer', null] as const) {
			expect(at(buyer(), 'tender_submissions', role, declared)).toBe('none');
			expect(at(admin(), 'tender_submissions', role, declared)).toBe('none');
		}
		expect(at(supplier(), 'tender_submissions', null, tender({ participant: true }))).toBe('none');
	});

	it('opens tenders after the opening only to team members who declared no conflict of interest, never to observers', () => {
		expect(at(buyer(), 'tender_submissions', 'team', tender({ opened: true }))).toBe('none');
		expect(at(buyer(), 'tender_submissions', 'team', tender({ opened: true, declared: true }))).toBe('write');
		expect(at(buyer(), 'tender_submissions', 'process_leader', tender({ opened: true, declared: true }))).toBe('write');
		expect(at(buyer(), 'tender_submissions', 'observer', tender({ opened: true, declared: true }))).toBe('none');
		expect(at(buyer(), 'tender_submissions', null, tender({ opened: true, declared: true }))).toBe('none');
	});

	it('lets only named openers approve the opening; the rest of the team reads the protocol', () => {
		expect(at(buyer(), 'tender_opening', 'team', tender({ opener: true }))).toBe('write');
		expect(at(buyer(), 'tender_opening', 'team')).toBe('read');
		expect(at(buyer(), 'tender_opening', 'observer', tender({ opener: true }))).toBe('read');
		expect(at(supplier(), 'tender_opening', null, tender({ participant: true, opener: true }))).toBe('none');
	});

	it('shows a supplier only published rounds open to it, its own tender, and the public version after the award', () => {
		expect(at(supplier(), 'tender', null, tender({ participant: true }))).toBe('read');
		expect(at(supplier(), 'tender', null, tender({ open: true }))).toBe('read');
		expect(at(supplier(), 'tender', null)).toBe('none');
		expect(at(supplier(), 'tender', null, tender({ published: false, open: true }))).toBe('none');
		expect(at(supplier(), 'tender_submission', null, tender({ open: true }))).toBe('write');
		expect(at(supplier(), 'tender_public', null, tender({ open: true }))).toBe('none');
		expect(at(supplier(), 'tender_public', null, tender({ open: true, awarded: true }))).toBe('read');
	});

	it('judges a supplier expert on the buyer team as a supplier', () => {
		for (const role of ['process_leader', 'team', 'observer'] as const) {
			expect(at(supplier(), 'tender', role)).toBe('none');
			expect(at(supplier(), 'tender_submissions', role, tender({ opened: true, declared: true, participant: true }))).toBe('none');
			expect(at(supplier(), 'tender_opening', role, tender({ opener: true }))).toBe('none');
		}
	});

	it('gives guests and visitors nothing', () => {
		expect(at(guest, 'tender', null, tender({ open: true }))).toBe('none');
		expect(at(anonymous, 'tender_public', null, tender({ open: true, awarded: true }))).toBe('none');
	});
});

describe('sprints', () => {
	const sprint = (over: Partial<SprintScope> = {}): SprintScope => ({ sprintId: 's1', ownRoomId: null, ...over });
	const room = (over: Partial<SprintRoomScope> = {}): SprintRoomScope => ({
		roomId: 'r1',
		own: false,
		assigned: false,
		decider: false,
		locked: false,
		confidential: true,
		...over
	});
	const sprintAt = (actor: Actor, resource: 'sprint' | 'sprint_parity', role: Role | null, s = sprint()) =>
		levelFor(actor, { resource, initiative: scope(role, 'sprint'), sprint: s });
	const roomAt = (actor: Actor, resource: 'sprint_room' | 'sprint_supervote', role: Role | null, s = sprint(), r = room()) =>
		levelFor(actor, { resource, initiative: scope(role, 'sprint'), sprint: s, room: r });

	it('lets the process leader run the sprint, the team work in it and observers follow progress and parity', () => {
		expect(sprintAt(buyer(), 'sprint', 'process_leader')).toBe('admin');
		expect(sprintAt(buyer(), 'sprint', 'team')).toBe('write');
		expect(sprintAt(buyer(), 'sprint', 'observer')).toBe('read');
		expect(sprintAt(buyer(), 'sprint', null)).toBe('none');
		for (const role of ['process_leader', 'team', 'observer'] as const) expect(sprintAt(buyer(), 'sprint_parity', role)).toBe('read');
		expect(sprintAt(buyer(), 'sprint_parity', null)).toBe('none');
	});

	it('shows a supplier the sprint only through its own room, and never the parity report', () => {
		expect(sprintAt(supplier(), 'sprint', null)).toBe('none');
		expect(sprintAt(supplier(), 'sprint', null, sprint({ ownRoomId: 'r1' }))).toBe('read');
		expect(sprintAt(supplier(), 'sprint_parity', null, sprint({ ownRoomId: 'r1' }))).toBe('none');
		const mine = sprint({ ownRoomId: 'r1' });
		expect(roomAt(supplier(), 'sprint_room', null, mine, room({ own: true }))).toBe('write');
		expect(roomAt(supplier(), 'sprint_room', null, mine, room({ roomId: 'r2', own: false }))).toBe('none');
		expect(roomAt(supplier(), 'sprint_room', null, mine, room({ own: true, locked: true }))).toBe('read');
	});

	it('judges a supplier expert on the buyer team as a supplier: no other room, whatever the role', () => {
		for (const role of ['process_leader', 'team', 'observer'] as const) {
			expect(sprintAt(supplier(), 'sprint', role)).toBe('none');
			expect(roomAt(supplier(), 'sprint_room', role, sprint(), room({ assigned: true }))).toBe('none');
			expect(sprintAt(supplier(), 'sprint_parity', role, sprint({ ownRoomId: 'r1' }))).toBe('none');
		}
	});

	it('lets team members read every room and write only in the rooms they are assigned to', () => {
		expect(roomAt(buyer(), 'sprint_room', 'process_leader')).toBe('admin');
		expect(roomAt(buyer(), 'sprint_room', 'team')).toBe('read');
		expect(roomAt(buyer(), 'sprint_room', 'team', sprint(), room({ assigned: true }))).toBe('write');
		expect(roomAt(buyer(), 'sprint_room', 'team', sprint(), room({ assigned: true, locked: true }))).toBe('read');
		expect(roomAt(buyer(), 'sprint_room', 'process_leader', sprint(), room({ locked: true }))).toBe('admin');
		expect(roomAt(buyer(), 'sprint_room', null, sprint(), room({ assigned: true }))).toBe('none');
	});

	it('keeps room content marked confidential from observers', () => {
		expect(roomAt(buyer(), 'sprint_room', 'observer')).toBe('none');
		expect(roomAt(buyer(), 'sprint_room', 'observer', sprint(), room({ confidential: false }))).toBe('read');
	});

	it('counts only the decider\'s supervote: others in the room see it but may not cast it', () => {
		const mine = sprint({ ownRoomId: 'r1' });
		expect(roomAt(supplier(), 'sprint_supervote', null, mine, room({ own: true, decider: true }))).toBe('write');
		expect(roomAt(supplier(), 'sprint_supervote', null, mine, room({ own: true }))).toBe('read');
		expect(roomAt(buyer(), 'sprint_supervote', 'team', sprint(), room({ assigned: true, decider: true }))).toBe('write');
		expect(roomAt(buyer(), 'sprint_supervote', 'process_leader')).toBe('read');
		expect(decide(buyer(), 'write', { resource: 'sprint_supervote', initiative: scope('team', 'sprint'), sprint: sprint(), room: room() })).toBe('forbidden');
	});

	it('gives guests and visitors nothing', () => {
		expect(sprintAt(guest, 'sprint', 'team', sprint({ ownRoomId: 'r1' }))).toBe('none');
		expect(roomAt(anonymous, 'sprint_room', 'team', sprint(), room({ own: true, confidential: false }))).toBe('none');
	});
});

describe('the workshop board', () => {
	const board = (role: Role | null, phase: WorkshopPhase, workshopId = 'w1') => ({
		resource: 'workshop_board' as const,
		initiative: scope(role),
		workshop: { workshopId, phase }
	});
	const running: WorkshopPhase[] = ['collect', 'cluster', 'vote', 'prioritise', 'formulate'];

	it('lets a guest write to the board of their own running workshop only', () => {
		for (const phase of running) {
			expect(levelFor(guest, board(null, phase))).toBe('write');
			expect(levelFor(guest, board(null, phase, 'w2'))).toBe('none');
		}
	});
	it('shuts guests out before the workshop opens and after it closes', () => {
		expect(levelFor(guest, board(null, 'draft'))).toBe('none');
		expect(levelFor(guest, board(null, 'closed'))).toBe('none');
	});
	it('lets team members facilitate, observers read, and non-members nothing', () => {
		expect(levelFor(buyer(), board('process_leader', 'collect'))).toBe('admin');
		expect(levelFor(buyer(), board('team', 'vote'))).toBe('admin');
		expect(levelFor(buyer(), board('observer', 'vote'))).toBe('read');
		expect(levelFor(buyer(), board(null, 'vote'))).toBe('none');
		expect(levelFor(supplier(), board(null, 'vote'))).toBe('none');
		expect(levelFor(anonymous, board(null, 'vote'))).toBe('none');
	});
	it('makes a closed board read-only for everyone who could see it', () => {
		expect(levelFor(buyer(), board('process_leader', 'closed'))).toBe('read');
		expect(levelFor(buyer(), board('observer', 'closed'))).toBe('read');
	});
});

describe('a sprint room’s own workshop (the Map stage’s "How might we" notes)', () => {
	const owned = (role: Role | null, opts: { own?: boolean; assigned?: boolean; locked?: boolean; confidential?: boolean; open?: boolean; ownRoomId?: string | null; phase?: WorkshopPhase } = {}) => ({
		resource: 'workshop_board' as const,
		initiative: scope(role, 'sprint'),
		workshop: {
			workshopId: 'w1',
			phase: opts.phase ?? 'collect',
			room: {
				sprint: { sprintId: 's1', ownRoomId: opts.ownRoomId === undefined ? (opts.own ? 'r1' : null) : opts.ownRoomId },
				room: { roomId: 'r1', own: opts.own ?? false, assigned: opts.assigned ?? false, decider: false, locked: opts.locked ?? false, confidential: opts.confidential ?? true },
				open: opts.open ?? true
			}
		}
	});

	it('lets the room’s supplier participate, the leader and the assigned team facilitate, and the rest of the team read', () => {
		expect(levelFor(supplier(), owned(null, { own: true }))).toBe('write');
		expect(levelFor(buyer(), owned('process_leader'))).toBe('admin');
		expect(levelFor(buyer(), owned('team', { assigned: true }))).toBe('admin');
		expect(levelFor(buyer(), owned('team'))).toBe('read');
	});
	it('hides it from another supplier, guests, observers of a confidential room, and the own supplier before the terms', () => {
		expect(levelFor(supplier(), owned(null, { ownRoomId: 'r2' }))).toBe('none');
		expect(levelFor(guest, owned(null))).toBe('none');
		expect(levelFor(buyer(), owned('observer'))).toBe('none');
		expect(levelFor(buyer(), owned('observer', { confidential: false }))).toBe('read');
		expect(levelFor(supplier(), owned(null, { own: true, open: false }))).toBe('none');
		// A team member of the initiative's needs work is not on the room's workshop by that alone.
		expect(levelFor(buyer(), owned(null))).toBe('none');
	});
	it('follows the room’s lock and the workshop’s close', () => {
		expect(levelFor(supplier(), owned(null, { own: true, locked: true }))).toBe('read');
		expect(levelFor(buyer(), owned('team', { assigned: true, locked: true }))).toBe('read');
		expect(levelFor(buyer(), owned('process_leader', { locked: true }))).toBe('admin');
		expect(levelFor(buyer(), owned('process_leader', { phase: 'closed' }))).toBe('read');
	});
});

describe('publishing a requirements version', () => {
	const labelled = (label: TeamLabel | null, role: Role = 'team', phase: Phase = 'procure'): InitiativeScope => ({
		initiativeId: 'i1',
		phase,
		membership: { role, label }
	});
	const publish = (actor: Actor, s: InitiativeScope) => decide(actor, 'write', { resource: 'requirement_versions', initiative: s });

	it('is for the process leader and team members labelled procurement officer', () => {
		expect(publish(buyer(), labelled(null, 'process_leader'))).toBe('ok');
		expect(publish(buyer(), labelled('procurement_officer'))).toBe('ok');
		expect(initiativeAbilities(buyer(), labelled('procurement_officer')).publishRequirements).toBe(true);
	});
	it('is refused (403, not 404) to other team members, who still edit the draft', () => {
		for (const label of [null, 'needs_owner', 'operations', 'expert'] as const) {
			expect(publish(buyer(), labelled(label))).toBe('forbidden');
			const a = initiativeAbilities(buyer(), labelled(label));
			expect(a.editRequirements).toBe(true);
			expect(a.publishRequirements).toBe(false);
		}
	});
	it('is refused to observers, even labelled procurement officer', () => {
		expect(publish(buyer(), labelled('procurement_officer', 'observer'))).toBe('forbidden');
	});
	it('is refused to a supplier expert on the team, whatever their label says', () => {
		expect(publish(supplier(), labelled('procurement_officer'))).toBe('forbidden');
	});
	it('stops once the requirements are frozen (pilot onwards), also for the procurement officer', () => {
		expect(publish(buyer(), labelled('procurement_officer', 'team', 'pilot'))).toBe('forbidden');
		expect(publish(buyer(), labelled(null, 'process_leader', 'evaluate'))).toBe('forbidden');
	});
});

describe('abilities shipped to pages', () => {
	it('match the policy for an observer', () => {
		const a = initiativeAbilities(buyer(), scope('observer'));
		expect(a.read).toBe(true);
		expect(a.editBrief).toBe(false);
		expect(a.manageMembers).toBe(false);
		expect(a.readJournal).toBe(false);
	});
	it('are all false for a non-member', () => {
		const a = initiativeAbilities(supplier(), scope(null));
		expect(Object.values(a).every((v) => v === false)).toBe(true);
	});
});

describe('pilots', () => {
	const pilot = (over: Partial<PilotScope> = {}): PilotScope => ({ pilotId: 'p1', participant: false, decisionMaker: false, ...over });
	const at = (actor: Actor, resource: PilotResource, role: Role | null, p: PilotScope = pilot()) =>
		levelFor(actor, { resource, initiative: scope(role, 'pilot'), pilot: p });

	it('follows the role table for the buyer side: the leader administers, the team writes, observers read', () => {
		expect(at(buyer(), 'pilot', 'process_leader')).toBe('admin');
		expect(at(buyer(), 'pilot', 'team')).toBe('write');
		expect(at(buyer(), 'pilot', 'observer')).toBe('read');
		expect(at(buyer(), 'pilot_values', 'process_leader')).toBe('write');
		expect(at(buyer(), 'pilot_values', 'observer')).toBe('read');
		expect(at(buyer(), 'pilot', null)).toBe('none');
	});
	it('shows a supplier its own pilot only, where it records values, and never another', () => {
		expect(at(supplier(), 'pilot', null, pilot({ participant: true }))).toBe('read');
		expect(at(supplier(), 'pilot_values', null, pilot({ participant: true }))).toBe('write');
		expect(at(supplier(), 'pilot', null)).toBe('none');
		expect(at(supplier(), 'pilot_values', null)).toBe('none');
	});
	it('judges a supplier expert on the buyer team as a supplier', () => {
		expect(at(supplier(), 'pilot', 'team')).toBe('none');
		expect(levelFor(supplier(), { resource: 'pilots', initiative: scope('team', 'pilot') })).toBe('none');
	});
	it('lets only the named decision makers decide (an observer may be one); others who read are refused with 403', () => {
		expect(at(buyer(), 'pilot_decision', 'observer', pilot({ decisionMaker: true }))).toBe('write');
		expect(decide(buyer(), 'write', { resource: 'pilot_decision', initiative: scope('process_leader', 'pilot'), pilot: pilot() })).toBe('forbidden');
		expect(at(supplier(), 'pilot_decision', null, pilot({ participant: true, decisionMaker: true }))).toBe('read');
		expect(at(buyer(), 'pilot_decision', null, pilot({ decisionMaker: true }))).toBe('none');
	});
	it('gives guests and visitors nothing', () => {
		expect(levelFor(guest, { resource: 'pilot', initiative: scope('team', 'pilot'), pilot: pilot({ participant: true }) })).toBe('none');
		expect(levelFor(anonymous, { resource: 'pilot', initiative: scope('team', 'pilot'), pilot: pilot() })).toBe('none');
	});
});

describe('requirement change proposals', () => {
	const proposal = (over: Partial<ProposalScope> = {}): ProposalScope => ({ proposalId: 'p1', ownSource: false, author: false, confidentialRoom: false, ...over });
	const at = (actor: Actor, resource: 'requirement_proposal' | 'requirement_proposal_withdrawal', role: Role | null, p = proposal(), phase: Phase = 'sprint') =>
		levelFor(actor, { resource, initiative: scope(role, phase), proposal: p });

	it('lets the process leader and the team decide, observers read, non-members nothing', () => {
		expect(at(buyer(), 'requirement_proposal', 'process_leader')).toBe('write');
		expect(at(buyer(), 'requirement_proposal', 'team')).toBe('write');
		expect(at(buyer(), 'requirement_proposal', 'observer')).toBe('read');
		expect(at(buyer(), 'requirement_proposal', null)).toBe('none');
	});
	it('hides a proposal from a confidential room from observers, not from the team', () => {
		expect(at(buyer(), 'requirement_proposal', 'observer', proposal({ confidentialRoom: true }))).toBe('none');
		expect(at(buyer(), 'requirement_proposal', 'team', proposal({ confidentialRoom: true }))).toBe('write');
	});
	it('shows a supplier only the proposals its own organisation is the source of, read-only, also as an expert on the team', () => {
		expect(at(supplier(), 'requirement_proposal', null, proposal({ ownSource: true }))).toBe('read');
		expect(at(supplier(), 'requirement_proposal', null)).toBe('none');
		expect(at(supplier(), 'requirement_proposal', 'team')).toBe('none');
		expect(at(supplier(), 'requirement_proposal', 'team', proposal({ ownSource: true }))).toBe('read');
		expect(decide(supplier(), 'write', { resource: 'requirement_proposal', initiative: scope(null), proposal: proposal({ ownSource: true }) })).toBe('forbidden');
	});
	it('lets the author withdraw what they can read, nobody else', () => {
		expect(at(supplier(), 'requirement_proposal_withdrawal', null, proposal({ ownSource: true, author: true }))).toBe('write');
		expect(at(buyer(), 'requirement_proposal_withdrawal', 'team', proposal({ author: true }))).toBe('write');
		expect(at(buyer(), 'requirement_proposal_withdrawal', 'process_leader')).toBe('read');
		expect(at(supplier(), 'requirement_proposal_withdrawal', null, proposal({ author: true }))).toBe('none');
	});
	it('freezes deciding from the pilot phase on', () => {
		expect(at(buyer(), 'requirement_proposal', 'process_leader', proposal(), 'pilot')).toBe('read');
	});
	it('gives guests and visitors nothing', () => {
		expect(levelFor(guest, { resource: 'requirement_proposal', initiative: scope('team'), proposal: proposal({ ownSource: true }) })).toBe('none');
		expect(levelFor(anonymous, { resource: 'requirement_proposal', initiative: scope('team'), proposal: proposal() })).toBe('none');
	});
});
