/**
 * The account module's operations beyond the foundation contract (which `../openapi.ts`
 * describes): profile, password change and the user's own sessions.
 */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { passwordChangeInput, profileInput } from './schemas.ts';

const dateTime = { type: 'string', format: 'date-time' };

registerSchema('Session', {
	type: 'object',
	required: ['id', 'createdAt', 'lastActiveAt', 'userAgent', 'ip', 'current'],
	properties: {
		id: { type: 'string', description: 'Session id (not the secret); use it to end the session.' },
		createdAt: dateTime,
		lastActiveAt: dateTime,
		userAgent: { type: ['string', 'null'] },
		ip: { type: ['string', 'null'] },
		current: { type: 'boolean', description: 'The session this request was made with.' }
	}
});

const me = {
	type: 'object',
	properties: {
		user: {
			type: 'object',
			required: ['id', 'email', 'name', 'platformAdmin', 'orgAdmin'],
			properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, name: { type: 'string' }, platformAdmin: { type: 'boolean' }, orgAdmin: { type: 'boolean' } }
		},
		organisation: { allOf: [ref('Organisation'), { type: 'object', properties: { orgNumber: { type: 'string' } } }] }
	}
};

registerOperations([
	{
		method: 'patch',
		path: '/api/v1/me',
		tags: ['auth'],
		summary: 'Change the display name',
		body: profileInput,
		responses: { 200: { description: 'The caller, renamed.', schema: me }, 400: errors[400], 401: errors[401] }
	},
	{
		method: 'post',
		path: '/api/v1/me/password',
		tags: ['auth'],
		summary: 'Change the password (ends every other session of the user)',
		description:
			'Needs the current password (`wrong_password` otherwise; wrong attempts count against the sign-in limits). The new one must have 12–256 characters and not be a common password (`weak_password`).',
		body: passwordChangeInput,
		responses: {
			200: { description: 'Changed.', schema: { type: 'object', required: ['endedSessions'], properties: { endedSessions: { type: 'integer' } } } },
			400: errors[400],
			401: errors[401],
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: '/api/v1/me/sessions',
		tags: ['auth'],
		summary: 'Where the caller is signed in',
		responses: { 200: { description: 'The current session first.', schema: { type: 'array', items: ref('Session') } }, 401: errors[401] }
	},
	{
		method: 'delete',
		path: '/api/v1/me/sessions/{id}',
		tags: ['auth'],
		summary: "End one of the caller's sessions (its live connections close)",
		params: { id: 'Session id from the list. Ids of other people’s sessions answer 404.' },
		responses: { 204: { description: 'Ended.' }, 401: errors[401], 404: errors[404] }
	}
]);
