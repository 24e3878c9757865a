/** The whole schema, one file per module. drizzle-kit reads this file. */
export * from './accounts.ts';
export * from './initiatives.ts';
export * from './audit.ts';
export * from './collab.ts';
export * from './mail.ts';
export * from './workshops.ts';
export * from './needs.ts';
export * from './requirements.ts';
export * from './idempotency.ts';
export * from './jobs.ts';
export * from './notifications.ts';
export * from './files.ts';
export * from './market.ts';
export * from './rfi.ts';
export * from './tenders.ts';
export * from './sprints.ts';
export * from './sprint-boards.ts';
