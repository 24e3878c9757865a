/**
 * The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`.
 *
 * A small registry: each module describes its own operations in `src/lib/server/<module>/openapi.ts`
 * by calling `registerOperations([...])`; the route loads every such file (Vite glob), so a new
 * module documents itself without editing this one. Request bodies are given as the zod schemas
 * the endpoints validate with, and converted with `z.toJSONSchema`, so the document cannot drift
 * from what the server accepts. This file itself describes the foundation's contract (issue 2):
 * accounts, organisation, me, outbox, health and the live-document socket.
 */
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;
type SchemaLike = z.ZodType | JsonSchema;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
	method: Method;
	/** OpenAPI path with `{param}` placeholders, e.g. `/api/v1/initiatives/{id}`. */
	path: string;
	summary: string;
	description?: string;
	tags: string[];
	/** Needs a session cookie (default true). */
	auth?: boolean;
	/** Path parameters: name → description. */
	params?: Record<string, string>;
	/** Query parameters: name → schema and description. */
	query?: Record<string, { description: string; schema: JsonSchema; required?: boolean }>;
	/** Request headers the operation reads (e.g. `Idempotency-Key`). */
	headers?: Record<string, { description: string; schema: JsonSchema; required?: boolean }>;
	/** JSON request body, as the zod schema the endpoint validates with. */
	body?: SchemaLike;
	/** Status → description, and the JSON body (or another media type) when there is one. */
	responses: Record<string, { description: string; schema?: SchemaLike; contentType?: string }>;
}

const registry = new Map<string, Operation>();

/** Adds or replaces operations (keyed by method and path, so reloading a module is harmless). */
export function registerOperations(ops: Operation[]): void {
	for (const op of ops) registry.set(`${op.method} ${op.path}`, op);
}

/** Every registered operation, for tests and tooling. */
export function operations(): Operation[] {
	return [...registry.values()];
}

function toSchema(s: SchemaLike): JsonSchema {
	if (s instanceof z.ZodType) {
		const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
		return rest;
	}
	return s;
}

/** Shared response schemas, referenced as `#/components/schemas/<name>`. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const errorSchema: JsonSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string', description: 'Stable machine-readable code, e.g. `not_found`, `forbidden`, `malformed_json`.' },
				message: { type: 'string', description: 'Human-readable explanation, in Swedish.' }
			}
		}
	}
};

const id = { type: 'string', format: 'uuid' };
const components: Record<string, JsonSchema> = {
	Error: errorSchema,
	UserRef: { type: 'object', required: ['id', 'name'], properties: { id, name: { type: 'string' } } },
	User: { type: 'object', required: ['id', 'email', 'name'], properties: { id, email: { type: 'string', format: 'email' }, name: { type: 'string' } } },
	Organisation: {
		type: 'object',
		required: ['id', 'name', 'kind'],
		properties: { id, name: { type: 'string' }, kind: { enum: ['buyer', 'supplier'] } }
	}
};

/** Registers a shared schema under `#/components/schemas/<name>`. */
export function registerSchema(name: string, schema: SchemaLike): void {
	components[name] = toSchema(schema);
}

/** Standard error responses, to spread into `responses`. */
export const errors = {
	400: {
		description:
			'Invalid request: malformed JSON, wrong types, text that cannot be stored (`invalid_text`: a lone UTF-16 surrogate or a control character anywhere in the body or query; tab and line breaks only in multi-line fields) or a domain rule (see `error.code`).',
		schema: ref('Error')
	},
	401: { description: 'Not signed in.', schema: ref('Error') },
	403: { description: 'Visible, but not allowed for the caller.', schema: ref('Error') },
	404: { description: 'Does not exist, or the caller may not know that it exists.', schema: ref('Error') },
	409: { description: 'Conflicts with the current state (see `error.code`).', schema: ref('Error') },
	410: { description: 'No longer valid (see `error.code`).', schema: ref('Error') },
	415: { description: 'Body is not `application/json`.', schema: ref('Error') },
	429: { description: 'Too many attempts; see `Retry-After`.', schema: ref('Error') }
} as const;

function operationObject(op: Operation) {
	const parameters: JsonSchema[] = [];
	for (const [name, description] of Object.entries(op.params ?? {})) {
		parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
	}
	for (const [name, q] of Object.entries(op.query ?? {})) {
		parameters.push({ name, in: 'query', required: q.required ?? false, description: q.description, schema: q.schema });
	}
	for (const [name, h] of Object.entries(op.headers ?? {})) {
		parameters.push({ name, in: 'header', required: h.required ?? false, description: h.description, schema: h.schema });
	}
	const responses: Record<string, JsonSchema> = {};
	for (const [status, r] of Object.entries(op.responses)) {
		responses[status] = r.schema
			? { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: toSchema(r.schema) } } }
			: { description: r.description };
	}
	return {
		summary: op.summary,
		...(op.description ? { description: op.description } : {}),
		tags: op.tags,
		operationId: `${op.method}_${op.path.replace(/^\/api\/v1\//, '').replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+/g, '_')}`,
		...(parameters.length ? { parameters } : {}),
		...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body) } } } } : {}),
		responses,
		security: op.auth === false ? [] : [{ session: [] }]
	};
}

/** The whole document. `serverUrl` is the origin the API is served from. */
export function buildDocument(opts: { serverUrl?: string } = {}) {
	const paths: Record<string, Record<string, unknown>> = {};
	const ops = operations().sort((a, b) => a.path.localeCompare(b.path));
	for (const op of ops) (paths[op.path] ??= {})[op.method] = operationObject(op);
	return {
		openapi: '3.1.0',
		info: {
			title: 'Brygga API',
			version: '1',
			description:
				'JSON API of Brygga, a platform for innovation procurement by Swedish municipalities and regions. ' +
				'Errors are always `{"error":{"code","message"}}`. Requests that change state from a browser must come from the same origin. ' +
				'Live documents (project brief, requirements, workshop boards) are edited over the y-websocket protocol at `GET /yjs/{docName}` ' +
				'(a WebSocket upgrade authenticated by the session cookie; see that path).'
		},
		servers: opts.serverUrl ? [{ url: opts.serverUrl }] : [],
		tags: [
			{ name: 'auth', description: 'Accounts and sessions' },
			{ name: 'organisation', description: "The caller's organisation and its invitations" },
			{ name: 'initiatives', description: 'Initiatives, members and invitations' },
			{ name: 'journal', description: "An initiative's append-only, hash-chained journal" },
			{ name: 'documents', description: 'Live documents and their authorship ledger' },
			{ name: 'workshops', description: 'Needs workshops: join codes, cards, votes, phases and results' },
			{ name: 'needs', description: 'The needs register of an initiative, with indicators and sources' },
			{ name: 'requirements', description: 'Requirements draft, published versions and their differences' },
			{ name: 'conflicts', description: 'Conflicts-of-interest register from the authorship ledger' },
			{ name: 'advisor', description: 'Procedure advisor and dated procurement thresholds' },
			{ name: 'rfi', description: 'RFI rounds (market dialogue): questions, supplier answers, clarifications to all, analysis' },
			{ name: 'tenders', description: 'Tender rounds: sealed tenders, conflicts of interest, opening, evaluation, award and standstill' },
			{ name: 'sprints', description: 'Innovation sprints: isolated supplier rooms, identical inputs, stages, questions to all, the parity report and the sprint log' },
			{ name: 'notifications', description: "The caller's notifications (the bell)" },
			{ name: 'files', description: 'Uploads, checked by content and served as attachments through the policy' },
			{ name: 'admin', description: 'Platform administration' },
			{ name: 'system', description: 'Health and metadata' }
		],
		paths,
		components: {
			schemas: components,
			securitySchemes: {
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: 'brygga_session',
					description: 'Session cookie set by signup and login (`__Host-brygga_session` when served over https).'
				}
			}
		}
	};
}

// ---- The foundation's contract (issue 2). Modules with their own schemas register in their own openapi.ts.

const orgNumber = z.string().describe('Swedish organisation number, `NNNNNN-NNNN` (the Luhn check digit is verified).');
const signupBody = z.union([
	z.object({
		email: z.email(),
		password: z.string().min(12).max(256).describe('12–256 characters; the most common passwords are refused.'),
		name: z.string().min(1).max(200),
		organisation: z.object({ name: z.string().min(1), kind: z.enum(['buyer', 'supplier']), orgNumber })
	}),
	z.object({
		email: z.email(),
		password: z.string().min(12).max(256),
		name: z.string().min(1).max(200),
		inviteToken: z.string().describe("Last path segment of the organisation invitation's `inviteUrl`.")
	})
]);
const userAndOrg = { type: 'object', properties: { user: ref('User'), organisation: ref('Organisation') } };

registerOperations([
	{
		method: 'post',
		path: '/api/v1/auth/signup',
		tags: ['auth'],
		auth: false,
		summary: 'Create an account',
		description:
			'Registers a new organisation with its first user (who becomes its administrator), or — with `inviteToken` — joins an organisation that invited the address. The first account on an installation is platform administrator. Sets the session cookie.',
		body: signupBody,
		responses: {
			201: { description: 'Created and signed in.', schema: userAndOrg },
			400: { description: 'Invalid (e.g. `weak_password`, `invalid_org_number`).', schema: ref('Error') },
			409: { description: 'The email address is taken.', schema: ref('Error') }
		}
	},
	{
		method: 'post',
		path: '/api/v1/auth/login',
		tags: ['auth'],
		auth: false,
		summary: 'Sign in',
		body: z.object({ email: z.email(), password: z.string() }),
		responses: {
			200: { description: 'Signed in; sets a new session cookie.', schema: { type: 'object', properties: { user: ref('User') } } },
			400: errors[400],
			401: { description: '`invalid_credentials` — the same for an unknown address and a wrong password.', schema: ref('Error') },
			429: errors[429]
		}
	},
	{
		method: 'post',
		path: '/api/v1/auth/logout',
		tags: ['auth'],
		summary: 'Sign out (ends the session server-side and closes its live connections)',
		responses: { 204: { description: 'Signed out.' } }
	},
	{
		method: 'get',
		path: '/api/v1/me',
		tags: ['auth'],
		summary: 'The signed-in user and their organisation',
		responses: { 200: { description: 'The caller.', schema: userAndOrg }, 401: errors[401] }
	},
	{
		method: 'post',
		path: '/api/v1/organisation/invitations',
		tags: ['organisation'],
		summary: 'Invite a colleague into the organisation (organisation administrators)',
		description: 'The colleague signs up with `{email, password, name, inviteToken}`, where the token is the last path segment of `inviteUrl`.',
		body: z.object({ email: z.email() }),
		responses: {
			201: { description: 'Invitation created and mailed.', schema: { type: 'object', required: ['inviteUrl'], properties: { inviteUrl: { type: 'string', format: 'uri' } } } },
			400: errors[400],
			401: errors[401],
			403: errors[403]
		}
	},
	{
		method: 'get',
		path: '/api/v1/admin/outbox',
		tags: ['admin'],
		summary: 'Outgoing mail as stored in the outbox (platform administrators)',
		responses: {
			200: {
				description: 'Newest first.',
				schema: {
					type: 'array',
					items: {
						type: 'object',
						required: ['to', 'subject', 'body', 'createdAt'],
						properties: { to: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } }
					}
				}
			},
			401: errors[401],
			403: errors[403]
		}
	},
	{
		method: 'get',
		path: '/healthz',
		tags: ['system'],
		auth: false,
		summary: 'Health check',
		responses: {
			200: { description: 'The database answers.', schema: { type: 'object', properties: { status: { const: 'ok' } } } },
			503: { description: 'The database does not answer.' }
		}
	},
	{
		method: 'get',
		path: '/api/v1/openapi.json',
		tags: ['system'],
		auth: false,
		summary: 'This document',
		responses: { 200: { description: 'OpenAPI 3.1 document.', schema: { type: 'object' } } }
	},
	{
		method: 'get',
		path: '/yjs/{docName}',
		tags: ['documents'],
		summary: 'Live document (WebSocket, y-websocket protocol)',
		description:
			'Upgrade to a WebSocket speaking the y-websocket protocol (sync + awareness). `docName` is `<kind>.<uuid>`, e.g. `brief.<initiative id>` or `requirements.<initiative id>`; unknown kinds and ids are refused. ' +
			'The session cookie is checked on upgrade and the Origin must be our own; refusals are HTTP 401/403 on upgrade or close codes 4401/4403 before any content is sent. ' +
			'Readers (observers) receive everything, but their updates are dropped. Accepted updates are stored, with their author, before they are broadcast. ' +
			'Presence carries the server-known name in `user.name`. When access changes (role, removal, phase) the socket is closed with a dedicated code and the client reconnects to be checked again. Messages above 1 MiB close the connection.',
		params: { docName: '`<kind>.<uuid>`' },
		responses: {
			101: { description: 'Switching protocols.' },
			401: { description: 'Not signed in.' },
			403: { description: 'Not allowed, or a cross-origin request.' },
			404: { description: 'Unknown document.' }
		}
	}
]);
