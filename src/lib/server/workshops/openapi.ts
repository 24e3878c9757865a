/** The workshop module's operations (issue 3): workshops, joining, cards, votes and results. */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { cardSchema, createWorkshopSchema, joinSchema, lockSchema, phaseSchema, tallySchema, timerSchema, updateWorkshopSchema, voteSchema } from './validation.ts';
import { WORKSHOP_PHASES } from './phases.ts';

const uuid = { type: 'string', format: 'uuid' };
const phase = { type: 'string', enum: [...WORKSHOP_PHASES] };

registerSchema('Workshop', {
	type: 'object',
	required: ['id', 'initiativeId', 'title', 'question', 'phase', 'docName', 'votesPerParticipant', 'anonymous', 'silent'],
	properties: {
		id: uuid,
		initiativeId: uuid,
		title: { type: 'string' },
		question: { type: 'string' },
		phase,
		docName: { type: 'string', description: 'Live document of the board: `workshop.<id>` (participants receive it read-only).' },
		votesPerParticipant: { type: 'integer' },
		anonymous: { type: 'boolean' },
		silent: { type: 'boolean' },
		revealed: { type: 'boolean', description: 'Silent mode: whether the private cards have been revealed.' },
		locked: { type: 'boolean' },
		tallyVisible: { type: 'boolean' },
		joinCode: { type: 'string', description: 'Facilitators only.' },
		joinUrl: { type: 'string', description: 'Facilitators only.' }
	}
});

registerSchema('ParticipantOverview', {
	type: 'object',
	required: ['participants', 'votesPerParticipant', 'votesCast', 'voteBudget', 'guests'],
	properties: {
		participants: { type: 'integer', description: 'Guests not removed, plus members who wrote a card or voted.' },
		votesPerParticipant: { type: 'integer' },
		votesCast: { type: 'integer' },
		voteBudget: { type: 'integer', description: '`participants × votesPerParticipant`.' },
		guests: {
			type: 'array',
			items: {
				type: 'object',
				required: ['id', 'name', 'joinedAt', 'active', 'removed', 'votes'],
				properties: { id: uuid, name: { type: 'string' }, joinedAt: { type: 'string', format: 'date-time' }, active: { type: 'boolean' }, removed: { type: 'boolean' }, votes: { type: 'integer' } }
			}
		}
	}
});

registerSchema('VoteStatus', {
	type: 'object',
	required: ['budget', 'used', 'mine'],
	properties: { budget: { type: 'integer' }, used: { type: 'integer' }, mine: { type: 'object', additionalProperties: { type: 'integer' }, description: 'The caller’s votes per target id.' } }
});

registerSchema('WorkshopResults', {
	type: 'object',
	required: ['cards', 'groups'],
	properties: {
		tallyVisible: { type: 'boolean', description: 'Whether `votes` are filled in (the team always; others once shown or closed).' },
		participants: { type: 'integer' },
		cards: {
			type: 'array',
			items: {
				type: 'object',
				required: ['id', 'text', 'groupId'],
				properties: { id: uuid, text: { type: 'string' }, groupId: { type: ['string', 'null'] }, votes: { type: ['integer', 'null'] }, author: { type: 'string', description: 'Only for the team, never in anonymous workshops. A supplier-organisation caller sees its own people and guests named, every other account as "Teamet" (rule 3).' } }
			}
		},
		groups: {
			type: 'array',
			items: {
				type: 'object',
				required: ['id', 'title', 'cardIds', 'votes'],
				properties: {
					id: { type: 'string' },
					title: { type: 'string' },
					cardIds: { type: 'array', items: uuid },
					votes: { type: ['integer', 'null'], description: 'Votes on the group itself.' },
					cardVotes: { type: ['integer', 'null'], description: 'Votes on its cards.' },
					impact: { type: ['integer', 'null'] },
					effort: { type: ['integer', 'null'] }
				}
			}
		}
	}
});

const id = { id: 'Workshop id.' };

registerOperations([
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/workshops',
		tags: ['workshops'],
		summary: 'Workshops of an initiative',
		params: { id: 'Initiative id.' },
		responses: { 200: { description: 'The workshops, newest first.', schema: { type: 'object', properties: { workshops: { type: 'array', items: ref('Workshop') } } } }, 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/workshops',
		tags: ['workshops'],
		summary: 'Prepare a workshop (process leader, team)',
		params: { id: 'Initiative id.' },
		body: createWorkshopSchema,
		responses: {
			201: { description: 'A draft with its join code.', schema: { type: 'object', required: ['id', 'joinCode', 'joinUrl', 'docName', 'phase'], properties: { id: uuid, joinCode: { type: 'string' }, joinUrl: { type: 'string' }, docName: { type: 'string' }, phase: { const: 'draft' } } } },
			400: errors[400],
			403: errors[403],
			404: errors[404]
		}
	},
	{ method: 'get', path: '/api/v1/workshops/{id}', tags: ['workshops'], summary: 'One workshop (anyone on its board, guests included)', params: id, responses: { 200: { description: 'The workshop.', schema: ref('Workshop') }, 404: errors[404] } },
	{
		method: 'patch',
		path: '/api/v1/workshops/{id}',
		tags: ['workshops'],
		summary: 'Change settings (facilitators); anonymity and silent mode only while a draft',
		params: id,
		body: updateWorkshopSchema,
		responses: { 200: { description: 'The workshop.', schema: ref('Workshop') }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/workshops/{id}/phase',
		tags: ['workshops'],
		summary: 'Move to another phase (facilitators)',
		description: 'draft → collect → cluster → vote → prioritise → formulate → closed; facilitators may go back or skip, never to draft; closed is final and ends every guest session.',
		params: id,
		body: phaseSchema,
		responses: { 200: { description: 'The new phase.', schema: { type: 'object', properties: { id: uuid, phase } } }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/workshops/join',
		tags: ['workshops'],
		auth: false,
		summary: 'Join a running workshop by code',
		description:
			'A visitor becomes a guest of this one workshop (a display name only) and gets an HttpOnly guest cookie, plus a long-lived HttpOnly device cookie: joining again from the same browser resumes the same guest (and its votes). Wrong guesses are limited per client address (IPv6 per /64) so that the chance of finding any live code stays below 1 in 10 000 per day; a code the address has already joined with is never refused (docs/workshops.md).',
		body: joinSchema,
		responses: {
			200: {
				description: 'Joined.',
				schema: {
					type: 'object',
					required: ['workshopId', 'docName', 'landing'],
					properties: {
						workshopId: uuid,
						docName: { type: 'string' },
						landing: { type: 'string', description: 'The page the participant belongs on: `/w/<id>` for a workshop, `/t/<id>` for a sprint’s end-user test session (one join endpoint for every code).' }
					}
				}
			},
			400: errors[400],
			404: { description: '`unknown_code`: no running workshop has this code (closed workshops included).', schema: ref('Error') },
			403: { description: '`guest_removed`: a facilitator removed the guest this browser is in the workshop.', schema: ref('Error') },
			409: { description: '`workshop_not_started`, or `signed_in` with an account outside the initiative.', schema: ref('Error') },
			429: { description: '`rate_limited`: too many wrong codes from this address; `Retry-After` says when to try again.', schema: ref('Error') }
		}
	},
	{ method: 'get', path: '/api/v1/workshops/{id}/cards', tags: ['workshops'], summary: 'The caller’s own cards (private ones included)', params: id, responses: { 200: { description: 'Cards.' }, 403: errors[403], 404: errors[404] } },
	{
		method: 'post',
		path: '/api/v1/workshops/{id}/cards',
		tags: ['workshops'],
		summary: 'Write a card (participants, collect phase)',
		description:
			'The server puts the card on the board without an author; in silent mode it stays private until the reveal. Send an `Idempotency-Key` so that a repeat (double tap, retry after a lost answer) makes no second card: for 24 hours every request with the same key gets the first answer, marked `Idempotent-Replayed: true`.',
		params: id,
		headers: {
			'Idempotency-Key': { description: 'One key per intended card (8–128 visible ASCII characters, e.g. a UUID), scoped to the caller.', schema: { type: 'string', minLength: 8, maxLength: 128 } }
		},
		body: cardSchema,
		responses: {
			201: { description: 'Created, or the first answer to this key.', schema: { type: 'object', properties: { id: uuid, private: { type: 'boolean' } } } },
			400: { description: '`invalid_request`, or `invalid_idempotency_key`.', schema: ref('Error') },
			403: errors[403],
			404: errors[404],
			409: { description: '`phase_closed`, `board_locked`, or `idempotency_in_progress` (the first request with this key has not finished within 15 s).', schema: ref('Error') },
			422: { description: '`idempotency_key_reused`: the key was used for a different card text.', schema: ref('Error') }
		}
	},
	{
		method: 'patch',
		path: '/api/v1/workshops/{id}/cards/{cardId}',
		tags: ['workshops'],
		summary: 'Change the text of one’s own card (its author, collect phase)',
		description: 'The board gets the new text from the server, without an author.',
		params: { ...id, cardId: 'Card id.' },
		body: cardSchema,
		responses: {
			200: { description: 'Changed.', schema: { type: 'object', properties: { id: uuid, text: { type: 'string' }, private: { type: 'boolean' } } } },
			400: errors[400],
			403: { description: 'Not the author of this card (`not_author`), or not a participant.', schema: ref('Error') },
			404: errors[404],
			409: { description: '`phase_closed` or `board_locked`.', schema: ref('Error') }
		}
	},
	{
		method: 'delete',
		path: '/api/v1/workshops/{id}/cards/{cardId}',
		tags: ['workshops'],
		summary: 'Take back one’s own card (its author, collect phase)',
		params: { ...id, cardId: 'Card id.' },
		responses: { 204: { description: 'Deleted, from the board too.' }, 403: { description: 'Not the author (`not_author`).', schema: ref('Error') }, 404: errors[404], 409: { description: '`phase_closed` or `board_locked`.', schema: ref('Error') } }
	},
	{
		method: 'get',
		path: '/api/v1/workshops/{id}/participants',
		tags: ['workshops'],
		summary: 'Participants and votes against the budget (facilitators)',
		description: 'Per guest only the display name, when it joined, whether it is still in, and how many votes it has cast — never which cards it wrote or what it voted for.',
		params: id,
		responses: { 200: { description: 'The overview.', schema: ref('ParticipantOverview') }, 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'delete',
		path: '/api/v1/workshops/{id}/participants/{guestId}',
		tags: ['workshops'],
		summary: 'Remove a guest and its votes (facilitators)',
		description: 'Journalled as `workshop.guest_removed`. The guest’s session ends, its live connection closes, and its browser cannot join as that guest again; its cards stay.',
		params: { ...id, guestId: 'Guest id (from the overview).' },
		responses: { 200: { description: 'Removed.', schema: { type: 'object', required: ['votesRemoved'], properties: { votesRemoved: { type: 'integer' } } } }, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{ method: 'get', path: '/api/v1/workshops/{id}/votes', tags: ['workshops'], summary: 'The caller’s budget and votes', params: id, responses: { 200: { description: 'Status.', schema: ref('VoteStatus') }, 403: errors[403], 404: errors[404] } },
	{
		method: 'post',
		path: '/api/v1/workshops/{id}/votes',
		tags: ['workshops'],
		summary: 'Cast one vote on a card or group (vote phase)',
		params: id,
		body: voteSchema,
		responses: { 201: { description: 'Cast.', schema: ref('VoteStatus') }, 400: errors[400], 403: errors[403], 404: { description: 'Unknown workshop, or `unknown_target`.', schema: ref('Error') }, 409: { description: '`vote_budget_exhausted`, `phase_closed` or `board_locked`.', schema: ref('Error') } }
	},
	{
		method: 'delete',
		path: '/api/v1/workshops/{id}/votes/{targetId}',
		tags: ['workshops'],
		summary: 'Take back one vote',
		params: { ...id, targetId: 'Card or group id.' },
		responses: { 200: { description: 'Status.', schema: ref('VoteStatus') }, 404: { description: 'Unknown workshop, or `no_vote`.', schema: ref('Error') }, 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/workshops/{id}/results',
		tags: ['workshops'],
		summary: 'Groups, cards and votes (`?format=csv` downloads CSV)',
		params: id,
		query: { format: { description: '`csv` for a download.', schema: { type: 'string', enum: ['csv'] } } },
		responses: { 200: { description: 'Results.', schema: ref('WorkshopResults') }, 404: errors[404] }
	},
	{ method: 'post', path: '/api/v1/workshops/{id}/lock', tags: ['workshops'], summary: 'Lock or unlock the board (facilitators)', params: id, body: lockSchema, responses: { 200: { description: 'Done.' }, 403: errors[403], 404: errors[404], 409: errors[409] } },
	{ method: 'post', path: '/api/v1/workshops/{id}/timer', tags: ['workshops'], summary: 'Start or stop the countdown everyone sees (facilitators)', params: id, body: timerSchema, responses: { 200: { description: 'The deadline.' }, 403: errors[403], 404: errors[404], 409: errors[409] } },
	{ method: 'post', path: '/api/v1/workshops/{id}/reveal', tags: ['workshops'], summary: 'Silent mode: reveal all private cards at once (facilitators)', params: id, responses: { 200: { description: 'How many were revealed.' }, 403: errors[403], 404: errors[404], 409: errors[409] } },
	{ method: 'post', path: '/api/v1/workshops/{id}/tally', tags: ['workshops'], summary: 'Show or hide the vote tally for participants (facilitators)', params: id, body: tallySchema, responses: { 200: { description: 'Done.' }, 403: errors[403], 404: errors[404] } }
]);
