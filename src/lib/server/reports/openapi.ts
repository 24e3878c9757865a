/** The final report, lessons learnt, method templates and the process-leader handover (issue 16). */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { PHASES } from '../db/schema/initiatives.ts';
import { createTemplateSchema, handoverSchema, lessonSchema } from './validation.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };

registerSchema('ReportBlock', {
	oneOf: [
		{ type: 'object', required: ['kind', 'text'], properties: { kind: { enum: ['heading', 'paragraph'] }, text: { type: 'string' } } },
		{
			type: 'object',
			required: ['kind', 'columns', 'rows'],
			properties: { kind: { const: 'table' }, columns: { type: 'array', items: { type: 'string' } }, rows: { type: 'array', items: { type: 'array', items: { type: 'string' } } } }
		}
	]
});

registerSchema('Report', {
	type: 'object',
	required: ['initiativeId', 'initiativeTitle', 'generatedAt', 'sections'],
	properties: {
		initiativeId: uuid,
		initiativeTitle: { type: 'string' },
		generatedAt: dateTime,
		sections: {
			type: 'array',
			description: 'In report order (initiative and needs, requirements, RFI, tenders, decisions, pilots, lessons); a section the caller may read nothing of is left out.',
			items: { type: 'object', required: ['key', 'title', 'blocks'], properties: { key: { type: 'string' }, title: { type: 'string' }, blocks: { type: 'array', items: ref('ReportBlock') } } }
		}
	}
});

registerSchema('Lesson', {
	type: 'object',
	required: ['id', 'initiativeId', 'phase', 'worked', 'didNotWork', 'recommendation', 'createdAt', 'updatedAt'],
	properties: {
		id: uuid,
		initiativeId: uuid,
		phase: { type: 'string', enum: [...PHASES] },
		worked: { type: 'string' },
		didNotWork: { type: 'string' },
		recommendation: { type: 'string' },
		author: { type: ['string', 'null'] },
		initiativeTitle: { type: 'string', description: 'In search results.' },
		createdAt: dateTime,
		updatedAt: dateTime
	}
});

registerSchema('MethodTemplate', {
	type: 'object',
	required: ['id', 'organisationId', 'title', 'parts', 'lessons', 'createdAt'],
	properties: {
		id: uuid,
		organisationId: uuid,
		title: { type: 'string' },
		description: { type: 'string' },
		parts: { type: 'array', items: { type: 'string' }, description: 'Template part keys the template holds data for.' },
		lessons: { type: 'integer', description: 'Number of lessons attached.' },
		createdBy: { type: ['string', 'null'] },
		createdAt: dateTime
	}
});



registerOperations([
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/report',
		tags: ['reports'],
		summary: 'The final report (slutrapport)',
		description:
			'Assembled from the whole chain by the registered report sections, each as the caller may read it. Buyer team and observers; suppliers never (404). Without `format` (or `format=json`): JSON. With `format=docx`: a Word file, journalled as `report.exported` and counted towards the export limit (30 per person in 10 minutes). The printable page is `/initiatives/{id}/report`.',
		params: { id: 'Initiative id.' },
		query: { format: { description: '`docx` for Word; `json` or nothing for JSON.', schema: { type: 'string', enum: ['json', 'docx'] } } },
		responses: {
			200: { description: 'The report (JSON), or the Word file with `format=docx`.', schema: ref('Report') },
			400: errors[400],
			401: errors[401],
			404: errors[404],
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/lessons',
		tags: ['reports'],
		summary: "The initiative's lessons learnt",
		params: { id: 'Initiative id.' },
		responses: { 200: { description: 'Lessons in phase order.', schema: { type: 'object', properties: { lessons: { type: 'array', items: ref('Lesson') } } } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/lessons',
		tags: ['reports'],
		summary: 'Record a lesson for a phase (process leader and team)',
		description: 'At least one of `worked`, `didNotWork`, `recommendation` (400 `lesson_empty`). Journalled as `lesson.created`.',
		params: { id: 'Initiative id.' },
		body: lessonSchema,
		responses: { 201: { description: 'Created.', schema: ref('Lesson') }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 415: errors[415] }
	},
	{
		method: 'get',
		path: '/api/v1/lessons/{id}',
		tags: ['reports'],
		summary: 'One lesson',
		params: { id: 'Lesson id.' },
		responses: { 200: { description: 'The lesson.', schema: ref('Lesson') }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/lessons/{id}',
		tags: ['reports'],
		summary: 'Change a lesson (process leader and team)',
		params: { id: 'Lesson id.' },
		body: lessonSchema,
		responses: { 200: { description: 'The lesson.', schema: ref('Lesson') }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 415: errors[415] }
	},
	{
		method: 'delete',
		path: '/api/v1/lessons/{id}',
		tags: ['reports'],
		summary: 'Delete a lesson (process leader and team)',
		params: { id: 'Lesson id.' },
		responses: { 204: { description: 'Deleted; journalled as `lesson.deleted`.' }, 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/organisations/{id}/lessons',
		tags: ['reports'],
		summary: "Search the lessons of the organisation's initiatives",
		description: 'Buyer users of the organisation only (suppliers and other organisations: 404). Only lessons of initiatives the caller is a member of and may read lessons in. Newest first, at most 200.',
		params: { id: 'Organisation id (the caller’s own).' },
		query: { q: { description: 'Words to find in the lessons or the initiative title; empty lists all.', schema: { type: 'string', maxLength: 200 } } },
		responses: { 200: { description: 'Matching lessons with their initiative titles.', schema: { type: 'object', properties: { q: { type: 'string' }, lessons: { type: 'array', items: ref('Lesson') } } } }, 400: errors[400], 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/organisations/{id}/templates',
		tags: ['reports'],
		summary: "The organisation's method templates",
		params: { id: 'Organisation id (the caller’s own).' },
		responses: {
			200: { description: 'Templates, newest first, and the part keys this installation knows.', schema: { type: 'object', properties: { templates: { type: 'array', items: ref('MethodTemplate') }, parts: { type: 'array', items: { type: 'string' } } } } },
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: '/api/v1/organisations/{id}/templates',
		tags: ['reports'],
		summary: "Save an initiative's method as a template",
		description:
			'Copies the chosen parts (`workshops`: workshop set-up; `rfi_questions`: RFI question sets; `tender_evaluation`: criteria and weights; more as capabilities register them) and the lessons of `fromInitiativeId`, which the organisation owns and the caller is on the team of (else 404). Whitelisted fields only: no people, supplier material, guest data or confidential parts, and no link back to the original. Unknown part → 400 `unknown_part`. Journalled in the source initiative as `template.created`. Start an initiative from it with `POST /api/v1/initiatives` `{templateId}`.',
		params: { id: 'Organisation id (the caller’s own).' },
		body: createTemplateSchema,
		responses: { 201: { description: 'Created.', schema: ref('MethodTemplate') }, 400: errors[400], 401: errors[401], 404: errors[404], 415: errors[415] }
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/handover',
		tags: ['initiatives'],
		summary: 'Hand the process-leader role to a colleague',
		description:
			'The caller (a process leader) makes a member from a buyer organisation process leader and stays on as `team` (default) or `observer`. Everything stays with the initiative; journalled as `member.process_leader_handed_over`. 400 `same_person`, 403 `supplier_cannot_lead`, 404 when the colleague is not a member.',
		params: { id: 'Initiative id.' },
		body: handoverSchema,
		responses: {
			200: { description: 'Handed over.', schema: { type: 'object', properties: { processLeader: uuid, you: { type: 'string', enum: ['team', 'observer'] } } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404],
			415: errors[415]
		}
	}
]);
