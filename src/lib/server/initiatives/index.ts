/**
 * The initiatives module: initiatives, their owning organisations, members, invitations and
 * contributors. Routes import it as a namespace (`import * as initiatives from ...`) and stay thin.
 */
export * from './validation.ts';
export * from './queries.ts';
export * from './commands.ts';
export * from './invitations.ts';
export * from './co-owners.ts';
export * from './access.ts';
