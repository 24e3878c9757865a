/**
 * End-to-end journeys in Debian's Chromium (`/usr/bin/chromium`; the test script installs it
 * with apt when missing — never `npx playwright install`).
 *
 * Playwright starts the built server (`npm run build` first; `BRYGGA_BUILD=<name>` selects
 * `.build/<name>/`) on a fixed port with a fresh embedded database and demo mode on, so the
 * demo personas exist next to the accounts the tests sign up.
 */
import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';

const build = process.env.BRYGGA_BUILD;
/** Engineers' builds (`BRYGGA_BUILD=<name>`) get their own port, so parallel runs do not collide. */
function defaultPort(): number {
	if (!build) return 4173;
	let h = 0;
	for (const c of build) h = (h * 31 + c.charCodeAt(0)) % 500;
	return 4200 + h;
}
const port = Number(process.env.E2E_PORT ?? defaultPort());
const baseURL = `http://127.0.0.1:${port}`;
// Set once in the main process; workers inherit it, so they agree on the folder.
const dataPrefix = path.resolve('.build', `e2e-data-${build ?? 'default'}-`);
process.env.BRYGGA_E2E_DATA ??= `${dataPrefix}${Date.now()}`;
const dataDir = process.env.BRYGGA_E2E_DATA;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: `.build/e2e-results${build ? `-${build}` : ''}`,
	fullyParallel: false,
	workers: process.env.CI ? 1 : 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: `.build/e2e-report${build ? `-${build}` : ''}` }]] : 'list',
	use: {
		baseURL,
		locale: 'sv-SE',
		timezoneId: 'Europe/Stockholm',
		trace: 'on-first-retry',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [
		// The first real account (the platform administrator) is signed up before any journey.
		{ name: 'setup', testMatch: /platform-admin\.setup\.ts$/ },
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] }
	],
	webServer: {
		// A fresh data folder per run (older runs' folders of this build are removed): the demo
		// seed only runs on an empty database.
		command: `rm -rf "${dataPrefix}"* && exec node_modules/.bin/node server/index.ts`,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DEMO: 'true',
			// The journeys sign up real accounts beside the demo personas on one server.
			DEMO_WITH_REAL_ACCOUNTS: 'true',
			LOG_LEVEL: 'warn',
			...(build ? { BRYGGA_BUILD: build } : {})
		}
	}
});
