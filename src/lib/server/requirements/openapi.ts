/** The requirements, conflicts and procedure-advisor part of the OpenAPI document (see `../openapi.ts`). */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { LEGACY_REQUIREMENT_TYPES, REQUIREMENT_KINDS, REQUIREMENT_OBLIGATIONS } from '../../shapes/requirements.ts';
import { AdviceBody, ThresholdBody } from '../advisor/validation.ts';
import { PROCEDURES } from '../advisor/advise.ts';
import { BUYER_KINDS, PURCHASE_KINDS, THRESHOLD_NAMES } from '../db/schema/requirements.ts';
import { CommentBody, DecisionBody, ProposalBody, PublishBody, WithdrawBody } from './validation.ts';
import { PROPOSAL_STATUSES } from '../db/schema/requirements.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const day = { type: 'string', format: 'date' };
const text = { type: 'string' };
const idParam = { id: 'Initiative id (uuid). Any other value answers 404.' };
const sha = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the version text as served.' };

registerSchema('Requirement', {
	type: 'object',
	description:
		'A requirement is typed on two axes: `kind` (what it is about) and `obligation` (how binding it is). Versions published before the two axes were stored with one `type` instead; `GET …/versions/{n}` serves those bytes unchanged (their hash is what was published), every other reader converts them: `function` and `ska` → function/ska, `bor` → function/bor, `award` → function/award.',
	required: ['id', 'uid', 'kind', 'obligation', 'text', 'rationale', 'needIds', 'verification', 'section'],
	properties: {
		id: { type: 'string', description: 'Visible id, "K1", "K2" … (assigned once, never reused).' },
		uid: { type: 'string', description: 'Stable id inside the document.' },
		kind: { enum: [...REQUIREMENT_KINDS], description: 'Funktionskrav, prestandakrav, användbarhets-, säkerhets-, integrations-, miljö- och hållbarhetskrav, övrigt.' },
		obligation: { enum: [...REQUIREMENT_OBLIGATIONS], description: 'Mandatory ("ska"), desirable ("bör") or award criterion (tilldelningskriterium).' },
		type: { enum: [...LEGACY_REQUIREMENT_TYPES], deprecated: true, description: 'Only in the stored text of versions published before the two axes.' },
		text: {
			...text,
			description:
				'Plain-text projection of the rich requirement text: one line per paragraph, bullet list items as lines starting with "• " (nested items indented by two spaces). Formatting (bold, italic) is not included.'
		},
		rationale: text,
		needIds: {
			type: 'array',
			items: { type: 'string' },
			description: "Ids of needs in this initiative's needs register. Links to anything else (another initiative's need) are dropped when the document is read, so they never appear in the draft, new versions or exports."
		},
		verification: { ...text, description: 'How fulfilment will be verified.' },
		section: { type: ['string', 'null'], description: 'Section id, or null.' }
	}
});
registerSchema('Attribution', {
	type: 'object',
	required: ['id', 'name'],
	description:
		'The author of one piece of shared work. A supplier-organisation caller sees only its own organisation\'s people named here; every other author (buyers and other suppliers alike) is `{ "id": "", "name": "Teamet" }`, so a hidden name never reveals that another supplier took part (rule 3).',
	properties: {
		id: { anyOf: [uuid, { const: '' }], description: 'User id, or "" when the caller may not name the author.' },
		name: { type: 'string' }
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
		publishedBy: ref('Attribution'),
		note: { type: ['string', 'null'] },
		sections,
		requirements: { type: 'array', items: ref('Requirement') }
	}
});
const workEvidence = {
	type: 'object',
	required: ['updates', 'firstAt', 'lastAt'],
	properties: {
		docName: { type: 'string', description: 'Live document, e.g. `requirements.<id>`, `brief.<id>`, `workshop.<id>` (workshops run with names only).' },
		source: {
			enum: ['workshop_cards', 'needs', 'sprint', 'requirement_proposal'],
			description: 'A register instead of a document. `sprint`: took part in an innovation sprint; `requirement_proposal`: the source of a requirement change proposal (one piece of evidence per proposal, with `proposal`).'
		},
		proposal: { type: 'object', required: ['id', 'requirementKey'], properties: { id: uuid, requirementKey: { type: ['string', 'null'] } } },
		updates: { type: 'integer' },
		firstAt: dateTime,
		lastAt: dateTime
	}
};
const participationEvidence = {
	type: 'object',
	required: ['source', 'workshop'],
	description: 'Took part in an anonymous workshop (wrote cards or changed the board): the workshop and its date only — never a count or a time, which could pin who wrote which card.',
	properties: {
		source: { const: 'workshop_participation' },
		workshop: { type: 'object', required: ['id', 'title', 'date'], properties: { id: uuid, title: text, date: { ...day, description: 'The Swedish calendar day the workshop was created.' } } }
	}
};
const evidence = { anyOf: [workEvidence, participationEvidence] };
registerSchema('RequirementProposal', {
	type: 'object',
	required: ['id', 'requirementUid', 'requirementKey', 'text', 'status', 'source', 'author', 'createdAt'],
	properties: {
		id: uuid,
		requirementUid: { type: ['string', 'null'], description: 'The requirement it changes; null for a proposed new requirement.' },
		requirementKey: { type: ['string', 'null'], description: 'Its visible key ("K3"), kept from when the proposal was made (keys are never reused).' },
		text,
		status: { enum: [...PROPOSAL_STATUSES] },
		source: {
			type: 'object',
			required: ['kind'],
			properties: {
				kind: { enum: ['sprint_finding', 'manual'] },
				sprintId: uuid,
				roomId: uuid,
				findingId: { ...uuid, description: 'The sprint log entry (a finding) that opened it.' }
			}
		},
		author: ref('Attribution'),
		createdAt: dateTime,
		decidedAt: { ...dateTime, description: 'When it was accepted, rejected or withdrawn.' },
		reason: { type: 'string', description: 'The reason given with the decision (or the withdrawal).' }
	}
});
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
	required: ['name', 'sek', 'validFrom', 'validTo', 'reviewBy', 'reviewOverdue', 'source'],
	properties: {
		name: { enum: [...THRESHOLD_NAMES] },
		sek: { type: 'integer' },
		validFrom: day,
		validTo: { type: ['string', 'null'], format: 'date' },
		reviewBy: { type: ['string', 'null'], format: 'date', description: 'When the figure must be checked again (EU thresholds change every second year).' },
		reviewOverdue: { type: 'boolean', description: 'The threshold is in use and past its review date: it may be out of date.' },
		source: text
	}
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
				initiatives: {
					type: 'array',
					description: 'Counted initiatives the caller is a member of (named).',
					items: { type: 'object', properties: { id: uuid, title: text, estimatedValueSek: { type: 'integer' } } }
				},
				hidden: {
					type: 'object',
					description: "The organisation's other counted initiatives, which the caller may not see: counted, not named.",
					properties: { count: { type: 'integer' }, estimatedValueSek: { type: 'integer' } }
				}
			}
		},
		warnings: { type: 'array', items: reason },
		aboveEuThreshold: { type: 'boolean' }
	}
});
registerSchema('Threshold', {
	type: 'object',
	required: ['id', 'name', 'buyerKind', 'purchaseKind', 'sek', 'validFrom', 'validTo', 'reviewBy', 'source'],
	properties: {
		id: { type: 'integer' },
		name: { enum: [...THRESHOLD_NAMES] },
		buyerKind: { anyOf: [{ enum: [...BUYER_KINDS] }, { type: 'null' }] },
		purchaseKind: { anyOf: [{ enum: [...PURCHASE_KINDS] }, { type: 'null' }] },
		sek: { type: 'integer' },
		validFrom: day,
		validTo: { type: ['string', 'null'], format: 'date' },
		reviewBy: { type: ['string', 'null'], format: 'date', description: 'When the figure must be checked again; null when no review is due.' },
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
							items: { type: 'object', properties: { version: { type: 'integer' }, publishedAt: dateTime, sha256: sha, note: { type: ['string', 'null'] }, publishedBy: ref('Attribution'), requirementCount: { type: 'integer' } } }
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
		description:
			'Only the process leader and team members labelled procurement officer publish (403 for other members). A version is frozen for good: clients should show `GET …/requirements/publish-preview` and ask for confirmation first. 409 `empty_draft` for a draft without requirements.',
		tags,
		params: idParam,
		body: PublishBody,
		responses: {
			201: { description: 'Published.', schema: { type: 'object', required: ['version', 'publishedAt', 'sha256'], properties: { version: { type: 'integer' }, publishedAt: dateTime, sha256: sha } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: errors[409],
			415: errors[415]
		}
	},
	{
		method: 'get',
		path: `${base}/publish-preview`,
		summary: 'What publishing now would freeze',
		description: 'For the confirmation before publishing; asked with the publishing right (403 for members who may not publish).',
		tags,
		params: idParam,
		responses: {
			200: {
				description: 'Counts from the current draft.',
				schema: {
					type: 'object',
					required: ['nextVersion', 'requirements', 'unlinked', 'openComments'],
					properties: {
						nextVersion: { type: 'integer', minimum: 1 },
						requirements: { type: 'integer', description: 'Requirements that would be frozen.' },
						unlinked: { type: 'array', items: text, description: 'Visible ids of requirements linked to no need of the initiative.' },
						openComments: { type: 'integer', description: 'Comments on requirements still in the draft.' }
					}
				}
			},
			401: errors[401],
			403: errors[403],
			404: errors[404]
		}
	},
	{
		method: 'get',
		path: `${base}/versions/{n}`,
		summary: 'One version, byte for byte as published',
		description:
			'The body is the stored canonical JSON; its SHA-256 is the `ETag` and equals the published hash (`x-content-sha256`). A supplier-organisation caller who may not name the publisher gets the same JSON with `publishedBy` as `{ "id": "", "name": "Teamet" }` (rule 3): then the `ETag` is the hash of the bytes served, `x-content-sha256` still the published hash, and `x-redacted: publishedBy` says so.',
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
				schema: { type: 'object', properties: { comments: { type: 'array', items: { type: 'object', properties: { id: uuid, requirementUid: text, author: ref('Attribution'), body: text, createdAt: dateTime } } } } }
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
		path: '/api/v1/initiatives/{id}/requirement-proposals',
		summary: 'Requirement change proposals',
		description:
			'Oldest first. The buyer team reads every proposal (observers none from a sprint room marked confidential); a supplier with a room in one of the initiative\'s sprints reads only the proposals its own organisation is the source of (its room\'s findings, what its people wrote) — never another supplier\'s (rule 3); anyone else 404.',
		tags,
		params: idParam,
		query: { status: { description: 'Only proposals with this status (`invalid_status` otherwise).', schema: { enum: [...PROPOSAL_STATUSES] } } },
		responses: {
			200: { description: 'The proposals the caller may read.', schema: { type: 'object', properties: { proposals: { type: 'array', items: ref('RequirementProposal') } } } },
			400: errors[400],
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/requirement-proposals',
		summary: 'Propose a change to the requirements',
		description:
			'`requirementUid` names the requirement by uid or key ("K3"), among those the caller reads (the draft; for a sprint room\'s supplier, the version the sprint works from): `unknown_requirement` otherwise; without it the proposal is for a new requirement. With `findingId` the proposal is opened from that finding of a sprint room of this initiative, by whoever writes in the room — the room\'s supplier included (`not_a_finding` for a decision, 409 `finding_has_proposal` for a second one); recording a finding with `proposal` in the sprint log does the same in one step. Without it, the buyer team writes it (`requirement_proposals` write). A supplier that is the source of a proposal is flagged in the conflicts register with the proposal as evidence. Journalled (`requirements.proposal_created`); the buyer team is notified.',
		tags,
		params: idParam,
		body: ProposalBody,
		responses: { 201: { description: 'Opened.', schema: { type: 'object', properties: { id: uuid } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 415: errors[415] }
	},
	{
		method: 'post',
		path: '/api/v1/requirement-proposals/{id}/decision',
		summary: 'Accept or reject a requirement change proposal',
		description:
			'Whoever edits the requirements for the contracting authority decides (the process leader and the team; never a supplier, also not an expert on the team): others who may read the proposal 403, the rest 404. `reason` is required (`reason_required`); a decided proposal answers 409 `proposal_decided`. Accepting does not edit the requirements: the proposal is shown as accepted to the requirement authors, who apply it in the draft (the authorship ledger records who writes). Journalled (`requirements.proposal_accepted` / `_rejected`); the author is notified.',
		tags,
		params: { id: 'Proposal id (uuid). Any other value answers 404.' },
		body: DecisionBody,
		responses: {
			200: { description: 'Decided.', schema: { type: 'object', properties: { id: uuid, status: { enum: ['accepted', 'rejected'] } } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: errors[409],
			415: errors[415]
		}
	},
	{
		method: 'post',
		path: '/api/v1/requirement-proposals/{id}/withdraw',
		summary: 'Withdraw one\'s own open proposal',
		description: 'The author only (others who may read it 403, the rest 404); 409 `proposal_decided` once it is decided. Journalled (`requirements.proposal_withdrawn`).',
		tags,
		params: { id: 'Proposal id (uuid). Any other value answers 404.' },
		body: WithdrawBody,
		responses: {
			200: { description: 'Withdrawn.', schema: { type: 'object', properties: { id: uuid, status: { const: 'withdrawn' } } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: errors[409],
			415: errors[415]
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/conflicts',
		summary: 'The conflicts register',
		description:
			'Computed from the server ledger of accepted updates: supplier organisations that wrote in the requirements are barred; those that contributed earlier work (brief, workshops, needs) are flagged. In anonymous workshops only participation is recorded (the workshop and its date, no count, no time). Changes are journalled (`conflict.barred`, `conflict.flagged`). Buyer team only: observers, suppliers (also supplier experts on the team — rule 3) and non-members get 404.',
		tags: ['conflicts'],
		params: idParam,
		responses: { 200: { description: 'Barred first, then flagged.', schema: { type: 'array', items: ref('ConflictEntry') } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/procedure-advice',
		summary: 'Procedure advice for a planned purchase',
		description:
			"Uses the thresholds in force today and adds up the caller's organisation's other initiatives of the same purchase kind this calendar year: those it owns alone or as a co-owner that has accepted the invitation (a pending invitation counts for nothing). Only initiatives the caller is a member of are named; the rest are in `aggregation.hidden`. With `initiativeId` (which the caller must see), that initiative is not counted twice.",
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

