/** The sprint rooms' stage boards (issue 15): the art museum, the supervote, end-user tests and the buyer gallery. */
import { errors, ref, registerOperations, registerSchema } from '../../openapi.ts';
import { critiqueSchema, dotSchema, noteSchema, revealSchema, sketchRefSchema, sketchSchema } from './validation.ts';

const uuid = { type: 'string', format: 'uuid' };
const room = { id: 'Sprint room id.' };
const stageClosed = { description: '`stage_closed`: not in this stage of the sprint; `terms_not_accepted`: the supplier has not accepted the terms yet.', schema: ref('Error') };

registerSchema('SprintDotStatus', {
	type: 'object',
	required: ['kind', 'budget', 'used', 'mine'],
	properties: {
		kind: { type: 'string', enum: ['heat', 'poll'] },
		budget: { type: 'integer' },
		used: { type: 'integer' },
		mine: { type: 'object', additionalProperties: { type: 'integer' }, description: 'The caller’s dots per target id.' }
	}
});

registerSchema('SprintGallery', {
	type: 'object',
	required: ['revealed', 'rooms'],
	properties: {
		revealed: { type: 'boolean' },
		rooms: {
			type: 'array',
			items: {
				type: 'object',
				required: ['letter', 'sketches'],
				properties: {
					letter: { type: 'string', description: 'The room’s anonymous letter (A, B, …).' },
					organisation: { type: 'object', properties: { id: uuid, name: { type: 'string' } }, description: 'Only after the names were revealed.' },
					sketches: {
						type: 'array',
						items: {
							type: 'object',
							required: ['id', 'title', 'panels', 'heat', 'poll', 'supervoted'],
							properties: { id: uuid, title: { type: 'string' }, panels: { type: 'array', items: { type: 'string' } }, heat: { type: 'integer' }, poll: { type: 'integer' }, supervoted: { type: 'boolean' } }
						}
					}
				}
			}
		}
	}
});

const created = (what: string) => ({ description: what, schema: { type: 'object', required: ['id'], properties: { id: uuid } } });

registerOperations([
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/sketches',
		tags: ['sprints'],
		summary: 'Hang a solution sketch in the art museum (room members; Sketch and Decide)',
		description:
			'Title and exactly three panels (typed, or captions of photographed panels uploaded to the files service). The server puts it on the Decide board without its author: nothing a room member receives names who drew it.',
		params: room,
		body: sketchSchema,
		responses: { 201: created('The sketch.'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: stageClosed, 415: errors[415] }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/critiques',
		tags: ['sprints'],
		summary: 'A speed-critique note on a sketch (room members; Decide)',
		params: room,
		body: critiqueSchema,
		responses: { 201: created('The note, on the board without its author.'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: stageClosed, 415: errors[415] }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/dots',
		tags: ['sprints'],
		summary: 'A heat-map dot (5 per person) or a straw-poll vote (1) on a sketch (Decide)',
		description: 'The budget is checked under a lock on the room: parallel requests cannot overspend it (409 `vote_budget_exhausted`).',
		params: room,
		body: dotSchema,
		responses: { 201: { description: 'The caller’s dots.', schema: ref('SprintDotStatus') }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: stageClosed, 415: errors[415] }
	},
	{
		method: 'delete',
		path: '/api/v1/sprint-rooms/{id}/dots/{targetId}',
		tags: ['sprints'],
		summary: 'Take back one of the caller’s dots (or the poll vote)',
		params: { ...room, targetId: 'The sketch id.' },
		query: { kind: { description: '`heat` (default) or `poll`.', schema: { type: 'string', enum: ['heat', 'poll'] } } },
		responses: { 200: { description: 'The caller’s dots.', schema: ref('SprintDotStatus') }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: stageClosed }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}/hmw',
		tags: ['sprints'],
		summary: 'The room’s “How might we” workshop (Map): made on first use once the sprint has started, run with the workshop endpoints',
		description:
			'The Map stage’s notes run on the workshop engine: a workshop row owned by the room (anonymous, silent, 3 dots per person). Notes, votes, phases, reveal, lock and timer go through `/api/v1/workshops/{workshopId}/…`; its board is the live document `workshop.<workshopId>`. Both resolve through the room: another supplier gets 404 (the socket 403).',
		params: room,
		responses: {
			200: {
				description: 'The workshop (null before the sprint has started, or while nobody who may write the room has opened it), the caller’s abilities on it, own notes (private ones before the reveal) and dots; facilitators also get how many notes wait for the reveal.',
				schema: {
					type: 'object',
					required: ['workshop'],
					properties: {
						workshop: { type: 'object', nullable: true },
						abilities: { type: 'object', properties: { read: { type: 'boolean' }, participate: { type: 'boolean' }, facilitate: { type: 'boolean' } } },
						myCards: { type: 'array', items: { type: 'object', properties: { id: uuid, text: { type: 'string' }, private: { type: 'boolean' } } } },
						votes: { type: 'object', nullable: true },
						hidden: { type: 'integer' }
					}
				}
			},
			401: errors[401],
			404: errors[404],
			409: stageClosed
		}
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/supervote',
		tags: ['sprints'],
		summary: 'The decider’s supervote (only the room’s decider; counts once)',
		params: room,
		body: sketchRefSchema,
		responses: {
			200: { description: 'Counted.', schema: { type: 'object', required: ['sketchId'], properties: { sketchId: uuid } } },
			400: errors[400],
			401: errors[401],
			403: { description: 'A room member who is not the room’s decider.', schema: ref('Error') },
			404: errors[404],
			409: { description: '`supervote_cast`: the decider already voted (it counts once); `stage_closed`.', schema: ref('Error') },
			415: errors[415]
		}
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/script',
		tags: ['sprints'],
		summary: 'Draft the interview script from the sprint questions (Prototype board; only while empty)',
		params: room,
		responses: { 200: { description: 'Whether a draft was written.', schema: { type: 'object', required: ['drafted'], properties: { drafted: { type: 'boolean' } } } }, 401: errors[401], 403: errors[403], 404: errors[404], 409: stageClosed }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}/test-sessions',
		tags: ['sprints'],
		summary: 'The room’s end-user test sessions with their join codes',
		params: room,
		responses: {
			200: { description: 'Sessions.', schema: { type: 'object', properties: { sessions: { type: 'array', items: { type: 'object', properties: { id: uuid, code: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } } } } } },
			401: errors[401],
			404: errors[404],
			409: stageClosed
		}
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/test-sessions',
		tags: ['sprints'],
		summary: 'Open an end-user test session (Prototype and Test)',
		description:
			'End users join with the code at `POST /api/v1/workshops/join` `{code, displayName}` (the one join endpoint for every code), from a phone, without an account; they land on `/t/<id>`, read the consent text and appear in the pattern grid once they consent.',
		params: room,
		responses: {
			201: { description: 'The session and its join code.', schema: { type: 'object', required: ['id', 'code'], properties: { id: uuid, code: { type: 'string' } } } },
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: stageClosed
		}
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/test-notes',
		tags: ['sprints'],
		summary: 'A tagged note on one interviewee at one storyboard frame (Test)',
		params: room,
		body: noteSchema,
		responses: { 201: created('The note; the pattern grid counts it.'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: stageClosed, 415: errors[415] }
	},
	{
		method: 'post',
		path: '/api/v1/test-sessions/consent',
		tags: ['sprints'],
		auth: false,
		summary: 'An end user (test-session guest) gives consent',
		responses: { 200: { description: 'Consent recorded.', schema: { type: 'object', properties: { ok: { const: true } } } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprints/{id}/gallery',
		tags: ['sprints'],
		summary: 'Every room’s solution concepts side by side, without supplier names (buyer team; from Decide)',
		params: { id: 'Sprint id.' },
		responses: { 200: { description: 'The gallery.', schema: ref('SprintGallery') }, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/sprints/{id}/gallery/reveal',
		tags: ['sprints'],
		summary: 'Reveal the suppliers’ names in the gallery (process leader; journalled with the reason)',
		params: { id: 'Sprint id.' },
		body: revealSchema,
		responses: { 200: { description: 'Revealed.', schema: { type: 'object', properties: { revealed: { const: true } } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 415: errors[415] }
	}
]);
