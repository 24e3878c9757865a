/** Tender rounds (issue 14): sealed tenders, opening, evaluation and award. */
import { errors, ref, registerOperations } from '../openapi.ts';
import {
	awardSchema,
	confidentialityDecisionSchema,
	createTenderSchema,
	decisionSchema,
	declarationSchema,
	inviteSchema,
	publishSchema,
	qualificationSchema,
	scoreSchema,
	statementSchema,
	submissionSchema
} from './validation.ts';

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };
const p = { id: 'Tender round id' };
const tags = ['tenders'];
const obj = { type: 'object' };
const sealed = { description: '`sealed`: the tenders are sealed until the opening (for everyone); `declaration_required`: declare no conflict of interest first.', schema: ref('Error') };
const deadline = { description: '`deadline_passed`: the deadline has passed by the server’s clock, decided in the transaction that stores.', schema: ref('Error') };
const conflict = { description: '`conflict_of_interest`: the organisation is barred (took part in writing the requirements) until a decision lifts it; every refusal is journalled.', schema: ref('Error') };

registerOperations([
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/tenders',
		params: { id: 'Initiative id' },
		tags,
		summary: 'Creates a draft tender round (buyer team)',
		description:
			'At least two different openers, each a buyer-side member of the team; positive weights (a criterion’s weight is its maximum points); at most one price criterion, scored lowest price / tender price × weight; a future deadline by the server’s clock (`deadline_in_past`); a published requirements version (`unknown_version`).',
		body: createTenderSchema,
		responses: { 201: { description: 'Created.', schema: id }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/tenders',
		params: { id: 'Initiative id' },
		tags,
		summary: 'The initiative’s tender rounds (buyer team); never a count of tenders',
		responses: { 200: { description: 'Rounds.', schema: { type: 'array', items: obj } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders',
		tags,
		summary: 'The rounds visible to the caller',
		description: 'Buyer team: the rounds of their initiatives. Suppliers: published rounds that are open or to which their organisation was admitted.',
		responses: { 200: { description: 'Rounds.', schema: { type: 'array', items: obj } }, 401: errors[401] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}',
		params: p,
		tags,
		summary: 'The round as the caller may see it',
		description: 'Suppliers: the round, notices to all and their own receipt only. Buyer team: openers and opening approvals. No count of tenders before the opening.',
		responses: { 200: { description: 'The round.', schema: obj }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/publish',
		params: p,
		tags,
		summary: 'Publishes the round to the invited organisations, or with `open` to every registered supplier',
		body: publishSchema,
		responses: { 200: { description: 'Published.', schema: obj }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/invitations',
		params: p,
		tags,
		summary: 'Invites a supplier by email (accepted through `POST /api/v1/invitations/{token}/accept`)',
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
		path: '/api/v1/tenders/{id}/eligibility',
		params: p,
		tags,
		summary: 'Whether the caller’s organisation may tender (suppliers)',
		description: '`level`: `barred` (a person of the organisation contributed to the requirements) or `flagged` (earlier needs work, workshops, the brief), with the evidence and the state of the hearing.',
		responses: { 200: { description: 'Eligibility.', schema: { type: 'object', required: ['eligible'], properties: { eligible: { type: 'boolean' }, level: { enum: ['barred', 'flagged'] }, evidence: { type: 'array' }, statementGiven: { type: 'boolean' }, outcome: { type: ['string', 'null'] } } } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/conflicts',
		params: p,
		tags,
		summary: 'Barred and flagged organisations with their statements and decisions (buyer team)',
		responses: { 200: { description: 'Cases.', schema: { type: 'array', items: obj } }, 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/conflicts/{organisationId}/statement',
		params: { ...p, organisationId: 'The caller’s own organisation' },
		tags,
		summary: 'The supplier’s statement in the hearing on its conflict of interest',
		body: statementSchema,
		responses: { 201: { description: 'Recorded.' }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/conflicts/{organisationId}/decision',
		params: { ...p, organisationId: 'A barred or flagged organisation' },
		tags,
		summary: 'Lifts or upholds a bar or flag, after the organisation’s statement (buyer team)',
		description:
			'Upholding is the procurement officer’s decision. Lifting needs two approvals with reasons: the procurement officer’s and a second team member’s; then every supplier of the round is told, without naming the organisation, that the information behind the advantage is shared with all. `statement_required` (409) before the statement.',
		body: decisionSchema,
		responses: { 200: { description: 'The outcome so far.', schema: { type: 'object', properties: { outcome: { type: ['string', 'null'] }, approvals: { type: 'integer' } } } }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/submissions',
		params: p,
		tags,
		summary: 'Submits the organisation’s sealed tender; a resubmission replaces it with a new receipt',
		description: 'Stored encrypted with the round’s data key. The receipt’s `sha256` is over the canonical plaintext (JSON with sorted keys of tenderId, organisationId, answers, priceSek, confidentiality, and `attachments` — id, name, SHA-256 and size of each file — when files are attached). `attachments` names files the organisation uploaded to the round (`POST /api/v1/files`, purpose `tender_attachment`, owner = the round), sealed like the tender; any other file is refused (`unknown_file`).',
		body: submissionSchema,
		responses: {
			201: { description: 'Received.', schema: { type: 'object', required: ['receipt'], properties: { receipt: { type: 'object', properties: { id: { type: 'string' }, receivedAt: { type: 'string', format: 'date-time' }, sha256: { type: 'string' } } } } } },
			400: errors[400],
			401: errors[401],
			403: conflict,
			404: errors[404],
			409: deadline
		}
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/submissions',
		params: p,
		tags,
		summary: 'Every tender’s content, after the opening, for team members who declared no conflict of interest',
		responses: { 200: { description: 'Tenders, each with its receipt hash re-checked.', schema: { type: 'array', items: obj } }, 401: errors[401], 403: sealed, 404: errors[404] }
	},
	{
		method: 'delete',
		path: '/api/v1/tenders/{id}/submissions/mine',
		params: p,
		tags,
		summary: 'Withdraws the organisation’s tender before the deadline',
		responses: { 204: { description: 'Withdrawn.' }, 401: errors[401], 403: conflict, 404: errors[404], 409: deadline }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/opening/approve',
		params: p,
		tags,
		summary: 'A named opener approves the opening (after the deadline); two different openers open it',
		responses: { 200: { description: 'Approvals so far.', schema: { type: 'object', properties: { approvals: { type: 'integer' }, opened: { type: 'boolean' } } } }, 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/opening-protocol',
		params: p,
		tags,
		summary: 'The opening protocol: time, openers, every tender with its receipt hash re-checked against the decrypted content',
		responses: { 200: { description: 'The protocol.', schema: obj }, 403: sealed, 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/declarations',
		params: p,
		tags,
		summary: 'Who has declared no conflict of interest (buyer team)',
		responses: { 200: { description: 'Declarations.', schema: { type: 'array', items: obj } }, 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/declarations',
		params: p,
		tags,
		summary: 'The caller’s declaration of no conflict of interest, before reading any tender',
		body: declarationSchema,
		responses: { 201: { description: 'Declared.', schema: obj }, 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'put',
		path: '/api/v1/tenders/{id}/scores',
		params: p,
		tags,
		summary: 'The caller’s score (0–10) and motivation for one tender on one quality criterion',
		description: 'Price is scored by formula (`price_by_formula`).',
		body: scoreSchema,
		responses: { 200: { description: 'Saved.' }, 400: errors[400], 403: sealed, 404: errors[404], 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/ranking',
		params: p,
		tags,
		summary: 'Weighted totals; price points by formula; mean and consensus per quality criterion; ties shown, not broken',
		responses: { 200: { description: 'The ranking.', schema: obj }, 403: sealed, 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/tenders/{id}/confidentiality',
		params: p,
		tags,
		summary: 'The authority’s assessment of one confidentiality request in a tender (declared team, after the opening, until the award)',
		description: '`index` is the request’s position in the tender’s `confidentiality` list. The public version masks granted and not yet assessed requests and shows denied ones.',
		body: confidentialityDecisionSchema,
		responses: { 200: { description: 'Saved.' }, 400: errors[400], 403: sealed, 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/award',
		params: p,
		tags,
		summary: 'The award decision: notifies every supplier of the round and starts the standstill',
		body: awardSchema,
		responses: { 200: { description: 'Awarded.', schema: { type: 'object', properties: { awardedAt: { type: 'string' }, standstillEndsAt: { type: 'string' } } } }, 400: errors[400], 403: sealed, 404: errors[404], 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/qualification',
		params: p,
		tags,
		summary: 'The qualification recorded for each tender (declared team, after the opening)',
		responses: { 200: { description: 'One row per assessed tender.', schema: { type: 'array', items: obj } }, 401: errors[401], 403: sealed, 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/qualification',
		params: p,
		tags,
		summary: 'Records whether a tenderer is qualified (kvalificering), with a reason; journalled',
		description: 'After the opening and before the award (`already_awarded`, 409), by team members who declared no conflict of interest. A tender recorded as not qualified is left out of the ranking (listed in `excluded`) and cannot be awarded (`not_qualified`, 409). Can be changed until the award.',
		body: qualificationSchema,
		responses: {
			200: { description: 'Recorded.', schema: { type: 'object', properties: { qualified: { type: 'boolean' }, decidedAt: { type: 'string', format: 'date-time' } } } },
			400: errors[400],
			401: errors[401],
			403: sealed,
			404: errors[404],
			409: errors[409]
		}
	},
	{
		method: 'post',
		path: '/api/v1/tenders/{id}/contract',
		params: p,
		tags,
		summary: 'Marks the contract signed; refused during the standstill (`standstill`, 409)',
		responses: { 200: { description: 'Signed.', schema: obj }, 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/tenders/{id}/public',
		params: p,
		tags,
		summary: 'The public version of the tenders after the award, parts under a granted (or unassessed) confidentiality request replaced by a marker',
		query: { format: { description: '`json` (default), `csv` (one row per answer and one for the price) or `docx` (a Word document, one section per tender)', schema: { enum: ['json', 'csv', 'docx'] } } },
		responses: { 200: { description: 'The public version.', schema: obj }, 400: errors[400], 403: { description: '`not_public` before the award.', schema: ref('Error') }, 404: errors[404] }
	}
]);
