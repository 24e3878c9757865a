import { defineConfig } from 'vitest/config';

/**
 * Unit tests sit beside the code (`*.spec.ts`); integration tests start real servers and
 * databases (`tests/integration`). Vitest does not load the SvelteKit plugin: the code under
 * test is plain TypeScript modules.
 */
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Files share one machine with 2 cores; each starts databases and servers.
					fileParallelism: false
				}
			}
		]
	}
});
