/**
 * Thresholds carry a review date: the migration gives every threshold in use one (two years after
 * it took effect, when the EU revises its thresholds), the advisor marks a threshold in use past
 * it, and the thresholds page warns. Dates are passed explicitly where the answer depends on them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testDbKind } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { listThresholds, thresholdAt } from '../../src/lib/server/advisor/index.ts';
import { auditLog, procurementThresholds } from '../../src/lib/server/db/schema/index.ts';
import { platformAdmin } from './requirements.helpers.ts';

let server: TestServer;
let buyer: TestUser;
let admin: TestUser;

function clientFor(u: TestUser): Client {
	const c = new Client(server.url);
	const [name, value] = u.cookie.split('=');
	c.setCookie(name, value);
	return c;
}

beforeAll(async () => {
	server = await startTestServer();
	const org = await makeOrganisation(server.app, 'buyer');
	buyer = await makeUser(server.app, { organisationId: org.id, name: 'Bea Beställare' });
	admin = await platformAdmin(server.app);
});
afterAll(async () => {
	await server?.stop();
});

describe(`threshold review dates on ${testDbKind()}`, () => {
	it('gives every threshold in use a review date two years after it took effect, and none to ended ones', async () => {
		const rows = await listThresholds(server.app.db);
		for (const r of rows) {
			if (r.validTo === null) {
				const from = new Date(`${r.validFrom}T00:00:00Z`);
				from.setUTCFullYear(from.getUTCFullYear() + 2);
				expect(r.reviewBy, `${r.name} ${r.purchaseKind} ${r.validFrom}`).toBe(from.toISOString().slice(0, 10));
			} else {
				expect(r.reviewBy).toBeNull();
			}
		}
	});

	it('marks the EU threshold from 1 January 2024 as past its review in December 2026, not in 2025', async () => {
		const late = await thresholdAt(server.app.db, 'eu_threshold', 'municipality_region', 'services', '2026-12-07');
		expect(late).toMatchObject({ validFrom: '2024-01-01', reviewBy: '2026-01-01', reviewOverdue: true });
		const early = await thresholdAt(server.app.db, 'eu_threshold', 'municipality_region', 'services', '2025-06-01');
		expect(early).toMatchObject({ reviewBy: '2026-01-01', reviewOverdue: false });
	});

	it('returns the review date and the overdue mark with the advice', async () => {
		const res = await clientFor(buyer).post('/api/v1/procedure-advice', {
			estimatedValueSek: 500_000,
			purchaseKind: 'services',
			buyerKind: 'municipality_region',
			marketSituation: 'exists',
			needsRnd: false
		});
		expect(res.status).toBe(200);
		const advice = await res.json();
		for (const t of advice.thresholdsUsed) {
			expect(t.reviewBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(t.reviewOverdue).toBe(new Date().toISOString().slice(0, 10) > t.reviewBy);
		}
	});

	it('lets the administrator set a review date, journalled, and the thresholds page warns while one in use is past it', async () => {
		const [row] = await server.app.db.select().from(procurementThresholds).where(eq(procurementThresholds.validFrom, '2024-01-01')).limit(1);
		const page = async () => (await clientFor(buyer).request('GET', '/admin/thresholds', undefined, { accept: 'text/html' })).text();
		const overdueNow = (await listThresholds(server.app.db)).filter((t) => t.validTo === null && t.reviewBy !== null && t.reviewBy < new Date().toISOString().slice(0, 10));
		if (overdueNow.length) expect(await page()).toContain('data-testid="thresholds-review-overdue"');

		const put = await clientFor(admin).request('PUT', `/api/v1/thresholds/${row.id}`, {
			name: row.name,
			buyerKind: row.buyerKind,
			purchaseKind: row.purchaseKind,
			sek: row.sek,
			validFrom: row.validFrom,
			validTo: row.validTo,
			reviewBy: '2099-01-01',
			source: row.source
		});
		expect(put.status).toBe(200);
		expect((await put.json()).reviewBy).toBe('2099-01-01');
		const journal = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'threshold.updated'));
		expect(journal.map((j) => (j.data as { after: { reviewBy: string } }).after.reviewBy)).toContain('2099-01-01');
		const bad = await clientFor(admin).request('PUT', `/api/v1/thresholds/${row.id}`, { name: row.name, buyerKind: null, purchaseKind: null, sek: 1, validFrom: '2024-01-01', validTo: null, reviewBy: '1 jan', source: 'Källa' });
		expect(bad.status).toBe(400);
	});
});
