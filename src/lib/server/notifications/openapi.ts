/** Notifications (the bell): the one module every capability notifies through. */
import { errors, registerOperations } from '../openapi.ts';

const notification = {
	type: 'object',
	required: ['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'],
	properties: {
		id: { type: 'string', format: 'uuid' },
		kind: { type: 'string' },
		title: { type: 'string' },
		body: { type: 'string' },
		link: { type: ['string', 'null'] },
		createdAt: { type: 'string', format: 'date-time' },
		readAt: { type: ['string', 'null'], format: 'date-time' }
	}
};
registerOperations([
	{
		method: 'get',
		path: '/api/v1/notifications',
		tags: ['notifications'],
		summary: "The caller's notifications, newest first, and the unread count",
		description: '`?lang=sv|en` chooses the language of title and body (default: the session language).',
		responses: {
			200: { description: 'Notifications.', schema: { type: 'object', required: ['unread', 'items'], properties: { unread: { type: 'integer' }, items: { type: 'array', items: notification } } } },
			401: errors[401]
		}
	},
	{
		method: 'post',
		path: '/api/v1/notifications/{id}/read',
		params: { id: 'Notification id' },
		tags: ['notifications'],
		summary: 'Marks one of the caller’s notifications read',
		responses: {
			200: { description: 'The new unread count.', schema: { type: 'object', properties: { unread: { type: 'integer' } } } },
			401: errors[401],
			404: errors[404]
		}
	},
	{
		method: 'post',
		path: '/api/v1/notifications/read-all',
		tags: ['notifications'],
		summary: 'Marks every notification of the caller read',
		responses: { 200: { description: 'Done.', schema: { type: 'object', properties: { unread: { type: 'integer' } } } }, 401: errors[401] }
	}
]);
