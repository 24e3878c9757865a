/**
 * Tender rounds (anbudsgivning, issue 14): a buyer team publishes a round, suppliers submit sealed
 * tenders, two openers open them, evaluators score after declaring no conflict of interest, and the
 * award starts the standstill. Import as a namespace: `import * as tenders from '#lib/server/tenders/index.ts'`.
 * Importing this module registers the round's notifications and its file purpose.
 */
import './notify.ts';
import './files.ts';

export * from './access.ts';
export * from './commands.ts';
export * from './queries.ts';
export * from './drafts.ts';
export { eligibilityOf } from './eligibility.ts';
export { verifySubmissions, type OpenedSubmission } from './content.ts';
export { TENDER_ATTACHMENT } from './files.ts';
