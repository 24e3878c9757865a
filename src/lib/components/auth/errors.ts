/**
 * Turns the error records of the account forms (see `server/auth/forms.ts`) into messages in the
 * visitor's language, each linked to the input it concerns.
 */
import { m } from '#lib/paraglide/messages.js';

export interface FormError {
	code: string;
	field?: string;
	reason?: string;
	retryAfter?: number;
}

export interface ShownError {
	/** Id of the input to link to and mark invalid. */
	field?: string;
	message: string;
}

/** Service field paths → input ids on the pages. */
const INPUT_IDS: Record<string, string> = {
	'organisation.name': 'orgName',
	'organisation.kind': 'orgKind-buyer',
	'organisation.orgNumber': 'orgNumber',
	orgName: 'orgName',
	orgKind: 'orgKind-buyer',
	orgNumber: 'orgNumber',
	inviteToken: ''
};

function inputId(field: string | undefined, passwordField: string): string | undefined {
	if (!field) return undefined;
	if (field === 'password') return passwordField;
	const mapped = INPUT_IDS[field];
	return mapped === '' ? undefined : (mapped ?? field);
}

const REQUIRED: Record<string, () => string> = {
	email: m.auth_error_required_email,
	password: m.auth_error_required_password,
	currentPassword: m.auth_error_required_current_password,
	newPassword: m.auth_error_required_new_password,
	name: m.auth_error_required_name,
	orgName: m.auth_error_required_org_name,
	orgKind: m.auth_error_required_org_kind,
	orgNumber: m.auth_error_required_org_number
};

function message(e: FormError): string {
	switch (e.code) {
		case 'required':
			return (REQUIRED[e.field ?? ''] ?? m.auth_error_generic)();
		case 'invalid_credentials':
			return m.auth_error_invalid_credentials();
		case 'rate_limited': {
			const minutes = Math.max(1, Math.ceil((e.retryAfter ?? 60) / 60));
			return minutes === 1 ? m.auth_error_rate_limited_one() : m.auth_error_rate_limited({ minutes: String(minutes) });
		}
		case 'weak_password':
			if (e.reason === 'too_long') return m.auth_error_password_too_long();
			if (e.reason === 'common') return m.auth_error_password_common();
			return m.auth_error_password_too_short();
		case 'email_taken':
			return m.auth_error_email_taken();
		case 'invalid_org_number':
			return m.auth_error_org_number_invalid();
		case 'org_number_taken':
			return m.auth_error_org_number_taken();
		case 'invalid_invitation':
			return m.auth_error_invalid_invitation();
		case 'wrong_password':
			return m.auth_error_wrong_password();
		case 'invalid_reset_link':
			return m.auth_error_invalid_reset_link();
		case 'password_mismatch':
			return m.auth_error_password_mismatch();
		case 'cannot_disable_self':
			return m.auth_error_cannot_disable_self();
		case 'user_disabled':
			return m.auth_error_user_disabled();
		case 'not_found':
			return m.auth_error_not_found();
		case 'forbidden':
			return m.auth_error_forbidden();
		case 'invalid_request':
			if (e.field === 'email') return m.auth_error_email_invalid();
			if (e.field === 'name') return m.auth_error_required_name();
			if (e.field === 'organisation.name') return m.auth_error_required_org_name();
			if (e.field === 'organisation.kind') return m.auth_error_required_org_kind();
			return m.auth_error_generic();
		default:
			return m.auth_error_generic();
	}
}

/** Messages for a form's errors; `passwordField` is the id of the password input on that page. */
export function showErrors(errors: FormError[] | undefined, passwordField = 'password'): ShownError[] {
	return (errors ?? []).map((e) => ({ field: inputId(e.field, passwordField), message: message(e) }));
}

/** The message for one input, for the text beside it. */
export function errorFor(shown: ShownError[], id: string): string | undefined {
	return shown.find((e) => e.field === id)?.message;
}
