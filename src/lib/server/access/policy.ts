/**
 * THE access policy. Every page load, form action, API endpoint and live-document connection
 * asks `levelFor` / `can` / `decide` here; nothing else in the code base decides who may see or
 * change what. Deny by default: a resource or actor this module does not know gets `none`.
 *
 * The answer depends on the actor (user, workshop guest or anonymous), their organisation and its
 * kind (buyer or supplier), their role in the initiative (and, for a few abilities, their team
 * label), and the state of the thing (initiative phase, workshop phase).
 * The full matrix is walked by `policy.spec.ts` against a table written out in the test.
 *
 * This module is pure: it never touches the database. Callers load the scope (see `scope.ts`).
 */
import type { Phase, Role, TeamLabel } from '../db/schema/initiatives.ts';
import type { OrganisationKind } from '../db/schema/accounts.ts';

/** Ordered: each level includes the ones before it. `read` is the state between no and yes. */
export const LEVELS = ['none', 'read', 'write', 'admin'] as const;
export type Level = (typeof LEVELS)[number];
export type Action = Exclude<Level, 'none'>;

export type Actor =
	| {
			kind: 'user';
			userId: string;
			name: string;
			organisationId: string;
			organisationKind: OrganisationKind;
			orgAdmin: boolean;
			platformAdmin: boolean;
	  }
	| {
			/** A workshop participant without an account: scoped to exactly one workshop. */
			kind: 'guest';
			guestId: string;
			name: string;
			workshopId: string;
	  }
	| { kind: 'anonymous' };

export type UserActor = Extract<Actor, { kind: 'user' }>;
export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** What the policy needs to know about an initiative and the actor's place in it. */
export interface InitiativeScope {
	initiativeId: string;
	phase: Phase;
	/** The actor's membership, or null when they are not a member. */
	membership: { role: Role; label: TeamLabel | null } | null;
}

export const WORKSHOP_PHASES = ['draft', 'collect', 'cluster', 'vote', 'prioritise', 'formulate', 'closed'] as const;
export type WorkshopPhase = (typeof WORKSHOP_PHASES)[number];

export interface WorkshopScope {
	workshopId: string;
	phase: WorkshopPhase;
	/**
	 * Set when a sprint room owns the workshop (the Map stage's "How might we" notes): the board is
	 * then as open as the room, never the initiative's workshops. `open`: the room is open to the
	 * actor (a supplier's organisation accepted the terms).
	 */
	room?: { sprint: SprintScope; room: SprintRoomScope; open: boolean };
}

/** Resources inside an initiative, reached through membership. */
export const INITIATIVE_RESOURCES = [
	/** Title, description, value, phase; `admin` = change phase, settings. */
	'initiative',
	/** The brief (projektdirektiv), live document `brief.<initiativeId>`. */
	'brief',
	/** Members and invitations; `admin` = invite, change roles, remove. */
	'members',
	/** The journal of the initiative. */
	'journal',
	/** Who contributed to a live document (server ledger). */
	'contributors',
	/** Workshops of the initiative; `admin` = create and facilitate. */
	'workshops',
	/** The needs register and effect logic. */
	'needs',
	/** The requirements draft (live document `requirements.<initiativeId>`) and its versions. */
	'requirements',
	/**
	 * Publishing a requirements version (`write`): a version is frozen for good and is what an RFI
	 * or a tender answers to, so only the process leader and team members labelled procurement
	 * officer publish (see `LABEL_GRANTS`); everyone who reads the requirements reads the versions.
	 */
	'requirement_versions',
	/**
	 * Requirement change proposals of the initiative as the buyer team sees them (every source):
	 * `write` = propose and decide (whoever edits the requirements on the contracting authority's
	 * side); `read` = follow them. A supplier reaches only the proposals its own organisation is
	 * the source of, through `requirement_proposal`.
	 */
	'requirement_proposals',
	/** Conflicts-of-interest register. */
	'conflicts',
	/** Procedure advisor decision saved on the initiative. */
	'procedure',
	/** RFI rounds of the initiative, as the buyer side sees them; `admin` = create, edit, publish, invite. */
	'rfis',
	/** Tender rounds of the initiative, as the buyer side sees them; `admin` = create, publish, invite, decide conflicts, award. */
	'tenders',
	/**
	 * The final report (slutrapport) assembled from the whole chain: the buyer team and observers
	 * read it (each section still asks for its own resource); a supplier never does, also not as an
	 * expert on the team, since it gathers the market side.
	 */
	'report',
	/** Lessons learnt per phase; the team writes them (also after the procurement), observers read. */
	'lessons',
	/**
	 * Innovation sprints of the initiative as the buyer side sees them; `admin` = create, add rooms,
	 * publish inputs, start stages, lock rooms, answer questions (the process leader); `write` =
	 * work in the rooms one is assigned to, log meetings and findings; `read` = follow progress.
	 */
	'sprints',
	/**
	 * Pilots of the initiative as the buyer side sees them (plans, measurement, gate, scale-up,
	 * the observers' dashboard); `admin` = create a pilot, `write` = edit plans and record values.
	 */
	'pilots'
] as const;
export type InitiativeResource = (typeof INITIATIVE_RESOURCES)[number];

/** Platform-wide resources, not tied to an initiative. */
export const PLATFORM_RESOURCES = [
	/** Outgoing mail as stored in the outbox. */
	'outbox',
	/** Every account on the installation: list, disable and enable, make a new-password link. */
	'users',
	/** Dated procurement thresholds; everybody signed in reads, platform admins edit. */
	'thresholds',
	/** Creating initiatives (buyer organisations only). */
	'initiatives',
	/** The caller's own notifications (the bell): every signed-in user, only their own rows. */
	'notifications',
	/**
	 * Sending a file at all (every signed-in user); whether it may be added to a given round,
	 * answer or room is then decided by that capability's own resource through its file purpose.
	 */
	'uploads'
] as const;
export type PlatformResource = (typeof PLATFORM_RESOURCES)[number];

/** What the policy needs to know about one RFI round and the actor's organisation in it. */
export interface RfiScope {
	rfiId: string;
	published: boolean;
	/** Open to every registered supplier. */
	open: boolean;
	/** The actor's organisation takes part: an accepted invitation, or it joined the open round. */
	participant: boolean;
}

/** What the policy needs to know about one tender round and the actor's place in it. */
export interface TenderScope {
	tenderId: string;
	published: boolean;
	/** Open to every registered supplier. */
	open: boolean;
	/** The actor's organisation was admitted (accepted invitation) or has submitted to the open round. */
	participant: boolean;
	/** Two different named openers have approved the opening (LOU 12:10). */
	opened: boolean;
	awarded: boolean;
	/** The actor is one of the round's named openers. */
	opener: boolean;
	/** The actor has declared that they have no conflict of interest in this round. */
	declared: boolean;
}

/** What the policy needs to know about one sprint and the actor's place in it. */
export interface SprintScope {
	sprintId: string;
	/** The room of the actor's organisation in this sprint (suppliers only), or null. */
	ownRoomId: string | null;
}

/** What the policy needs to know about one sprint room and the actor's place in it. */
export interface SprintRoomScope {
	roomId: string;
	/** The room belongs to the actor's (supplier) organisation. */
	own: boolean;
	/** The actor is a buyer team member the process leader assigned to the room. */
	assigned: boolean;
	/** The actor is the room's decider (the one supervote that counts). */
	decider: boolean;
	/** Locked rooms are read-only for everyone but the process leader. */
	locked: boolean;
	/** The room's content is marked confidential: observers see progress and parity only. */
	confidential: boolean;
}

/**
 * Sprint resources (see `sprintLevel`): `sprint` the sprint and its list of rooms; `sprint_parity`
 * the parity report (buyer team and observers); `sprint_room` one room's content (inputs,
 * questions, meetings, log, the stage boards); `sprint_supervote` the decider's supervote.
 */
export const SPRINT_RESOURCES = ['sprint', 'sprint_parity', 'sprint_room', 'sprint_supervote'] as const;
export type SprintResource = (typeof SPRINT_RESOURCES)[number];

/** What the policy needs to know about one requirement change proposal and the actor's place in it. */
export interface ProposalScope {
	proposalId: string;
	/**
	 * The actor's organisation is the proposal's source: the supplier of the sprint room whose
	 * finding opened it, or the organisation of its author.
	 */
	ownSource: boolean;
	/** The actor wrote it. */
	author: boolean;
	/** It comes from a sprint room whose content is marked confidential (observers never read it). */
	confidentialRoom: boolean;
}

/** `requirement_proposal`: one proposal (read, decide = write); `requirement_proposal_withdrawal`: its author takes it back. */
export const PROPOSAL_RESOURCES = ['requirement_proposal', 'requirement_proposal_withdrawal'] as const;
export type ProposalResource = (typeof PROPOSAL_RESOURCES)[number];
/** What the policy needs to know about one pilot and the actor's place in it. */
export interface PilotScope {
	pilotId: string;
	/** The actor's organisation runs the pilot (one of its supplier organisations). */
	participant: boolean;
	/** The actor is one of the pilot's named decision makers. */
	decisionMaker: boolean;
}

/**
 * `pilot`: the plan, its measurement and results; `pilot_values`: recording values (a supplier
 * only for the points delegated to it, which the command checks); `pilot_decision`: the go/no-go.
 */
export const PILOT_RESOURCES = ['pilot', 'pilot_values', 'pilot_decision'] as const;
export type PilotResource = (typeof PILOT_RESOURCES)[number];

export const TENDER_RESOURCES = ['tender', 'tender_submission', 'tender_submissions', 'tender_opening', 'tender_public'] as const;
export type TenderResource = (typeof TENDER_RESOURCES)[number];

export type Target =
	| { resource: PlatformResource }
	/**
	 * One RFI round. Buyer team: the level of `rfis` (admin edits and publishes, write answers
	 * clarifications and analyses, read follows). A supplier user: `read` of a published round
	 * that is open or where its organisation takes part — nothing of a draft, nothing else.
	 */
	| { resource: 'rfi'; initiative: InitiativeScope; rfi: RfiScope }
	/** A supplier organisation's own response to a round (draft, submission, clarification questions). */
	| { resource: 'rfi_response'; initiative: InitiativeScope; rfi: RfiScope }
	/** Every submitted response of a round: the buyer team only (analysis is `write`). */
	| { resource: 'rfi_responses'; initiative: InitiativeScope; rfi: RfiScope }
	/**
	 * Tender rounds (see `tenderLevel`): `tender` the round; `tender_submission` a supplier
	 * organisation's own tender and hearing; `tender_submissions` every tender's contents (buyer
	 * team, only after the opening and the reader's declaration); `tender_opening` approving the
	 * opening (named openers) and reading its protocol; `tender_public` the public version after the award.
	 */
	| { resource: TenderResource; initiative: InitiativeScope; tender: TenderScope }
	/** The sprint itself and its parity report (see `sprintLevel`). */
	| { resource: 'sprint' | 'sprint_parity'; initiative: InitiativeScope; sprint: SprintScope }
	/** One sprint room's content and its decider's supervote (see `sprintLevel`). */
	| { resource: 'sprint_room' | 'sprint_supervote'; initiative: InitiativeScope; sprint: SprintScope; room: SprintRoomScope }
	/** One requirement change proposal (see `proposalLevel`). */
	| { resource: ProposalResource; initiative: InitiativeScope; proposal: ProposalScope }
	/** One pilot (see `pilotLevel`). */
	| { resource: PilotResource; initiative: InitiativeScope; pilot: PilotScope }
	| { resource: 'organisation'; organisationId: string }
	/**
	 * An organisation's shared knowledge: `organisation_lessons` (searching lessons across its
	 * initiatives; each hit still needs `lessons` read in its own initiative) and
	 * `organisation_templates` (method templates: read and save). Buyer users of that organisation
	 * only: read and write. Suppliers and other organisations: none.
	 */
	| { resource: 'organisation_lessons' | 'organisation_templates'; organisationId: string }
	| { resource: InitiativeResource; initiative: InitiativeScope }
	| { resource: 'workshop_board'; initiative: InitiativeScope; workshop: WorkshopScope };

/**
 * Level per initiative resource and role, before state rules. Read down a column to see
 * what a role can do; `process_leader` administers, `team` writes, `observer` reads.
 */
const ROLE_TABLE: Record<InitiativeResource, Record<Role, Level>> = {
	initiative: { process_leader: 'admin', team: 'read', observer: 'read' },
	brief: { process_leader: 'write', team: 'write', observer: 'read' },
	members: { process_leader: 'admin', team: 'read', observer: 'read' },
	journal: { process_leader: 'read', team: 'none', observer: 'none' },
	contributors: { process_leader: 'read', team: 'read', observer: 'none' },
	workshops: { process_leader: 'admin', team: 'admin', observer: 'read' },
	needs: { process_leader: 'write', team: 'write', observer: 'read' },
	requirements: { process_leader: 'write', team: 'write', observer: 'read' },
	requirement_versions: { process_leader: 'write', team: 'read', observer: 'read' },
	requirement_proposals: { process_leader: 'write', team: 'write', observer: 'read' },
	conflicts: { process_leader: 'admin', team: 'read', observer: 'none' },
	procedure: { process_leader: 'write', team: 'write', observer: 'read' },
	rfis: { process_leader: 'admin', team: 'admin', observer: 'read' },
	tenders: { process_leader: 'admin', team: 'admin', observer: 'read' },
	report: { process_leader: 'read', team: 'read', observer: 'read' },
	lessons: { process_leader: 'write', team: 'write', observer: 'read' },
	sprints: { process_leader: 'admin', team: 'write', observer: 'read' },
	pilots: { process_leader: 'admin', team: 'write', observer: 'read' }
};

/**
 * Rule 3 in the role logic: the organisation's kind, not only the role, decides what a person
 * sees. A supplier's expert on the buyer team helps write (brief, needs, requirements, workshops)
 * like any team member, but never reads what names the other suppliers as a whole: the conflicts
 * register (barred and flagged suppliers with their people and evidence) and the journal. Lists of
 * people they may read (members, contributors, comment authors) are filtered person by person
 * through `mayKnowOrganisation`. A supplier never leads or administers an initiative either (the
 * commands refuse to make one process leader; should a membership say so anyway, the policy treats
 * it as `team`), so invitations and the members administration stay out of reach.
 */
const SUPPLIER_MAX: Partial<Record<InitiativeResource, Level>> = {
	initiative: 'read',
	members: 'read',
	journal: 'none',
	conflicts: 'none',
	/** Proposals come from every sprint room: a supplier reaches its own only (`requirement_proposal`). */
	requirement_proposals: 'none',
	/** The market side: other suppliers' rounds, answers and their number. */
	rfis: 'none',
	/** Other suppliers' tenders, their number, and who may tender at all. */
	tenders: 'none',
	/** The report gathers RFI rounds and tenders; lessons name what went wrong with the market. */
	report: 'none',
	lessons: 'none',
	/** Other suppliers' sprint rooms, their number and names. */
	sprints: 'none',
	/** Other suppliers' pilots and results: a supplier reaches only its own pilot, through `pilot`. */
	pilots: 'none'
};

/**
 * Levels a team label adds to a team member's level (never lowers it; labels belong to the team
 * role, an observer's stray label counts for nothing), for buyer-organisation users only: a
 * supplier's expert on the team never speaks for the contracting authority, whatever label they
 * were given.
 */
const LABEL_GRANTS: Partial<Record<InitiativeResource, Partial<Record<TeamLabel, Level>>>> = {
	requirement_versions: { procurement_officer: 'write' }
};

const PHASE_ORDER: Record<Phase, number> = {
	initiate: 0,
	needs: 1,
	dialogue: 2,
	sprint: 3,
	procure: 4,
	pilot: 5,
	evaluate: 6
};

/**
 * Resources that freeze once the initiative has passed a phase: from then on, writers read.
 * Requirements and needs are settled once the procurement is done (pilot onwards); what was
 * bought is then judged against the published versions, not a moving draft.
 */
const FROZEN_FROM: Partial<Record<InitiativeResource, Phase>> = {
	requirements: 'pilot',
	requirement_versions: 'pilot',
	requirement_proposals: 'pilot',
	needs: 'pilot',
	workshops: 'pilot',
	procedure: 'pilot',
	rfis: 'pilot',
	sprints: 'pilot'
};

export function rank(level: Level): number {
	return LEVELS.indexOf(level);
}

function cap(level: Level, max: Level): Level {
	return rank(level) > rank(max) ? max : level;
}

function platformLevel(actor: Actor, resource: PlatformResource): Level {
	if (actor.kind !== 'user') return 'none';
	switch (resource) {
		case 'outbox':
		case 'users':
			return actor.platformAdmin ? 'admin' : 'none';
		case 'thresholds':
			return actor.platformAdmin ? 'admin' : 'read';
		case 'initiatives':
			// Only contracting authorities run initiatives; suppliers never create one.
			return actor.organisationKind === 'buyer' ? 'write' : 'none';
		case 'notifications':
		case 'uploads':
			return 'write';
	}
}

function initiativeLevel(actor: Actor, resource: InitiativeResource, scope: InitiativeScope): Level {
	// Guests never reach initiative resources, whatever the scope says.
	if (actor.kind !== 'user' || !scope.membership) return 'none';
	const supplier = actor.organisationKind === 'supplier';
	const role = supplier && scope.membership.role === 'process_leader' ? 'team' : scope.membership.role;
	const label = scope.membership.label;
	let level = ROLE_TABLE[resource][role];
	const granted = role === 'team' && label && !supplier ? LABEL_GRANTS[resource]?.[label] : undefined;
	if (granted && rank(granted) > rank(level)) level = granted;
	const supplierMax = supplier ? SUPPLIER_MAX[resource] : undefined;
	if (supplierMax) level = cap(level, supplierMax);
	const frozenFrom = FROZEN_FROM[resource];
	if (frozenFrom && PHASE_ORDER[scope.phase] >= PHASE_ORDER[frozenFrom]) level = cap(level, 'read');
	return level;
}

function workshopBoardLevel(actor: Actor, initiative: InitiativeScope, workshop: WorkshopScope): Level {
	if (workshop.room) return roomWorkshopLevel(actor, initiative, workshop, workshop.room);
	if (actor.kind === 'guest') {
		// A guest belongs to one workshop, only while it runs; a closed workshop ends the guest session.
		if (actor.workshopId !== workshop.workshopId) return 'none';
		if (workshop.phase === 'draft' || workshop.phase === 'closed') return 'none';
		return 'write';
	}
	const level = initiativeLevel(actor, 'workshops', initiative);
	if (level === 'none') return 'none';
	// After close, the board is read-only for everyone.
	if (workshop.phase === 'closed') return 'read';
	// Team members and process leaders facilitate (admin); observers read along.
	return level;
}

/**
 * A sprint room's own workshop (the Map stage's "How might we" notes). The room decides: who may
 * not read the room may not know the board exists; the room's supplier (once its terms are
 * accepted) participates; the process leader and the buyer team assigned to the room facilitate
 * (phases, reveal, clustering, timer); whoever only reads the room (other team members, observers
 * of a room that is not confidential) reads along. Guests have no place here. A locked room is
 * the room's rule (read for all but the leader); a closed workshop is read-only.
 */
function roomWorkshopLevel(actor: Actor, initiative: InitiativeScope, workshop: WorkshopScope, owner: NonNullable<WorkshopScope['room']>): Level {
	if (actor.kind !== 'user' || !owner.open) return 'none';
	let level = sprintLevel(actor, 'sprint_room', initiative, owner.sprint, owner.room);
	if (level === 'write' && actor.organisationKind !== 'supplier') level = 'admin';
	if (workshop.phase === 'closed') level = cap(level, 'read');
	return level;
}

/** A supplier user admitted to a published round (open, or its organisation takes part). */
function admittedSupplier(actor: Actor, rfi: RfiScope): boolean {
	return actor.kind === 'user' && actor.organisationKind === 'supplier' && rfi.published && (rfi.open || rfi.participant);
}

/**
 * RFI rounds. Supplier users are judged as suppliers even when they sit on the buyer team as
 * experts: a round's responses are other suppliers' material (rule 3), so team membership never
 * opens them to a supplier organisation.
 */
function rfiLevel(actor: Actor, resource: 'rfi' | 'rfi_response' | 'rfi_responses', initiative: InitiativeScope, rfi: RfiScope): Level {
	if (actor.kind !== 'user') return 'none';
	if (actor.organisationKind === 'supplier') {
		if (!admittedSupplier(actor, rfi)) return 'none';
		if (resource === 'rfi') return 'read';
		if (resource === 'rfi_response') return 'write';
		return 'none';
	}
	const level = initiativeLevel(actor, 'rfis', initiative);
	switch (resource) {
		case 'rfi':
			return level;
		case 'rfi_response':
			return 'none';
		case 'rfi_responses':
			// Observers follow progress (counts on the round), not suppliers' answers.
			return initiative.membership?.role === 'observer' ? 'none' : cap(level, 'write');
	}
}

/**
 * Tender rounds. A supplier user is judged as a supplier, also when it sits on the buyer team as
 * an expert: it reads a published round that is open or that its organisation was admitted to,
 * and writes its own organisation's tender; nothing else, ever (rule 3). The buyer side reads
 * tenders only after the opening, and each reader only after their own declaration of no conflict
 * of interest; observers never read tenders. Sealed means sealed for platform administrators too:
 * nothing here looks at `platformAdmin`.
 */
function tenderLevel(actor: Actor, resource: TenderResource, initiative: InitiativeScope, tender: TenderScope): Level {
	if (actor.kind !== 'user') return 'none';
	if (actor.organisationKind === 'supplier') {
		const admitted = tender.published && (tender.open || tender.participant);
		if (!admitted) return 'none';
		switch (resource) {
			case 'tender':
				return 'read';
			case 'tender_submission':
				return 'write';
			case 'tender_public':
				return tender.awarded ? 'read' : 'none';
			default:
				return 'none';
		}
	}
	const level = initiativeLevel(actor, 'tenders', initiative);
	if (level === 'none') return 'none';
	const observer = initiative.membership?.role === 'observer';
	switch (resource) {
		case 'tender':
			return level;
		case 'tender_submission':
			return 'none';
		case 'tender_submissions':
			return !observer && tender.opened && tender.declared ? 'write' : 'none';
		case 'tender_opening':
			return tender.opener && !observer ? 'write' : 'read';
		case 'tender_public':
			return tender.awarded ? 'read' : 'none';
	}
}

/**
 * Sprints (rule 3 at its strictest). A supplier user is judged as a supplier, also when it sits on
 * the buyer team as an expert: it reads the sprint only through its own organisation's room, works
 * in that room, and learns nothing of any other room — not even how many there are (the sprint's
 * room list is filtered by the caller through `ownRoomId`). Whether the supplier has accepted the
 * terms of participation is not a level: the room is its own, and `sprints/access.ts` answers 409
 * `terms_not_accepted` until it has.
 *
 * The buyer side: the process leader administers every room; team members read every room and
 * write in the rooms they are assigned to; observers follow progress and the parity report and
 * read a room's content only when it is not marked confidential. A locked room is read-only for
 * all but the process leader. Only the room's decider casts the supervote.
 */
function sprintLevel(actor: Actor, resource: SprintResource, initiative: InitiativeScope, sprint: SprintScope, room: SprintRoomScope | null): Level {
	if (actor.kind !== 'user') return 'none';
	if (actor.organisationKind === 'supplier') {
		if (!sprint.ownRoomId) return 'none';
		switch (resource) {
			case 'sprint':
				return 'read';
			case 'sprint_parity':
				return 'none';
			case 'sprint_room':
			case 'sprint_supervote': {
				if (!room || !room.own || room.roomId !== sprint.ownRoomId) return 'none';
				const level: Level = room.locked ? 'read' : 'write';
				if (resource === 'sprint_room') return level;
				return room.decider ? level : 'read';
			}
		}
	}
	const level = initiativeLevel(actor, 'sprints', initiative);
	if (level === 'none') return 'none';
	switch (resource) {
		case 'sprint':
			return level;
		case 'sprint_parity':
			return 'read';
		case 'sprint_room':
		case 'sprint_supervote': {
			if (!room) return 'none';
			let roomLevel: Level;
			if (level === 'admin') roomLevel = 'admin';
			else if (initiative.membership?.role === 'observer') roomLevel = room.confidential ? 'none' : 'read';
			else roomLevel = room.assigned && level === 'write' ? 'write' : 'read';
			if (room.locked && roomLevel !== 'admin') roomLevel = cap(roomLevel, 'read');
			if (resource === 'sprint_room') return roomLevel;
			if (roomLevel === 'none') return 'none';
			return room.decider && rank(roomLevel) >= rank('write') ? 'write' : 'read';
		}
	}
}

/**
 * Requirement change proposals (rule 3). A supplier user — also as an expert on the buyer team —
 * reads only the proposals its own organisation is the source of (its room's findings, or what its
 * people wrote) and never decides one: deciding speaks for the contracting authority. The buyer
 * side follows `requirement_proposals`: writers (the process leader and the team, who edit the
 * requirements) decide, observers read — but never a proposal from a room marked confidential,
 * which is room content. The author may withdraw an open proposal they can read (the command
 * checks that it is still open).
 */
function proposalLevel(actor: Actor, resource: ProposalResource, initiative: InitiativeScope, proposal: ProposalScope): Level {
	if (actor.kind !== 'user') return 'none';
	let level: Level;
	if (actor.organisationKind === 'supplier') level = proposal.ownSource ? 'read' : 'none';
	else {
		level = initiativeLevel(actor, 'requirement_proposals', initiative);
		if (initiative.membership?.role === 'observer' && proposal.confidentialRoom) level = 'none';
	}
	if (resource === 'requirement_proposal' || level === 'none') return level;
	return proposal.author ? 'write' : 'read';
}

/**
 * Pilots. A supplier user is judged as a supplier, also on the buyer team as an expert: it reads
 * the pilot its organisation runs and records values there (the delegated points only, checked by
 * the command), and never reads another pilot (rule 3) or takes the decision. The buyer side
 * follows `pilots`; the go/no-go is recorded by the named decision makers only, who may be
 * observers (management, politicians) — everyone else who reads the pilot may look but not decide.
 */
function pilotLevel(actor: Actor, resource: PilotResource, initiative: InitiativeScope, pilot: PilotScope): Level {
	if (actor.kind !== 'user') return 'none';
	if (actor.organisationKind === 'supplier') {
		if (!pilot.participant) return 'none';
		return resource === 'pilot' ? 'read' : resource === 'pilot_values' ? 'write' : 'read';
	}
	const level = initiativeLevel(actor, 'pilots', initiative);
	if (level === 'none') return 'none';
	switch (resource) {
		case 'pilot':
			return level;
		case 'pilot_values':
			return cap(level, 'write');
		case 'pilot_decision':
			return pilot.decisionMaker ? 'write' : 'read';
	}
}

/** The level an actor has on a target. Unknown combinations are `none`. */
export function levelFor(actor: Actor, target: Target): Level {
	switch (target.resource) {
		case 'outbox':
		case 'users':
		case 'thresholds':
		case 'initiatives':
		case 'notifications':
		case 'uploads':
			return platformLevel(actor, target.resource);
		case 'organisation':
			if (actor.kind !== 'user' || actor.organisationId !== target.organisationId) return 'none';
			return actor.orgAdmin ? 'admin' : 'read';
		case 'organisation_lessons':
		case 'organisation_templates':
			if (actor.kind !== 'user' || actor.organisationKind !== 'buyer' || actor.organisationId !== target.organisationId) return 'none';
			return 'write';
		case 'workshop_board':
			return workshopBoardLevel(actor, target.initiative, target.workshop);
		case 'rfi':
		case 'rfi_response':
		case 'rfi_responses':
			return rfiLevel(actor, target.resource, target.initiative, target.rfi);
		case 'tender':
		case 'tender_submission':
		case 'tender_submissions':
		case 'tender_opening':
		case 'tender_public':
			return tenderLevel(actor, target.resource, target.initiative, target.tender);
		case 'sprint':
		case 'sprint_parity':
			return sprintLevel(actor, target.resource, target.initiative, target.sprint, null);
		case 'sprint_room':
		case 'sprint_supervote':
			return sprintLevel(actor, target.resource, target.initiative, target.sprint, target.room);
		case 'requirement_proposal':
		case 'requirement_proposal_withdrawal':
			return proposalLevel(actor, target.resource, target.initiative, target.proposal);
		case 'pilot':
		case 'pilot_values':
		case 'pilot_decision':
			return pilotLevel(actor, target.resource, target.initiative, target.pilot);
		default:
			if ((INITIATIVE_RESOURCES as readonly string[]).includes(target.resource) && 'initiative' in target) {
				return initiativeLevel(actor, target.resource, target.initiative);
			}
			return 'none';
	}
}

/** An organisation as the policy needs to know it when deciding whether its people may be shown. */
export interface OrganisationRef {
	id: string;
	kind: OrganisationKind;
}

/**
 * Rule 3, suppliers never see each other: may `viewer` learn that people of `subject` exist
 * (their names, their organisation, what they did)? A supplier-organisation user knows the
 * buyer organisations and its own organisation, and nothing of any other supplier — also when
 * invited to a buyer team as an expert. Buyer users, guests and the platform see everyone they
 * otherwise may. Every list of people, presence name, contributor, journal line, export or mail
 * that can reach a supplier is filtered through this one function. A null subject (a person whose
 * organisation is unknown) is hidden from suppliers: deny by default.
 *
 * Lists simply leave out whom the viewer may not know. A single attribution of shared work (who
 * wrote a comment, who published a version) cannot leave the work out, and naming buyers while
 * blanking the rest would itself reveal that another supplier took part: see `mayNamePerson`.
 */
export function mayKnowOrganisation(viewer: Actor, subject: OrganisationRef | null): boolean {
	if (viewer.kind !== 'user' || viewer.organisationKind !== 'supplier') return true;
	if (!subject) return false;
	return subject.kind === 'buyer' || subject.id === viewer.organisationId;
}

/**
 * May `viewer` see the name on a single attribution (a comment's author, a version's publisher)
 * whose author belongs to `subject`? Buyers and everyone who is not a supplier: yes. A supplier
 * sees only its own organisation's names there; every other author — buyer or supplier alike —
 * is shown as "the team", so a hidden name never singles out another supplier.
 */
export function mayNamePerson(viewer: Actor, subject: OrganisationRef | null): boolean {
	if (viewer.kind !== 'user' || viewer.organisationKind !== 'supplier') return true;
	return !!subject && subject.id === viewer.organisationId;
}

/** True when the actor may perform `action` (read ⊂ write ⊂ admin) on the target. */
export function can(actor: Actor, action: Action, target: Target): boolean {
	return rank(levelFor(actor, target)) >= rank(action);
}

/**
 * How a refusal should look: `not_found` when the actor may not even know the thing exists
 * (→ 404), `forbidden` when they can see it but not do this (→ 403).
 */
export function decide(actor: Actor, action: Action, target: Target): 'ok' | 'not_found' | 'forbidden' {
	const level = levelFor(actor, target);
	if (rank(level) >= rank(action)) return 'ok';
	return level === 'none' ? 'not_found' : 'forbidden';
}

/** Abilities of an actor in one initiative, shipped with page data so components never re-derive them. */
export function initiativeAbilities(actor: Actor, scope: InitiativeScope) {
	const at = (resource: InitiativeResource, action: Action) =>
		can(actor, action, { resource, initiative: scope });
	return {
		read: at('initiative', 'read'),
		administer: at('initiative', 'admin'),
		editBrief: at('brief', 'write'),
		manageMembers: at('members', 'admin'),
		readJournal: at('journal', 'read'),
		readContributors: at('contributors', 'read'),
		runWorkshops: at('workshops', 'admin'),
		readWorkshops: at('workshops', 'read'),
		editNeeds: at('needs', 'write'),
		readNeeds: at('needs', 'read'),
		editRequirements: at('requirements', 'write'),
		readRequirements: at('requirements', 'read'),
		publishRequirements: at('requirement_versions', 'write'),
		readProposals: at('requirement_proposals', 'read'),
		decideProposals: at('requirement_proposals', 'write'),
		readConflicts: at('conflicts', 'read'),
		administerConflicts: at('conflicts', 'admin'),
		editProcedure: at('procedure', 'write'),
		readProcedure: at('procedure', 'read'),
		runRfis: at('rfis', 'admin'),
		readRfis: at('rfis', 'read'),
		runTenders: at('tenders', 'admin'),
		readTenders: at('tenders', 'read'),
		readReport: at('report', 'read'),
		readLessons: at('lessons', 'read'),
		editLessons: at('lessons', 'write'),
		runSprints: at('sprints', 'admin'),
		readSprints: at('sprints', 'read'),
		runPilots: at('pilots', 'admin'),
		editPilots: at('pilots', 'write'),
		readPilots: at('pilots', 'read')
	};
}
export type InitiativeAbilities = ReturnType<typeof initiativeAbilities>;
