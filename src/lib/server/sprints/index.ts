/**
 * Innovation sprints (issue 15): isolated supplier rooms with identical buyer inputs, the five
 * stages started from one console, questions answered to all rooms, the parity report and the
 * sprint log. Import as a namespace: `import * as sprints from '#lib/server/sprints/index.ts'`.
 */
export * from './access.ts';
export * from './stages.ts';
export * from './stage.ts';
export * from './templates.ts';
export * from './log-sections.ts';
