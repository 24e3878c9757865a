/**
 * JSON API plumbing: one error shape `{error:{code,message}}`, body parsing that never throws a
 * 500 for bad input, and the mapping from policy refusals to 404/403.
 *
 * Expected failures are values (`ApiError`); anything else is a bug and becomes a generic 500
 * through `handleError` (no stack traces to clients).
 */
import { isHttpError, isRedirect, json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { decide, type Action, type Actor, type Target, type UserActor } from '../access/policy.ts';
import { findTextProblem, TEXT_MESSAGES } from './text.ts';

export class ApiError extends Error {
	status: number;
	code: string;
	constructor(status: number, code: string, message: string) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

export function errorResponse(status: number, code: string, message: string, headers?: Record<string, string>): Response {
	return json({ error: { code, message } }, { status, headers });
}

/** The generic refusals, in Swedish first (the API's consumers are Swedish public bodies). */
export const notFound = () => new ApiError(404, 'not_found', 'Finns inte.');
export const forbidden = () => new ApiError(403, 'forbidden', 'Du har inte behörighet till detta.');
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Du behöver logga in.');

/** Signed-in user or a 401. */
export function requireUser(actor: Actor): UserActor {
	if (actor.kind !== 'user') throw unauthenticated();
	return actor;
}

/** Asks the policy; throws 404 when the actor may not know the target exists, 403 when they may see but not do. */
export function authorize(actor: Actor, action: Action, target: Target | null): void {
	if (!target) throw notFound();
	const verdict = decide(actor, action, target);
	if (verdict === 'not_found') throw notFound();
	if (verdict === 'forbidden') throw forbidden();
}

const MAX_JSON_BYTES = 256 * 1024;

/**
 * Reads and validates a JSON body. Wrong content type → 415, unreadable JSON → 400
 * `malformed_json`, a string anywhere in the body that cannot be stored as text (lone
 * surrogate, control character: see `text.ts`) → 400 `invalid_text`, schema mismatch → 400
 * `invalid_request` (or the issue's own code when a refinement sets `params.code`), with the
 * first problem described. The text check runs before the schema, so no endpoint can forget it.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') {
		throw new ApiError(415, 'unsupported_media_type', 'Skicka JSON (Content-Type: application/json).');
	}
	const text = await request.text();
	if (text.length > MAX_JSON_BYTES) throw new ApiError(413, 'payload_too_large', 'Förfrågan är för stor.');
	let body: unknown;
	try {
		body = text.length ? JSON.parse(text) : {};
	} catch {
		throw new ApiError(400, 'malformed_json', 'Förfrågan innehåller ogiltig JSON.');
	}
	const bad = findTextProblem(body);
	if (bad) {
		const where = bad.path.length ? `${bad.path.join('.')}: ` : '';
		throw new ApiError(400, 'invalid_text', `${where}${TEXT_MESSAGES[bad.problem]}`);
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const code = (issue as { params?: { code?: string } }).params?.code ?? 'invalid_request';
		const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
		throw new ApiError(400, code, `${where}${issue.message}`);
	}
	return parsed.data;
}

type Handler = (event: RequestEvent) => Promise<Response> | Response;

/**
 * Wraps an endpoint so that `ApiError`s become JSON error responses and anything unexpected a
 * generic JSON 500 with an id to quote (the details go to the log only).
 */
export function endpoint(handler: Handler): Handler {
	return async (event) => {
		try {
			return await handler(event);
		} catch (err) {
			if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message);
			if (isHttpError(err) || isRedirect(err)) throw err;
			const id = crypto.randomUUID();
			event.locals.app?.log.error('api.unhandled', {
				id,
				path: event.url.pathname,
				error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
				stack: err instanceof Error ? err.stack : undefined
			});
			return errorResponse(500, 'internal', `Ett oväntat fel inträffade (id ${id}).`);
		}
	};
}
