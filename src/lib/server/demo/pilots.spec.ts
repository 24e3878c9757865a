import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, isNull } from 'drizzle-orm';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { pilotValues, pilots } from '../db/schema/index.ts';
import { seedDemo } from './seed.ts';
import { seedDemoRfi } from './rfi.ts';
import { seedDemoPilot } from './pilots.ts';

let app: App;

beforeAll(async () => {
	app = await createApp({ config: loadConfig({ DEMO: 'true', DATA_DIR: 'memory://', LOG_LEVEL: 'error' }) });
	await seedDemo(app);
	await seedDemoRfi(app);
}, 60_000);

afterAll(async () => {
	await app?.close();
});

describe('the demo pilot', () => {
	it('runs in the demo initiative with months of values, the last one awaiting confirmation, and is seeded once', async () => {
		await seedDemoPilot(app);
		await seedDemoPilot(app);
		const rows = await app.db.select().from(pilots);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ title: 'Torra entréer på tre förskolor', route: 'direct_award', valueSek: 180_000 });
		expect(rows[0].activities.length).toBeGreaterThan(2);
		const [{ n }] = await app.db.select({ n: count() }).from(pilotValues);
		expect(n).toBe(8);
		const waiting = await app.db.select().from(pilotValues).where(isNull(pilotValues.confirmedAt));
		expect(waiting).toHaveLength(1);
		expect(waiting[0].reportedByOrganisationId).not.toBeNull();
	}, 30_000);
});
