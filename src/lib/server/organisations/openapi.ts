/** The organisation module's operations beyond the foundation contract (see `../openapi.ts`). */
import { errors, registerOperations } from '../openapi.ts';

registerOperations([
	{
		method: 'get',
		path: '/api/v1/organisation',
		tags: ['organisation'],
		summary: "The caller's organisation, its people, and whether the caller may invite",
		description: 'Email addresses of members are included for organisation administrators only.',
		responses: {
			200: {
				description: 'The organisation.',
				schema: {
					type: 'object',
					required: ['organisation', 'members', 'abilities'],
					properties: {
						organisation: {
							type: 'object',
							properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, kind: { enum: ['buyer', 'supplier'] }, orgNumber: { type: 'string' } }
						},
						members: {
							type: 'array',
							items: {
								type: 'object',
								required: ['id', 'name', 'orgAdmin'],
								properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, orgAdmin: { type: 'boolean' }, email: { type: 'string' } }
							}
						},
						abilities: { type: 'object', properties: { invite: { type: 'boolean' } } }
					}
				}
			},
			401: errors[401]
		}
	},
	{
		method: 'get',
		path: '/api/v1/organisation/invitations',
		tags: ['organisation'],
		summary: 'Open invitations of the organisation (organisation administrators)',
		responses: {
			200: {
				description: 'Unused and unexpired, newest first.',
				schema: {
					type: 'array',
					items: {
						type: 'object',
						properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, createdAt: { type: 'string', format: 'date-time' } }
					}
				}
			},
			401: errors[401],
			403: errors[403]
		}
	}
]);
