import { describe, expect, it } from 'vitest';
import { buildDocument, operations } from '../openapi.ts';
import './openapi.ts';

describe('the OpenAPI document', () => {
	const doc = buildDocument({ serverUrl: 'https://brygga.example' });

	it('is OpenAPI 3.1 with every operation of the initiatives contract', () => {
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.servers).toEqual([{ url: 'https://brygga.example' }]);
		const ops = operations().map((o) => `${o.method.toUpperCase()} ${o.path}`);
		for (const op of [
			'GET /api/v1/initiatives',
			'POST /api/v1/initiatives',
			'GET /api/v1/initiatives/{id}',
			'PATCH /api/v1/initiatives/{id}',
			'POST /api/v1/initiatives/{id}/invitations',
			'POST /api/v1/invitations/{token}/accept',
			'PATCH /api/v1/initiatives/{id}/members/{userId}',
			'DELETE /api/v1/initiatives/{id}/members/{userId}',
			'GET /api/v1/initiatives/{id}/audit',
			'GET /api/v1/initiatives/{id}/audit/verify',
			'GET /api/v1/docs/{docName}/contributors',
			'POST /api/v1/auth/signup',
			'GET /api/v1/admin/outbox',
			'GET /healthz',
			'GET /yjs/{docName}'
		]) {
			expect(ops).toContain(op);
		}
	});

	it('takes request bodies from the zod schemas the endpoints validate with', () => {
		const invite = (doc.paths['/api/v1/initiatives/{id}/invitations'].post as { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } })
			.requestBody.content['application/json'].schema as { required: string[]; properties: Record<string, { enum?: string[] }> };
		expect(invite.required).toEqual(expect.arrayContaining(['email', 'role']));
		expect(invite.properties.role.enum).toEqual(['process_leader', 'team', 'observer']);
	});

	it('declares path parameters and resolvable component references', () => {
		const get = doc.paths['/api/v1/initiatives/{id}'].get as { parameters: Array<{ name: string; in: string; required: boolean }> };
		expect(get.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
		const refs = JSON.stringify(doc).match(/#\/components\/schemas\/(\w+)/g) ?? [];
		for (const ref of new Set(refs)) expect(doc.components.schemas).toHaveProperty(ref.split('/').pop()!);
	});
});
