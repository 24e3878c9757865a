/** Innovation sprints (issue 15): sprints, isolated supplier rooms, inputs, stages, questions, parity and the sprint log. */
import { errors, ref, registerOperations } from '../openapi.ts';
import {
	addRoomSchema,
	answerSchema,
	createSprintSchema,
	inputSchema,
	lockSchema,
	logEntrySchema,
	meetingSchema,
	questionSchema,
	roomSettingsSchema,
	stageSchema,
	templateSchema,
	termsSchema
} from './validation.ts';

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };
const sprintParam = { id: 'Sprint id' };
const roomParam = { id: 'Sprint room id' };
const tags = ['sprints'];
const obj = { type: 'object' };
const terms = { description: '`terms_not_accepted`: the supplier has not accepted the terms of participation; the room opens once it has.', schema: ref('Error') };
const stage = { enum: ['map', 'sketch', 'decide', 'prototype', 'test', null] };
const room = {
	type: 'object',
	required: ['id', 'docName'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		docName: { type: 'string', description: 'The room’s overview live document, `sprint_room.<roomId>`; stage boards are `sprint_<stage>.<roomId>`.' },
		organisation: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, description: 'Absent while an e-mail invitation is pending.' },
		letter: { type: 'string', description: 'Buyer side only.' }
	}
};
const format = { format: { description: '`json` (default) or `docx`', schema: { enum: ['json', 'docx'] } } };

registerOperations([
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/sprints',
		params: { id: 'Initiative id' },
		tags,
		summary: 'Creates a sprint from a template (process leader)',
		description: '`template`: `design_sprint_5`, `design_sprint_4` or an organisation template’s id (`unknown_template`). Needs must be the initiative’s (`unknown_need`); `requirementsVersion` a published version (`unknown_version`).',
		body: createSprintSchema,
		responses: { 201: { description: 'Created.', schema: id }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/sprints',
		params: { id: 'Initiative id' },
		tags,
		summary: 'The initiative’s sprints (buyer side)',
		responses: { 200: { description: 'Sprints.', schema: { type: 'array', items: obj } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-templates',
		tags,
		summary: 'The sprint templates the caller’s organisation may use: the built-in ones, then its own',
		responses: { 200: { description: 'Templates.', schema: { type: 'array', items: obj } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-templates',
		tags,
		summary: 'Adds a template (days and their stages) to the caller’s organisation (organisation administrators of contracting authorities)',
		body: templateSchema,
		responses: { 201: { description: 'Created.', schema: id }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprints/{id}',
		params: sprintParam,
		tags,
		summary: 'The sprint; the buyer team sees every room, a supplier user only its own room (no count of others)',
		responses: {
			200: {
				description: 'The sprint.',
				schema: { type: 'object', required: ['id', 'title', 'stage', 'rooms'], properties: { id: { type: 'string' }, title: { type: 'string' }, stage, rooms: { type: 'array', items: room } } }
			},
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: '/api/v1/sprints/{id}/rooms',
		params: sprintParam,
		tags,
		summary: 'Adds a supplier’s room: `{organisationId}` (a supplier organisation) or `{email}` (invited like an RFI; accepted through `POST /api/v1/invitations/{token}/accept`)',
		description: 'The room receives every input already published to all rooms, with its own arrival time (shown in the parity report). `already_in_sprint` (409) when the organisation has a room.',
		body: addRoomSchema,
		responses: {
			201: { description: 'Added.', schema: { type: 'object', required: ['roomId', 'docName'], properties: { roomId: { type: 'string' }, docName: { type: 'string' }, inviteUrl: { type: 'string' } } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: errors[409],
			429: errors[429]
		}
	},
	{
		method: 'post',
		path: '/api/v1/sprints/{id}/inputs',
		params: sprintParam,
		tags,
		summary: 'Publishes a buyer input: without `roomId` to every room (same version and moment, one transaction); with `roomId` to that room only',
		description: '`roomId` without `reason` → 400 `reason_required`. `fileIds` are files uploaded with purpose `sprint_input` and the sprint as owner (`unknown_file`). Room members are notified.',
		body: inputSchema,
		responses: { 201: { description: 'Published.', schema: id }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/sprints/{id}/stage',
		params: sprintParam,
		tags,
		summary: 'Starts a stage in every room at once, with an optional shared timer by the server’s clock',
		body: stageSchema,
		responses: { 200: { description: 'Started.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/sprints/{id}/lock',
		params: sprintParam,
		tags,
		summary: 'Locks or unlocks every room (or `roomId` only): locked rooms are read-only for all but the process leader',
		body: lockSchema,
		responses: { 200: { description: 'Done.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprints/{id}/progress',
		params: sprintParam,
		tags,
		summary: 'The live overview of each room’s progress, counts only (buyer side)',
		responses: { 200: { description: 'Progress.', schema: obj }, 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprints/{id}/questions',
		params: sprintParam,
		tags,
		summary: 'Every question of the sprint with its room and asker (process leader and team)',
		responses: { 200: { description: 'Questions.', schema: { type: 'array', items: obj } }, 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/sprints/{id}/questions/{questionId}/answer',
		params: { ...sprintParam, questionId: 'Question id' },
		tags,
		summary: 'Answers a question to every room at once without the asker, or with `specificReason` to the asking room only',
		description: '`question` rewords the question where the original would identify the asker. `already_answered` (409).',
		body: answerSchema,
		responses: { 200: { description: 'Answered.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/sprints/{id}/parity',
		params: sprintParam,
		tags,
		summary: 'The parity report: per room every input with hash and arrival time, meetings, questions and where answered; `differences` (buyer team and observers)',
		query: format,
		responses: {
			200: {
				description: 'The report (JSON or Word).',
				schema: {
					type: 'object',
					required: ['rooms', 'differences'],
					properties: {
						rooms: { type: 'array', items: obj },
						differences: { type: 'array', items: { type: 'object', required: ['inputId', 'roomIds', 'reason'], properties: { inputId: { type: 'string' }, roomIds: { type: 'array', items: { type: 'string' } }, reason: { type: 'string' } } } }
					}
				}
			},
			400: errors[400],
			401: errors[401],
			404: errors[404],
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}',
		params: roomParam,
		tags,
		summary: 'The room: `{id, stage, docName, inputs:[{id, title, sha256, arrivedAt}], deciderUserId?}` (room members and the buyer team)',
		responses: { 200: { description: 'The room.', schema: obj }, 401: errors[401], 404: errors[404], 409: terms }
	},
	{
		method: 'patch',
		path: '/api/v1/sprint-rooms/{id}',
		params: roomParam,
		tags,
		summary: 'The room’s settings: decider (a room member), assigned buyer team members, lock, confidential to observers (process leader)',
		body: roomSettingsSchema,
		responses: { 200: { description: 'The room.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}/terms',
		params: roomParam,
		tags,
		summary: 'The terms of participation (ownership, confidentiality, equal treatment) and whether they are accepted',
		responses: { 200: { description: 'Terms.', schema: obj }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/terms',
		params: roomParam,
		tags,
		summary: 'The room’s supplier accepts the terms for its organisation; the room opens (journalled)',
		body: termsSchema,
		responses: { 200: { description: 'Accepted.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}/questions',
		params: roomParam,
		tags,
		summary: 'The room’s own questions and every answer published to all rooms (asker hidden)',
		responses: { 200: { description: 'Questions.', schema: { type: 'array', items: obj } }, 401: errors[401], 404: errors[404], 409: terms }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/questions',
		params: roomParam,
		tags,
		summary: 'Asks a question in the room; the buyer team answers it to every room',
		body: questionSchema,
		responses: { 201: { description: 'Asked.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: terms }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}/meetings',
		params: roomParam,
		tags,
		summary: 'The buyer team’s meetings in the room (buyer side)',
		responses: { 200: { description: 'Meetings.', schema: { type: 'array', items: obj } }, 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/meetings',
		params: roomParam,
		tags,
		summary: 'Logs a meeting of the buyer team in the room with start and end',
		body: meetingSchema,
		responses: { 201: { description: 'Logged.', schema: id }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/sprint-rooms/{id}/log',
		params: roomParam,
		tags,
		summary: 'The room’s sprint log: the challenge, stages, decisions and findings (JSON document or Word)',
		query: format,
		responses: { 200: { description: 'The log.', schema: obj }, 400: errors[400], 401: errors[401], 404: errors[404], 409: terms, 429: errors[429] }
	},
	{
		method: 'post',
		path: '/api/v1/sprint-rooms/{id}/log',
		params: roomParam,
		tags,
		summary: 'Records a decision or a finding in the sprint log; a finding links needs and may propose a requirements change',
		description:
			'`proposal` (findings only: `not_a_finding` otherwise) opens a requirement change proposal in the same transaction (see `POST /api/v1/initiatives/{id}/requirement-proposals`; `unknown_requirement` when `proposal.requirementUid` names no requirement the caller reads); its id is returned as `proposalId`.',
		body: logEntrySchema,
		responses: { 201: { description: 'Recorded.', schema: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' }, proposalId: { type: 'string', format: 'uuid' } } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: terms }
	}
]);
