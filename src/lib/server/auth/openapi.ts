/**
 * The account module's operations beyond the foundation contract (which `../openapi.ts`
 * describes): profile, password change, the user's own sessions, new-password links, and the
 * platform administrators' list of accounts.
 */
import { errors, ref, registerOperations, registerSchema } from '../openapi.ts';
import { accountUpdateInput, passwordChangeInput, passwordResetInput, passwordResetRequestInput, profileInput } from './schemas.ts';

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

registerSchema('Account', {
	type: 'object',
	required: ['id', 'name', 'email', 'organisation', 'orgAdmin', 'platformAdmin', 'demo', 'disabledAt', 'createdAt'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		name: { type: 'string' },
		email: { type: 'string' },
		organisation: ref('Organisation'),
		orgAdmin: { type: 'boolean' },
		platformAdmin: { type: 'boolean' },
		demo: { type: 'boolean', description: 'Made by the demo seed.' },
		disabledAt: { type: ['string', 'null'], format: 'date-time' },
		createdAt: dateTime
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
	},
	{
		method: 'post',
		path: '/api/v1/auth/password-reset',
		tags: ['auth'],
		auth: false,
		summary: 'Ask for a link to choose a new password',
		description:
			'Mails a link (valid 1 hour, once) when the address has an account and an SMTP server is configured. The answer is 202 whether or not an account exists. The outbox copy of the mail does not contain the link. Limited per address and per account (429).',
		body: passwordResetRequestInput,
		responses: {
			202: { description: 'Asked for (nothing is said about whether the account exists).', schema: { type: 'object', required: ['status'], properties: { status: { const: 'requested' } } } },
			400: errors[400],
			429: errors[429]
		}
	},
	{
		method: 'post',
		path: '/api/v1/auth/password-reset/{token}',
		tags: ['auth'],
		auth: false,
		summary: 'Choose a new password with a link (ends every session of the account)',
		params: { token: 'The last path segment of the link.' },
		description: '`invalid_reset_link` for a wrong, used or expired link; `weak_password` as at sign-up.',
		body: passwordResetInput,
		responses: {
			200: { description: 'The password is changed; sign in with it.', schema: { type: 'object', required: ['status'], properties: { status: { const: 'reset' } } } },
			400: errors[400],
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: '/api/v1/admin/users',
		tags: ['admin'],
		summary: 'Every account on the installation (platform administrators)',
		responses: { 200: { description: 'By organisation and name.', schema: { type: 'array', items: ref('Account') } }, 401: errors[401], 403: errors[403] }
	},
	{
		method: 'patch',
		path: '/api/v1/admin/users/{id}',
		tags: ['admin'],
		summary: 'Disable or enable an account (platform administrators)',
		description: 'A disabled account cannot sign in; its sessions end and its live connections close. Nothing it wrote is removed. `cannot_disable_self` for your own account.',
		params: { id: 'User id.' },
		body: accountUpdateInput,
		responses: {
			200: { description: 'The new state.', schema: { type: 'object', required: ['id', 'disabledAt'], properties: { id: { type: 'string', format: 'uuid' }, disabledAt: { type: ['string', 'null'], format: 'date-time' } } } },
			400: errors[400],
			401: errors[401],
			403: errors[403],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: '/api/v1/admin/users/{id}/password-reset',
		tags: ['admin'],
		summary: 'Make a link for a colleague to choose a new password (platform administrators)',
		description: 'Valid 24 hours and once; older links of the account stop working. Journalled. Hand the link over by a channel you trust. `user_disabled` (409) for a disabled account.',
		params: { id: 'User id.' },
		responses: {
			201: { description: 'The link.', schema: { type: 'object', required: ['resetUrl', 'expiresAt'], properties: { resetUrl: { type: 'string', format: 'uri' }, expiresAt: { type: 'string', format: 'date-time' } } } },
			401: errors[401],
			403: errors[403],
			404: errors[404],
			409: errors[409]
		}
	}
]);
