/**
 * Runs before every journey (Playwright project dependency): signs up the installation's first
 * real account, who thereby becomes platform administrator — the journeys that use the admin
 * pages sign in as her, since the demo personas never administer the platform.
 */
import { expect, test as setup } from '@playwright/test';
import { orgNumber } from './helpers/accounts.ts';
import { PLATFORM_ADMIN } from './helpers/admin.ts';

setup('the first real account on the installation becomes platform administrator', async ({ request, baseURL }) => {
	const res = await request.post('/api/v1/auth/signup', {
		headers: { origin: baseURL! },
		data: {
			email: PLATFORM_ADMIN.email,
			password: PLATFORM_ADMIN.password,
			name: PLATFORM_ADMIN.name,
			organisation: { name: 'Plattformens förvaltning', kind: 'buyer', orgNumber: orgNumber('buyer') }
		}
	});
	expect(res.status()).toBe(201);
	const me = await (await request.get('/api/v1/me')).json();
	expect(me.user.platformAdmin).toBe(true);
});
