/** Files: uploads checked by content, served as attachments through their purpose's policy. */
import { errors, ref, registerOperations } from '../openapi.ts';

const file = {
	type: 'object',
	required: ['id', 'name', 'mediaType', 'size', 'sha256', 'createdAt'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		name: { type: 'string' },
		mediaType: { type: 'string', description: 'Detected from the content, not from the name.' },
		size: { type: 'integer' },
		sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
		createdAt: { type: 'string', format: 'date-time' }
	}
};

registerOperations([
	{
		method: 'post',
		path: '/api/v1/files',
		tags: ['files'],
		summary: 'Uploads a file to a capability’s owner (multipart/form-data: purpose, ownerId, file)',
		description:
			'The owner’s capability decides through the policy whether the caller may add a file. The type is detected from the content: PDF, Office Open XML, OpenDocument, PNG, JPEG, GIF, WebP, plain text and CSV are accepted; HTML, SVG, archives and programs are refused. Largest size: FILES_MAX_BYTES (default 25 MB).',
		responses: {
			201: { description: 'Stored, with its SHA-256.', schema: file },
			400: errors[400],
			401: errors[401],
			404: errors[404],
			413: { description: '`file_too_large`', schema: ref('Error') },
			415: { description: '`file_type_not_allowed` or not multipart', schema: ref('Error') },
			429: { description: '`rate_limited`', schema: ref('Error') }
		}
	},
	{
		method: 'get',
		path: '/api/v1/files/{id}',
		params: { id: 'File id' },
		tags: ['files'],
		summary: 'Downloads a file as an attachment (nosniff, sandboxed), when the caller may read it',
		responses: { 200: { description: 'The bytes, `Content-Disposition: attachment`, `X-File-SHA256`.' }, 404: errors[404] }
	}
]);
