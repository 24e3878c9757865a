/**
 * Form-action helpers: reading text fields and turning service failures into the small,
 * serialisable error records the pages render (in the visitor's language) in an error summary.
 */
import type { Failure } from './result.ts';
import { email } from './schemas.ts';
import { passwordProblem } from './password.ts';
import { normaliseOrgNumber } from '../organisations/org-number.ts';

/** One problem to show; `field` is the service's field path, which the page maps to an input. */
export interface FormError {
	code: string;
	field?: string;
	reason?: string;
	retryAfter?: number;
}

/** A text field of a form; anything else (missing, a file) reads as empty. */
export function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

/** `required` errors for every named field left empty (whitespace counts as empty). */
export function required(values: Record<string, string>, names: string[]): FormError[] {
	return names.filter((n) => !values[n]?.trim()).map((field) => ({ code: 'required', field }));
}

export function fromFailure(f: Failure): FormError {
	return { code: f.code, field: f.field, reason: f.reason, retryAfter: f.retryAfter };
}

/**
 * Problems with the filled-in fields of a sign-up form that can be found without the database,
 * so a person sees all of them at once rather than one per submission. The service checks the
 * same rules again (and more); this only improves the first answer.
 */
export function fieldProblems(values: { email?: string; password?: string; orgNumber?: string }): FormError[] {
	const errors: FormError[] = [];
	if (values.email && !email.safeParse(values.email).success) errors.push({ code: 'invalid_request', field: 'email' });
	if (values.password) {
		const problem = passwordProblem(values.password);
		if (problem) errors.push({ code: 'weak_password', field: 'password', reason: problem });
	}
	if (values.orgNumber && !normaliseOrgNumber(values.orgNumber)) errors.push({ code: 'invalid_org_number', field: 'organisation.orgNumber' });
	return errors;
}
