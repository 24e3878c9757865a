/** RFI rounds (market dialogue): the operations of issue 13's contract and the round's own. */
import { errors, ref, registerOperations } from '../openapi.ts';
import {
	analysisSchema,
	answerNoteSchema,
	clarificationAnswerSchema,
	clarificationSchema,
	createRfiSchema,
	inviteSchema,
	noticeSchema,
	responseSchema,
	updateRfiSchema
} from './validation.ts';

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };
const rfiParam = { id: 'RFI round id' };
const tags = ['rfi'];
const deadline = { description: '`deadline_passed`: the deadline has passed by the server’s clock.', schema: ref('Error') };
const clarification = {
	type: 'object',
	required: ['id', 'kind', 'question', 'answer', 'publishedAt'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		kind: { enum: ['question', 'notice'] },
		question: { type: 'string' },
		answer: { type: ['string', 'null'] },
		publishedAt: { type: ['string', 'null'], format: 'date-time' },
		asker: { description: 'Buyer team only.', type: ['object', 'null'] },
		originalQuestion: { description: 'Buyer team only: the question as asked.', type: 'string' }
	}
};

registerOperations([
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/rfis',
		params: { id: 'Initiative id' },
		tags,
		summary: 'Creates a draft RFI round (buyer team)',
		description: 'Deadlines are instants with a time zone and must lie in the future by the server’s clock (`deadline_in_past`).',
		body: createRfiSchema,
		responses: { 201: { description: 'Created.', schema: id }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/rfis',
		params: { id: 'Initiative id' },
		tags,
		summary: 'The initiative’s rounds with participation counts (buyer team)',
		responses: { 200: { description: 'Rounds.', schema: { type: 'array', items: { type: 'object' } } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/rfis',
		tags,
		summary: 'The rounds visible to the caller',
		description: 'Buyer team: the rounds of their initiatives. Suppliers: published rounds that are open or to which their organisation was admitted, with their own status (`mine`).',
		responses: { 200: { description: 'Rounds.', schema: { type: 'array', items: { type: 'object' } } }, 401: errors[401] }
	},
	{
		method: 'get',
		path: '/api/v1/rfis/{id}',
		params: rfiParam,
		tags,
		summary: 'The round as the caller may see it',
		description: 'Suppliers: questions, background requirements, published clarifications, their own response (`mine`) and questions (`myQuestions`) — nothing of other suppliers. Buyer team: participants, invitations, analysis and abilities too.',
		responses: { 200: { description: 'The round.', schema: { type: 'object' } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'patch',
		path: '/api/v1/rfis/{id}',
		params: rfiParam,
		tags,
		summary: 'Changes a round (buyer team)',
		description: 'After publication a change of questions makes a new revision: every supplier is notified and earlier answers to changed questions are marked for review. Send `questions` with the `id` of each question to keep.',
		body: updateRfiSchema,
		responses: { 200: { description: 'The round’s revision.', schema: { type: 'object', properties: { revision: { type: 'integer' } } } }, 400: errors[400], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/rfis/{id}/publish',
		params: rfiParam,
		tags,
		summary: 'Publishes the round to invited (and, when open, all registered) suppliers',
		responses: { 200: { description: 'Published.', schema: { type: 'object', properties: { publishedAt: { type: 'string' }, revision: { type: 'integer' } } } }, 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/rfis/{id}/invitations',
		params: rfiParam,
		tags,
		summary: 'Invites a supplier by email',
		description: 'The link’s last path segment is the token for `POST /api/v1/invitations/{token}/accept`; a supplier without an account registers its company from the link first. `not_a_supplier` (409) for a buyer’s address.',
		body: inviteSchema,
		responses: {
			201: { description: 'Invited; the link is also mailed.', schema: { type: 'object', required: ['inviteUrl'], properties: { id: { type: 'string' }, inviteUrl: { type: 'string' }, expiresAt: { type: 'string' } } } },
			400: errors[400],
			403: errors[403],
			404: errors[404],
			409: errors[409],
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: '/api/v1/rfis/{id}/response',
		params: rfiParam,
		tags,
		summary: 'The caller’s organisation’s own response (draft and last submission)',
		responses: { 200: { description: 'The response.', schema: { type: 'object' } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/rfis/{id}/response',
		params: rfiParam,
		tags,
		summary: 'Saves the organisation’s draft (suppliers)',
		description: 'Shared within the supplier’s organisation; the buyer sees only submissions. Confidentiality requests need both `what` and `why`. `baseVersion` guards against overwriting a colleague’s newer draft (`draft_conflict`).',
		body: responseSchema,
		responses: { 200: { description: 'Saved.', schema: { type: 'object', properties: { draftVersion: { type: 'integer' }, updatedAt: { type: 'string' } } } }, 400: errors[400], 404: errors[404], 409: deadline }
	},
	{
		method: 'post',
		path: '/api/v1/rfis/{id}/response/submit',
		params: rfiParam,
		tags,
		summary: 'Submits the current draft (suppliers); may be repeated until the deadline',
		responses: { 200: { description: 'Submitted.', schema: { type: 'object', required: ['submittedAt'], properties: { submittedAt: { type: 'string', format: 'date-time' }, revision: { type: 'integer' } } } }, 404: errors[404], 409: deadline }
	},
	{
		method: 'get',
		path: '/api/v1/rfis/{id}/responses',
		params: rfiParam,
		tags,
		summary: 'Every submitted response (buyer team only; 404 for everyone else)',
		responses: { 200: { description: 'Responses as submitted, with notes and files.', schema: { type: 'array', items: { type: 'object' } } }, 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/rfis/{id}/clarifications',
		params: rfiParam,
		tags,
		summary: 'Published clarifications and notices; the asker only for the buyer team',
		responses: { 200: { description: 'Items.', schema: { type: 'array', items: clarification } }, 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/rfis/{id}/clarifications',
		params: rfiParam,
		tags,
		summary: 'Asks a clarification question (suppliers, until the question deadline)',
		body: clarificationSchema,
		responses: { 201: { description: 'Asked.', schema: id }, 400: errors[400], 403: errors[403], 404: errors[404], 409: deadline }
	},
	{
		method: 'post',
		path: '/api/v1/clarifications/{id}/answer',
		params: { id: 'Clarification id' },
		tags,
		summary: 'Answers a question and publishes it to every supplier at once, without the asker (buyer team)',
		description: '`question` rewords the published question when the original would identify the asker.',
		body: clarificationAnswerSchema,
		responses: { 200: { description: 'Published.', schema: { type: 'object', properties: { id: { type: 'string' }, publishedAt: { type: 'string' } } } }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/rfis/{id}/notices',
		params: rfiParam,
		tags,
		summary: 'Publishes a notice to every supplier of the round (buyer team)',
		body: noticeSchema,
		responses: { 201: { description: 'Published.', schema: id }, 400: errors[400], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/rfis/{id}/notes',
		params: rfiParam,
		tags,
		summary: 'Tags, score (1–5) and a note on one submitted answer (buyer team)',
		body: answerNoteSchema,
		responses: { 200: { description: 'Saved.' }, 400: errors[400], 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/rfis/{id}/analysis',
		params: rfiParam,
		tags,
		summary: 'The round’s summary and what it showed about the market (buyer team)',
		body: analysisSchema,
		responses: { 200: { description: 'Saved.' }, 400: errors[400], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/rfis/{id}/export',
		params: rfiParam,
		tags,
		summary: 'The round as CSV or DOCX, internal or public (buyer team)',
		query: {
			format: { description: '`csv` (default) or `docx`', schema: { enum: ['csv', 'docx'] } },
			version: { description: '`internal` (default) or `public`: confidential parts replaced by a marker with the stated reason', schema: { enum: ['internal', 'public'] } }
		},
		responses: { 200: { description: 'The file.', contentType: 'text/csv' }, 400: errors[400], 404: errors[404] }
	}
]);
