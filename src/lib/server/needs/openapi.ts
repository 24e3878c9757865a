/** The needs register's operations (issue 3). */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { createNeedSchema, effectLogicSchema, patchNeedSchema } from './validation.ts';

const uuid = { type: 'string', format: 'uuid' };

registerSchema('Need', {
	type: 'object',
	required: ['id', 'initiativeId', 'title', 'statement', 'indicators', 'priority', 'status', 'sources', 'version'],
	properties: {
		id: uuid,
		initiativeId: uuid,
		title: { type: 'string' },
		statement: { type: 'string', description: '“[who] needs [function/outcome] so that [effect]”.' },
		affected: { type: 'string' },
		currentSituation: { type: 'string' },
		baseline: { type: 'string' },
		desiredEffect: { type: 'string' },
		indicators: {
			type: 'array',
			items: { type: 'object', properties: { name: { type: 'string' }, unit: { type: 'string' }, baseline: { type: 'string' }, target: { type: 'string' }, method: { type: 'string' }, owner: { type: 'string' } } }
		},
		priority: { type: 'string', enum: ['high', 'medium', 'low'] },
		status: { type: 'string', enum: ['draft', 'agreed', 'parked', 'moved'] },
		movedTo: { type: 'string' },
		sources: {
			type: 'array',
			items: {
				type: 'object',
				required: ['workshopId'],
				properties: { workshopId: uuid, cardId: uuid, groupId: { type: 'string' }, kind: { enum: ['card', 'group'] }, label: { type: 'string' }, workshopTitle: { type: 'string' }, missing: { type: 'boolean' } }
			}
		},
		version: { type: 'integer' },
		warnings: { type: 'array', items: { type: 'object', properties: { code: { const: 'names_product' }, words: { type: 'array', items: { type: 'string' } } } } }
	}
});

registerOperations([
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/needs',
		tags: ['needs'],
		summary: 'The needs register',
		params: { id: 'Initiative id.' },
		responses: { 200: { description: 'Needs.', schema: { type: 'object', properties: { needs: { type: 'array', items: ref('Need') } } } }, 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/needs',
		tags: ['needs'],
		summary: 'Add a need (buyer team)',
		params: { id: 'Initiative id.' },
		body: createNeedSchema,
		responses: { 201: { description: 'Created.', schema: ref('Need') }, 400: errors[400], 403: errors[403], 404: errors[404] }
	},
	{ method: 'get', path: '/api/v1/needs/{id}', tags: ['needs'], summary: 'One need, with its sources resolved', params: { id: 'Need id.' }, responses: { 200: { description: 'The need.', schema: ref('Need') }, 404: errors[404] } },
	{
		method: 'patch',
		path: '/api/v1/needs/{id}',
		tags: ['needs'],
		summary: 'Change a need (buyer team); send `version` to refuse overwriting a newer edit',
		params: { id: 'Need id.' },
		body: patchNeedSchema,
		responses: { 200: { description: 'The need.', schema: ref('Need') }, 400: errors[400], 403: errors[403], 404: errors[404], 409: { description: '`stale`: changed by someone else.', schema: ref('Error') } }
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/needs/export',
		tags: ['needs'],
		summary: 'Download the register as CSV or DOCX',
		params: { id: 'Initiative id.' },
		query: { format: { description: '`csv` (default) or `docx`.', schema: { type: 'string', enum: ['csv', 'docx'] } } },
		responses: { 200: { description: 'The file.', contentType: 'text/csv' }, 400: errors[400], 404: errors[404] }
	},
	{ method: 'get', path: '/api/v1/initiatives/{id}/needs/effect-logic', tags: ['needs'], summary: 'The effect logic (needs → activities → outputs → outcomes → impact)', params: { id: 'Initiative id.' }, responses: { 200: { description: 'The chain.' }, 404: errors[404] } },
	{ method: 'put', path: '/api/v1/initiatives/{id}/needs/effect-logic', tags: ['needs'], summary: 'Replace the effect logic (buyer team)', params: { id: 'Initiative id.' }, body: effectLogicSchema, responses: { 200: { description: 'The saved chain.' }, 400: errors[400], 403: errors[403], 404: errors[404] } }
]);
