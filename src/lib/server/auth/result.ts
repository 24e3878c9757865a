/**
 * Expected failures of the account and organisation services, as values. API routes turn a
 * `Failure` into `{error:{code,message}}` with its status; form actions into `fail(status, …)`
 * where the page shows the message for `code` (and `reason`) in the user's language.
 */
import type { z } from 'zod';

export interface Failure {
	status: number;
	/** Stable machine code, e.g. `weak_password`, `email_taken`. */
	code: string;
	/** Swedish explanation (the API's language). */
	message: string;
	/** Which input it concerns, as a dotted path (`email`, `organisation.orgNumber`). */
	field?: string;
	/** A finer reason within the code, e.g. `too_short` for `weak_password`. */
	reason?: string;
	/** For 429: seconds until trying again makes sense. */
	retryAfter?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = <T = never>(f: Failure): Result<T> => ({ ok: false, failure: f });

/** Validates with a zod schema; the first problem becomes a 400 `invalid_request`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return ok(parsed.data);
	const issue = parsed.error.issues[0];
	const field = issue.path.join('.');
	return failure({ status: 400, code: 'invalid_request', message: `${field ? field + ': ' : ''}${issue.message}`, field: field || undefined });
}
