/** The requirements, conflicts and procedure-advisor part of the OpenAPI document (see `../openapi.ts`). */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { REQUIREMENT_TYPES } from '../../shapes/requirements.ts';
import { AdviceBody, ThresholdBody } from '../advisor/validation.ts';
import { PROCEDURES } from '../advisor/advise.ts';
import { BUYER_KINDS, PURCHASE_KINDS, THRESHOLD_NAMES } from '../db/schema/requirements.ts';
import { CommentBody, PublishBody } from './validation.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const day = { type: 'string', format: 'date' };
const text = { type: 'string' };
const idParam = { id: 'Initiative id (uuid). Any other value answers 404.' };
const sha = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the version text as served.' };

registerSchema('Requirement', {
	type: 'object',
	required: ['id', 'uid', 'type', 'text', 'rationale', 'needIds', 'verification', 'section'],
	properties: {
		id: { type: 'string', description: 'Visible id, "K1", "K2" … (assigned once, never reused).' },
		uid: { type: 'string', description: 'Stable id inside the document.' },
		type: { enum: [...REQUIREMENT_TYPES], description: 'function requirement, mandatory ("ska"), desirable ("bör"), award criterion.' },
		text: {
			...text,
			description:
				'Plain-text projection of the rich requirement text: one line per paragraph, bullet list items as lines starting with "• " (nested items indented by two spaces). Formatting (bold, italic) is not included.'
		},
		rationale: text,
		needIds: { type: 'array', items: { type: 'string' }, description: 'Ids of needs in the needs register.' },
		verification: { ...text, description: 'How fulfilment will be verified.' },
		section: { type: ['string', 'null'], description: 'Section id, or null.' }
	}
});
const sections = { type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: text, title: text } } };
registerSchema('RequirementsVersion', {
	type: 'object',
	required: ['initiativeId', 'version', 'publishedAt', 'publishedBy', 'note', 'sections', 'requirements'],
	properties: {
		initiativeId: uuid,
		version: { type: 'integer', minimum: 1 },
		publishedAt: dateTime,
		publishedBy: ref('UserRef'),
		note: { type: ['string', 'null'] },
		sections,
		requirements: { type: 'array', items: ref('Requirement') }
	}
});
const evidence = {
	type: 'object',
	required: ['updates', 'firstAt', 'lastAt'],
	properties: {
		docName: { type: 'string', description: 'Live document, e.g. `requirements.<id>`, `brief.<id>`, `workshop.<id>`.' },
		source: { enum: ['workshop_cards', 'needs'], description: 'A register instead of a document.' },
		updates: { type: 'integer' },
		firstAt: dateTime,
		lastAt: dateTime
	}
};
registerSchema('ConflictEntry', {
	type: 'object',
	required: ['organisation', 'users', 'level', 'evidence'],
	properties: {
		organisation: ref('Organisation'),
		users: { type: 'array', items: ref('UserRef') },
		level: { enum: ['barred', 'flagged'], description: 'barred: wrote in the requirements; flagged: contributed earlier work.' },
		evidence: { type: 'array', items: evidence }
	}
});
const reason = { type: 'object', required: ['code'], properties: { code: text, values: { type: 'object', additionalProperties: { type: 'number' } } } };
const threshold = {
	type: 'object',
	required: ['name', 'sek', 'validFrom', 'validTo', 'source'],
	properties: { name: { enum: [...THRESHOLD_NAMES] }, sek: { type: 'integer' }, validFrom: day, validTo: { type: ['string', 'null'], format: 'date' }, source: text }
};
registerSchema('ProcedureAdvice', {
	type: 'object',
	required: ['recommendations', 'thresholdsUsed', 'aggregation', 'warnings', 'aboveEuThreshold'],
	properties: {
		recommendations: {
			type: 'array',
			description: 'Good fits first.',
			items: {
				type: 'object',
				required: ['procedure', 'fit', 'reasons', 'pros', 'cons', 'prosKeys', 'consKeys', 'minimumWeeks'],
				properties: {
					procedure: { enum: [...PROCEDURES] },
					fit: { enum: ['good', 'possible', 'unsuitable'] },
					reasons: { type: 'array', items: reason },
					pros: { type: 'array', items: text, description: 'In Swedish, as seed 000 words them.' },
					cons: { type: 'array', items: text },
					prosKeys: { type: 'array', items: text, description: 'Stable keys of `pros`, same order.' },
					consKeys: { type: 'array', items: text },
					minimumWeeks: { type: 'integer' },
					requiresReason: { type: 'boolean', description: 'Direct award above 100 000 SEK: reasons must be documented.' }
				}
			}
		},
		thresholdsUsed: { type: 'array', items: threshold },
		aggregation: {
			type: 'object',
			required: ['sameKindSek', 'remainingUnderDirectAwardSek', 'totalSek', 'initiatives'],
			properties: {
				sameKindSek: { type: 'integer' },
				remainingUnderDirectAwardSek: { type: 'integer' },
				totalSek: { type: 'integer' },
				initiatives: { type: 'array', items: { type: 'object', properties: { id: uuid, title: text, estimatedValueSek: { type: 'integer' } } } }
			}
		},
		warnings: { type: 'array', items: reason },
		aboveEuThreshold: { type: 'boolean' }
	}
});
registerSchema('Threshold', {
	type: 'object',
	required: ['id', 'name', 'buyerKind', 'purchaseKind', 'sek', 'validFrom', 'validTo', 'source'],
	properties: {
		id: { type: 'integer' },
		name: { enum: [...THRESHOLD_NAMES] },
		buyerKind: { anyOf: [{ enum: [...BUYER_KINDS] }, { type: 'null' }] },
		purchaseKind: { anyOf: [{ enum: [...PURCHASE_KINDS] }, { type: 'null' }] },
		sek: { type: 'integer' },
		validFrom: day,
		validTo: { type: ['string', 'null'], format: 'date' },
		source: text
	}
});

const base = '/api/v1/initiatives/{id}/requirements';
const tags = ['requirements'];
const vParams = { ...idParam, n: 'Version number (1, 2 …).' };

registerOperations([
	{
		method: 'get',
		path: base,
		summary: 'The live requirements draft',
		description: 'Buyer team and observers. Never suppliers outside the team or workshop guests (404).',
		tags,
		params: idParam,
		responses: {
			200: {
				description: 'The draft in document order.',
				schema: { type: 'object', required: ['docName', 'sections', 'requirements'], properties: { docName: text, sections, requirements: { type: 'array', items: ref('Requirement') } } }
			},
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'get',
		path: `${base}/versions`,
		summary: 'Published versions, newest first',
		tags,
		params: idParam,
		responses: {
			200: {
				description: 'Summaries.',
				schema: {
					type: 'object',
					properties: {
						versions: {
							type: 'array',
							items: { type: 'object', properties: { version: { type: 'integer' }, publishedAt: dateTime, sha256: sha, note: { type: ['string', 'null'] }, publishedBy: ref('UserRef'), requirementCount: { type: 'integer' } } }
						}
					}
				}
			},
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: `${base}/versions`,
		summary: 'Publish the draft as the next immutable version',
		tags,
		params: idParam,
		body: PublishBody,
		responses: {
			201: { description: 'Published.', schema: { type: 'object', required: ['version', 'publishedAt', 'sha256'], properties: { version: { type: 'integer' }, publishedAt: dateTime, sha256: sha } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404],
			415: errors[415]
		}
	},
	{
		method: 'get',
		path: `${base}/versions/{n}`,
		summary: 'One version, byte for byte as published',
		description: 'The body is the stored canonical JSON; its SHA-256 is the `ETag` and equals the published hash.',
		tags,
		params: vParams,
		responses: { 200: { description: 'The version.', schema: ref('RequirementsVersion') }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: `${base}/versions/{n}/docx`,
		summary: 'One version as a Word document',
		tags,
		params: vParams,
		responses: {
			200: { description: 'DOCX (attachment).', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', schema: { type: 'string', format: 'binary' } },
			401: errors[401],
			404: errors[404],
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: `${base}/versions/{n}/diff/{b}`,
		summary: 'Compare two versions',
		description: 'Added, removed, changed (with word-level diffs of the texts) and moved requirements, matched by their stable uid.',
		tags,
		params: { ...vParams, b: 'The version to compare with.' },
		responses: {
			200: {
				description: 'The differences.',
				schema: {
					type: 'object',
					required: ['from', 'to', 'added', 'removed', 'changed', 'moved', 'unchanged'],
					properties: {
						from: { type: 'integer' },
						to: { type: 'integer' },
						added: { type: 'array', items: ref('Requirement') },
						removed: { type: 'array', items: ref('Requirement') },
						changed: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									id: text,
									uid: text,
									changes: {
										type: 'array',
										items: {
											type: 'object',
											properties: {
												field: text,
												from: text,
												to: text,
												parts: { type: 'array', items: { type: 'object', properties: { op: { enum: ['same', 'added', 'removed'] }, text } } }
											}
										}
									}
								}
							}
						},
						moved: { type: 'array', items: { type: 'object', properties: { id: text, uid: text, from: { type: 'integer' }, to: { type: 'integer' } } } },
						unchanged: { type: 'integer' }
					}
				}
			},
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'get',
		path: `${base}/comments`,
		summary: 'Comment threads on requirements (team)',
		tags,
		params: idParam,
		query: { requirement: { description: 'Only the thread of this requirement uid.', schema: { type: 'string' } } },
		responses: {
			200: {
				description: 'Oldest first.',
				schema: { type: 'object', properties: { comments: { type: 'array', items: { type: 'object', properties: { id: uuid, requirementUid: text, author: ref('UserRef'), body: text, createdAt: dateTime } } } } }
			},
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: `${base}/comments`,
		summary: 'Comment on a requirement',
		tags,
		params: idParam,
		body: CommentBody,
		responses: { 201: { description: 'Created.', schema: { type: 'object', properties: { id: uuid } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/conflicts',
		summary: 'The conflicts register',
		description:
			'Computed from the server ledger of accepted updates: supplier organisations that wrote in the requirements are barred; those that contributed earlier work (brief, workshops, needs) are flagged. Changes are journalled (`conflict.barred`, `conflict.flagged`).',
		tags: ['conflicts'],
		params: idParam,
		responses: { 200: { description: 'Barred first, then flagged.', schema: { type: 'array', items: ref('ConflictEntry') } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/procedure-advice',
		summary: 'Procedure advice for a planned purchase',
		description:
			"Uses the thresholds in force today and adds up the caller's organisation's other initiatives of the same purchase kind this calendar year. With `initiativeId` (which the caller must see), that initiative is not counted twice.",
		tags: ['advisor'],
		body: AdviceBody,
		responses: { 200: { description: 'The advice.', schema: ref('ProcedureAdvice') }, 400: errors[400], 401: errors[401], 404: errors[404], 415: errors[415] }
	},
	{
		method: 'get',
		path: '/api/v1/thresholds',
		summary: 'Dated procurement thresholds',
		tags: ['advisor'],
		responses: { 200: { description: 'All rows.', schema: { type: 'object', properties: { thresholds: { type: 'array', items: ref('Threshold') } } } }, 401: errors[401] }
	},
	{
		method: 'post',
		path: '/api/v1/thresholds',
		summary: 'Add a threshold (platform administrators)',
		tags: ['advisor'],
		body: ThresholdBody,
		responses: { 201: { description: 'Created.', schema: ref('Threshold') }, 400: errors[400], 401: errors[401], 403: errors[403], 415: errors[415] }
	},
	{
		method: 'put',
		path: '/api/v1/thresholds/{thresholdId}',
		summary: 'Replace a threshold (platform administrators)',
		tags: ['advisor'],
		params: { thresholdId: 'Threshold id.' },
		body: ThresholdBody,
		responses: { 200: { description: 'Saved.', schema: ref('Threshold') }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'delete',
		path: '/api/v1/thresholds/{thresholdId}',
		summary: 'Delete a threshold (platform administrators)',
		tags: ['advisor'],
		params: { thresholdId: 'Threshold id.' },
		responses: { 204: { description: 'Deleted.' }, 401: errors[401], 403: errors[403], 404: errors[404] }
	}
]);

