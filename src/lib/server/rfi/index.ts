/**
 * RFI rounds (marknadsdialog): a buyer team asks the market, suppliers answer, clarifications go
 * to all. Import as a namespace: `import * as rfi from '#lib/server/rfi/index.ts'`.
 * Importing this module registers the round's notifications, reminder job and file purpose.
 */
import './notify.ts';
import './reminders.ts';
import './files.ts';

export * from './access.ts';
export * from './commands.ts';
export * from './queries.ts';
export { scheduleReminders } from './reminders.ts';
