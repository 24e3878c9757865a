import { describe, expect, it } from 'vitest';
import { buildDocument, operations } from '../openapi.ts';
import './openapi.ts';
import '../organisations/openapi.ts';

describe('the account and organisation part of the OpenAPI document', () => {
	it('describes every account, organisation and admin endpoint the server has', () => {
		const ops = operations().map((o) => `${o.method.toUpperCase()} ${o.path}`);
		for (const op of [
			'POST /api/v1/auth/signup',
			'POST /api/v1/auth/login',
			'POST /api/v1/auth/logout',
			'GET /api/v1/me',
			'PATCH /api/v1/me',
			'POST /api/v1/me/password',
			'GET /api/v1/me/sessions',
			'DELETE /api/v1/me/sessions/{id}',
			'GET /api/v1/organisation',
			'GET /api/v1/organisation/invitations',
			'POST /api/v1/organisation/invitations',
			'GET /api/v1/admin/outbox',
			'POST /api/v1/auth/password-reset',
			'POST /api/v1/auth/password-reset/{token}',
			'GET /api/v1/admin/users',
			'PATCH /api/v1/admin/users/{id}',
			'POST /api/v1/admin/users/{id}/password-reset'
		]) {
			expect(ops).toContain(op);
		}
	});

	it('takes the password-change body from the schema the endpoint validates with', () => {
		const doc = buildDocument();
		const body = (doc.paths['/api/v1/me/password'].post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } }).requestBody
			.content['application/json'].schema;
		expect(body.required).toEqual(['currentPassword', 'newPassword']);
	});
});
