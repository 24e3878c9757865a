/** Pilots (issue 16): plans, measurement against baseline and target, go/no-go and scale-up. */

import { errors, registerOperations } from '../openapi.ts';
import { confirmSchema, createPilotSchema, decisionSchema, planSchema, pointsSchema, scaleUpSchema, valuesSchema } from './validation.ts';

const p = { id: 'Pilot id' };
const tags = ['pilots'];
const obj = { type: 'object' };
const warning = { type: 'object', required: ['code'], properties: { code: { type: 'string' }, values: { type: 'object', additionalProperties: { type: 'number' } } } };
const advice = {
	type: 'object',
	description: 'The advisor’s aggregation: this purchase plus the organisation’s other purchases of the same kind this year (pilots by direct award included), and its warnings (e.g. `splitting_forbidden`).',
	required: ['totalSek', 'sameKindSek', 'warnings'],
	properties: { totalSek: { type: 'integer' }, sameKindSek: { type: 'integer' }, warnings: { type: 'array', items: warning } }
};
const series = { type: 'object', required: ['date', 'value', 'confirmed'], properties: { id: { type: 'string' }, date: { type: 'string', format: 'date' }, value: { type: 'number' }, note: { type: 'string' }, confirmed: { type: 'boolean' }, supplierReported: { type: 'boolean' } } };
const indicator = {
	type: 'object',
	required: ['pointId', 'name', 'unit', 'direction', 'baseline', 'target', 'series', 'status'],
	properties: {
		pointId: { type: 'string', format: 'uuid' },
		name: { type: 'string' },
		unit: { type: 'string' },
		direction: { enum: ['up', 'down'] },
		baseline: { type: ['object', 'null'], properties: { value: { type: 'number' }, date: { type: ['string', 'null'] }, source: { type: 'string' } } },
		target: { type: 'number' },
		series: { type: 'array', items: series },
		status: { enum: ['met', 'not_met', 'no_data'] }
	}
};
const recorded = { type: 'object', required: ['accepted', 'rejected'], properties: { accepted: { type: 'integer' }, rejected: { type: 'array', items: { type: 'object', required: ['row', 'error'], properties: { row: { type: 'integer' }, error: { type: 'string' } } } } } };

registerOperations([
	{
		method: 'post',
		path: '/api/v1/initiatives/{id}/pilots',
		params: { id: 'Initiative id' },
		tags,
		summary: 'Creates a pilot (process leader)',
		description:
			'`organisationIds` are supplier organisations; `decisionMakers` (buyer-side members of the initiative) default to the caller. By direct award (`route`, the default) the advisor is asked with the pilot’s value aggregated with the organisation’s purchases of the same kind this year; above 100 000 SEK `directAwardReason` is required (`reason_required`). The response carries the aggregation and its warnings.',
		body: createPilotSchema,
		responses: {
			201: { description: 'Created.', schema: { type: 'object', required: ['id', 'advice'], properties: { id: { type: 'string', format: 'uuid' }, advice } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404]
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/pilots',
		params: { id: 'Initiative id' },
		tags,
		summary: 'The initiative’s pilots (buyer team and observers)',
		responses: { 200: { description: 'Pilots.', schema: { type: 'array', items: obj } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/pilots/{id}',
		params: p,
		tags,
		summary: 'The pilot plan with `missingSections`',
		description: 'Buyer team and observers; a supplier only the pilot its organisation runs (its own organisation only, no advisor figures); everyone else 404. `missingSections` lists the checklist parts still empty: goal, roles, collaboration, timeline, measurement, documentation, risks, communication, economics, ownership, contract.',
		responses: { 200: { description: 'The plan.', schema: { type: 'object', required: ['id', 'missingSections'], properties: { id: { type: 'string' }, missingSections: { type: 'array', items: { type: 'string' } } } } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/pilots/{id}/plan',
		params: p,
		tags,
		summary: 'Saves the plan’s dates, timeline activities and risks (buyer team)',
		description: 'Risks have likelihood and impact 1–5. The free-text sections are edited live in the document `pilot.{id}`.',
		body: planSchema,
		responses: { 200: { description: 'Saved.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'put',
		path: '/api/v1/pilots/{id}/measurement-points',
		params: p,
		tags,
		summary: 'Replaces the measurement points (buyer team)',
		description: 'A point with `id` is updated, one without is added, one left out is removed — refused with `point_has_values` (409) when values were recorded for it.',
		body: pointsSchema,
		responses: { 200: { description: 'The points.', schema: { type: 'object', required: ['points'], properties: { points: { type: 'array', items: obj } } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'post',
		path: '/api/v1/pilots/{id}/values',
		params: p,
		tags,
		summary: 'Records measured values, as JSON or CSV',
		description:
			'JSON `{values:[{pointId,date,value,note?}]}` or `text/csv` with the header `point,date,value,note` (`;` also accepted; `point` is the point’s name or id; decimal comma or point). Each row is judged on its own: bad rows are listed in `rejected` and the good ones are written together. A supplier records only points delegated to it (`supplierReports`); its values are unconfirmed until a team member confirms them. A new value for a point and date replaces the old one; the journal keeps both.',
		body: valuesSchema,
		otherBodies: { 'text/csv': { schema: { type: 'string' } } },
		responses: { 201: { description: 'Recorded.', schema: recorded }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 415: errors[415] }
	},
	{
		method: 'post',
		path: '/api/v1/pilots/{id}/values/confirm',
		params: p,
		tags,
		summary: 'Confirms supplier-reported values (buyer team)',
		body: confirmSchema,
		responses: { 200: { description: 'Confirmed.', schema: { type: 'object', properties: { confirmed: { type: 'integer' } } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	},
	{
		method: 'get',
		path: '/api/v1/pilots/{id}/indicators',
		params: p,
		tags,
		summary: 'Each indicator against baseline and target, with its series and status',
		description: 'Status from the latest confirmed value: `met`, `not_met`, or `no_data`. A supplier sees confirmed values and its own organisation’s unconfirmed ones.',
		responses: { 200: { description: 'Indicators.', schema: { type: 'array', items: indicator } }, 401: errors[401], 404: errors[404] }
	},
	{
		method: 'post',
		path: '/api/v1/pilots/{id}/decision',
		params: p,
		tags,
		summary: 'Records the go/no-go decision (named decision makers only)',
		description: '409 `baseline_missing` while a measurement point lacks a baseline and no `reason` is given; 403 for anyone but the named decision makers. Journalled; the buyer team and observers are notified.',
		body: decisionSchema,
		responses: { 201: { description: 'Recorded.', schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, decidedAt: { type: 'string' } } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] }
	},
	{
		method: 'put',
		path: '/api/v1/pilots/{id}/scale-up',
		params: p,
		tags,
		summary: 'Saves the scale-up plan and asks the advisor with the scale-up value aggregated with the pilot',
		description: 'Warns `scale_up_exceeds_direct_award` when a pilot bought by direct award would, with the scale-up, pass the direct-award limit.',
		body: scaleUpSchema,
		responses: { 200: { description: 'Saved, with the advice.', schema: obj }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] }
	}
]);

