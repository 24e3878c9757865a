/**
 * Innovation sprints (issue 15): isolated supplier rooms with identical buyer inputs, the five
 * stages started from one console, questions answered to all rooms, the parity report and the
 * sprint log. Importing this module registers the sprint's notifications and file purpose.
 * Import as a namespace: `import * as sprints from '#lib/server/sprints/index.ts'`.
 */
import './notify.ts';
import './files.ts';
import './register.ts';

export * from './access.ts';
export * from './commands.ts';
export * from './queries.ts';
export { parityReport, parityDocument, type ParityReport } from './parity.ts';
export { sprintLogDocument, STAGE_SV } from './log.ts';
export { SPRINT_TERMS, TERMS_SHA256 } from './terms.ts';
export * from './stages.ts';
export * from './stage.ts';
export * from './templates.ts';
export * from './log-sections.ts';
