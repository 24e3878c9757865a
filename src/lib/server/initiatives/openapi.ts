/** The initiatives module's part of the OpenAPI document (see `../openapi.ts`). */
import { PHASES, ROLES, TEAM_LABELS } from '../db/schema/initiatives.ts';
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { addOrganisationSchema, createInitiativeSchema, inviteSchema, memberChangeSchema, updateInitiativeSchema } from './validation.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const phase = { enum: [...PHASES], description: 'initiate, needs, dialogue (market dialogue), sprint, procure, pilot, evaluate' };
const role = { enum: [...ROLES] };
const label = { anyOf: [{ enum: [...TEAM_LABELS] }, { type: 'null' }], description: 'Team members only.' };
const docs = {
	type: 'object',
	required: ['brief', 'requirements'],
	properties: { brief: { type: 'string', description: '`brief.<id>`' }, requirements: { type: 'string', description: '`requirements.<id>`' } }
};
const orgRef = { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } };

registerSchema('CoOwnerInvitation', {
	type: 'object',
	required: ['id', 'status', 'organisation', 'createdAt'],
	properties: { id: uuid, status: { enum: ['pending', 'accepted', 'declined'] }, organisation: orgRef, createdAt: dateTime }
});

registerSchema('Initiative', {
	type: 'object',
	required: ['id', 'title', 'description', 'phase', 'estimatedValueSek', 'organisations'],
	properties: {
		id: uuid,
		title: { type: 'string' },
		description: { type: 'string' },
		phase,
		estimatedValueSek: { type: ['integer', 'null'], description: 'Whole SEK.' },
		organisations: { type: 'array', items: orgRef, description: 'Owning buyer organisations.' }
	}
});
registerSchema('Member', {
	type: 'object',
	required: ['user', 'organisation', 'role', 'label'],
	properties: { user: ref('UserRef'), organisation: orgRef, role, label }
});

const tags = ['initiatives'];
const idParam = { id: 'Initiative id (uuid). Any other value answers 404.' };

registerOperations([
	{
		method: 'get',
		path: '/api/v1/initiatives',
		tags,
		summary: "The caller's initiatives",
		responses: {
			200: {
				description: 'One entry per membership.',
				schema: {
					type: 'array',
					items: { type: 'object', required: ['id', 'title', 'phase', 'role'], properties: { id: uuid, title: { type: 'string' }, phase, role, label } }
				}
			},
			401: errors[401]
		}
	},
	{
		method: 'post',
		path: '/api/v1/initiatives',
		tags,
		summary: 'Create an initiative (users of buyer organisations)',
		description:
			"Owned by the creator's organisation; the creator becomes process leader. With `templateId` (a method template of the creator's organisation, see `POST /api/v1/organisations/{id}/templates`) the template's parts are copied in (draft workshops, draft RFI rounds, the evaluation model, lessons to read) in the same transaction; an unknown template → 404 `template_not_found` and nothing is created.",
		body: createInitiativeSchema,
		responses: {
			201: {
				description: 'Created.',
				schema: { type: 'object', required: ['id', 'title', 'phase', 'docs'], properties: { id: uuid, title: { type: 'string' }, phase, docs } }
			},
			400: errors[400],
			401: errors[401],
			403: { description: '`forbidden` — supplier users cannot create initiatives.', schema: ref('Error') },
			404: { description: '`template_not_found` — no such template in the caller’s organisation.', schema: ref('Error') }
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}',
		tags,
		summary: 'One initiative (members only)',
		params: idParam,
		responses: {
			200: {
				description: 'The initiative, its members, live documents and what the caller may do. Members and organisations are those the caller may know: a supplier-organisation caller never sees another supplier (rule 3).',
				schema: {
					allOf: [
						ref('Initiative'),
						{
							type: 'object',
							required: ['members', 'docs', 'abilities'],
							properties: {
								members: { type: 'array', items: ref('Member') },
								docs,
								abilities: { type: 'object', additionalProperties: { type: 'boolean' }, description: 'e.g. `editBrief`, `manageMembers`, `readJournal`.' }
							}
						}
					]
				}
			},
			401: errors[401],
			404: { description: 'Not a member, unknown or malformed id — the answers are identical.', schema: ref('Error') }
		}
	},
	{
		method: 'patch',
		path: '/api/v1/initiatives/{id}',
		tags,
		summary: 'Change title, description, estimated value or phase (process leaders)',
		description: 'A phase change is journaled and re-checks every live connection of the initiative.',
		params: idParam,
		body: updateInitiativeSchema,
		responses: { 200: { description: 'Updated.', schema: ref('Initiative') }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/organisations',
		tags,
		summary: 'Invite a buyer organisation, by organisation number, to co-own the initiative (process leaders)',
		description:
			"Creates a pending invitation; the organisation's administrators are mailed (outbox). Nothing of the initiative counts for that organisation — it is not among their initiatives and its value is not in their procedure advice — until one of its administrators accepts (`POST /api/v1/organisation/co-owner-invitations/{invitationId}/accept`). Journalled as `organisation.invited`.",
		params: idParam,
		body: addOrganisationSchema,
		responses: {
			201: { description: 'Invited; waiting for the organisation to answer.', schema: ref('CoOwnerInvitation') },
			400: { description: '`invalid_org_number` or `not_a_buyer`.', schema: ref('Error') },
			401: errors[401],
			403: errors[403],
			404: { description: 'Unknown initiative, or `organisation_not_found`.', schema: ref('Error') },
			409: { description: '`already_owner`, or `already_invited` (an invitation is still waiting for an answer).', schema: ref('Error') }
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/organisations',
		tags,
		summary: 'Invitations to co-own the initiative that wait for an answer',
		params: idParam,
		responses: { 200: { description: 'Oldest first.', schema: { type: 'array', items: ref('CoOwnerInvitation') } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/organisation/co-owner-invitations',
		tags: ['organisation'],
		summary: "Invitations to the caller's organisation to co-own initiatives (organisation administrators)",
		responses: {
			200: {
				description: 'Waiting for an answer, newest first.',
				schema: {
					type: 'array',
					items: {
						type: 'object',
						required: ['id', 'initiative', 'owners', 'invitedBy', 'createdAt'],
						properties: {
							id: uuid,
							initiative: { type: 'object', properties: { id: uuid, title: { type: 'string' } } },
							owners: { type: 'array', items: { type: 'string' }, description: 'Names of the organisations that own it now.' },
							invitedBy: { type: 'string', description: 'Name of the process leader who invited.' },
							createdAt: dateTime
						}
					}
				}
			},
			401: errors[401],
			403: errors[403]
		}
	},
	...(['accept', 'decline'] as const).map((verb) => ({
		method: 'post' as const,
		path: `/api/v1/organisation/co-owner-invitations/{invitationId}/${verb}`,
		tags: ['organisation'],
		summary:
			verb === 'accept'
				? 'Accept an invitation to co-own an initiative (administrators of the invited organisation)'
				: 'Decline an invitation to co-own an initiative (administrators of the invited organisation)',
		description: `Journalled in the initiative's journal and the platform journal as \`organisation.invitation_${verb}ed\`.${verb === 'accept' ? ' From now on the initiative counts in the organisation\'s same-kind aggregation.' : ''} 404 for callers outside the invited organisation, 403 for its members who are not administrators.`,
		params: { invitationId: 'Invitation id (uuid). Any other value answers 404.' },
		responses: {
			200: { description: 'Answered.', schema: ref('CoOwnerInvitation') },
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: { description: '`already_decided`.', schema: ref('Error') }
		}
	})),
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/members',
		tags,
		summary: 'Members of an initiative',
		params: idParam,
		description: "A supplier-organisation caller sees the buyer organisations' people and its own organisation's, never another supplier's (rule 3).",
		responses: { 200: { description: 'Process leaders first.', schema: { type: 'array', items: ref('Member') } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'patch',
		path: '/api/v1/initiatives/{id}/members/{userId}',
		tags,
		summary: "Change a member's role and label (process leaders)",
		description: 'The affected live connections are closed within seconds and re-checked.',
		params: { ...idParam, userId: 'User id of the member.' },
		body: memberChangeSchema,
		responses: {
			200: { description: 'Changed.', schema: { type: 'object', properties: { userId: uuid, role, label } } },
			400: errors[400],
			401: errors[401],
			403: { description: '`forbidden`, or `supplier_cannot_lead`.', schema: ref('Error') },
			404: errors[404],
			409: { description: '`last_process_leader` — an initiative keeps at least one process leader.', schema: ref('Error') }
		}
	},
	{
		method: 'delete',
		path: '/api/v1/initiatives/{id}/members/{userId}',
		tags,
		summary: 'Remove a member (process leaders)',
		params: { ...idParam, userId: 'User id of the member.' },
		responses: {
			204: { description: 'Removed.' },
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: { description: '`last_process_leader`.', schema: ref('Error') }
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/invitations',
		tags,
		summary: 'Open invitations (process leaders)',
		params: idParam,
		responses: {
			200: {
				description: 'Not accepted, revoked or expired.',
				schema: { type: 'array', items: { type: 'object', properties: { id: uuid, email: { type: 'string' }, role, label, expiresAt: dateTime, createdAt: dateTime } } }
			},
			401: errors[401],
			403: errors[403],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/invitations',
		tags,
		summary: 'Invite someone by email (process leaders)',
		description:
			'A single-use link bound to the address, valid for 7 days, mailed in Swedish and returned so it can be copied. The token is the last path segment of `inviteUrl`. ' +
			'`supplierOrganisation` is set when the address belongs to a supplier user: contributing to the requirements would bar that supplier from tendering.',
		params: idParam,
		body: inviteSchema,
		responses: {
			201: {
				description: 'Created.',
				schema: {
					type: 'object',
					required: ['id', 'inviteUrl', 'expiresAt'],
					properties: { id: uuid, inviteUrl: { type: 'string', format: 'uri' }, expiresAt: dateTime, supplierOrganisation: { type: ['string', 'null'] } }
				}
			},
			400: errors[400],
			401: errors[401],
			403: { description: '`forbidden` (not a process leader), or `supplier_cannot_lead`.', schema: ref('Error') },
			404: errors[404],
			409: { description: '`already_member`.', schema: ref('Error') }
		}
	},
	{
		method: 'delete',
		path: '/api/v1/initiatives/{id}/invitations/{invitationId}',
		tags,
		summary: 'Withdraw an open invitation (process leaders)',
		params: { ...idParam, invitationId: 'Invitation id.' },
		responses: { 204: { description: 'Withdrawn.' }, 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/invitations/{token}/accept',
		tags,
		summary: 'Accept an invitation as the signed-in user',
		description: 'One endpoint for every invitation link: to an initiative (answers `{initiativeId, role}`) or, for a supplier, to an RFI round (answers `{rfiId}`).',
		params: { token: 'Last path segment of `inviteUrl`.' },
		responses: {
			200: {
				description: 'Now a member of the initiative, or the supplier’s organisation admitted to the round.',
				schema: { oneOf: [{ type: 'object', required: ['initiativeId', 'role'], properties: { initiativeId: uuid, role } }, { type: 'object', required: ['rfiId'], properties: { rfiId: uuid } }] }
			},
			401: errors[401],
			403: { description: '`wrong_account` — signed in with another address; `supplier_cannot_lead`; or `not_a_supplier` for a round invitation.', schema: ref('Error') },
			404: errors[404],
			410: { description: '`invitation_expired`, `invitation_used` or `invitation_revoked`.', schema: ref('Error') }
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/audit',
		tags: ['journal'],
		summary: "The initiative's journal (process leaders)",
		description:
			'Every entry has its continuous number `seq` (1, 2, 3 … in chain order; filters never renumber) and the sentence `text` a person reads, beside the raw event (`action`, `data`). ' +
			'`?format=csv` downloads the same rows for Swedish Excel (`;`, UTF-8 with BOM, Stockholm time) with the sentence beside the raw event.',
		params: idParam,
		query: {
			format: { description: '`csv` downloads the journal as CSV.', schema: { enum: ['json', 'csv'] } },
			lang: { description: 'Language of `text`: `sv` (default) or `en`.', schema: { enum: ['sv', 'en'] } },
			kind: { description: 'An event action (`workshop.closed`) or its entity prefix (`workshop`).', schema: { type: 'string', maxLength: 100, pattern: '^[a-z][a-z_]*(\\.[a-z][a-z_]*)?$' } },
			actor: { description: 'User id: entries that person did.', schema: { type: 'string', format: 'uuid' } },
			from: { description: 'First day, Swedish time (`YYYY-MM-DD`), inclusive.', schema: { type: 'string', format: 'date' } },
			to: { description: 'Last day, Swedish time (`YYYY-MM-DD`), inclusive.', schema: { type: 'string', format: 'date' } }
		},
		responses: {
			200: {
				description: 'Oldest first. With `format=csv`: `text/csv; charset=utf-8`.',
				schema: {
					type: 'object',
					required: ['entries'],
					properties: {
						entries: {
							type: 'array',
							items: {
								type: 'object',
								required: ['id', 'seq', 'at', 'actor', 'action', 'data', 'hash', 'text'],
								properties: {
									id: { type: 'integer' },
									seq: { type: 'integer', minimum: 1, description: 'Number in the initiative\'s journal: 1, 2, 3 … without gaps.' },
									at: dateTime,
									actor: { type: 'object', properties: { userId: { type: ['string', 'null'] }, label: { type: 'string' } } },
									action: { type: 'string', description: 'e.g. `initiative.created`, `member.role_changed`.' },
									data: { type: 'object' },
									hash: { type: 'string' },
									text: { type: 'string', description: 'The entry as one sentence, e.g. "Maria Lind flyttade initiativet från Initiera till Behov."' }
								}
							}
						}
					}
				}
			},
			400: errors[400],
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/audit/verify',
		tags: ['journal'],
		summary: "Verify the journal's hash chain (process leaders)",
		params: idParam,
		responses: {
			200: {
				description: '`{ok:true, entries}` or, at the first broken link, `{ok:false, brokenAt, brokenSeq}` (the row id and its number `seq` in the journal).',
				schema: {
					type: 'object',
					required: ['ok'],
					properties: { ok: { type: 'boolean' }, entries: { type: 'integer' }, brokenAt: { type: 'integer' }, brokenSeq: { type: 'integer' } }
				}
			},
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'get',
		path: '/api/v1/docs/{docName}/contributors',
		tags: ['documents'],
		summary: 'Who wrote in a live document (buyer team of its initiative)',
		description:
			"Aggregated from the server's authorship ledger, never from client claims. Observers, suppliers outside the team and non-members get 404; a supplier's expert on the team sees only the contributors from the buyer organisations and its own (rule 3).",
		params: { docName: '`<kind>.<uuid>`, e.g. `requirements.<initiative id>`.' },
		responses: {
			200: {
				description: 'Most updates first.',
				schema: {
					type: 'array',
					items: {
						type: 'object',
						required: ['user', 'organisation', 'updates', 'firstAt', 'lastAt'],
						properties: { user: ref('UserRef'), organisation: ref('Organisation'), updates: { type: 'integer' }, firstAt: dateTime, lastAt: dateTime }
					}
				}
			},
			401: errors[401],
			404: errors[404]
		}
	}
]);
