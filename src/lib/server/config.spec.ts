import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
	it('defaults to the embedded database in ./data with demo mode on', () => {
		const c = loadConfig({});
		expect(c.PORT).toBe(3000);
		expect(c.DATA_DIR).toBe('./data');
		expect(c.DATABASE_URL).toBeUndefined();
		expect(c.demo).toBe(true);
		expect(c.secureCookies).toBe(false);
		expect(c.SESSION_IDLE_MINUTES).toBe(60);
		expect(c.SESSION_ABSOLUTE_HOURS).toBe(12);
		expect(c.COLLAB_MAX_MESSAGE_BYTES).toBe(1024 * 1024);
	});

	it('turns demo mode off by default when a PostgreSQL URL is given, unless DEMO says otherwise', () => {
		expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).demo).toBe(false);
		expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', DEMO: 'true' }).demo).toBe(true);
		expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
	});

	it('uses secure cookies when the public origin is https', () => {
		expect(loadConfig({ ORIGIN: 'https://brygga.example.se' }).secureCookies).toBe(true);
		expect(loadConfig({ ORIGIN: 'http://localhost:3000' }).secureCookies).toBe(false);
	});

	it('treats empty variables as unset', () => {
		expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
	});

	it('refuses invalid values with every problem named', () => {
		expect(() => loadConfig({ PORT: 'many', ORIGIN: 'not a url' })).toThrow(/PORT[\s\S]*ORIGIN|ORIGIN[\s\S]*PORT/);
		expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO/);
	});
});
