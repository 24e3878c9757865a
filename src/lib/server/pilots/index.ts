/**
 * Pilots (issue 16): the pilot plan, measurement against baseline and target, the go/no-go and
 * the scale-up plan. Import as a namespace: `import * as pilots from '#lib/server/pilots/index.ts'`.
 * Importing this module registers the pilots' notification, report section and template part.
 */
import './notify.ts';
import './register.ts';

export * from './access.ts';
export * from './commands.ts';
export * from './queries.ts';
export { indicatorStatus } from './status.ts';
export { parseValuesCsv } from './values-csv.ts';
