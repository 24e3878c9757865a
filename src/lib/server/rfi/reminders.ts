/**
 * Reminders before each deadline of a published round — 72 h and 24 h before the question
 * deadline and before the answer deadline — to the users of participating organisations that
 * have not submitted. Scheduled as durable jobs in the transaction that publishes or moves the
 * round; a job carries the deadline it was made for and does nothing if the deadline has moved
 * since (the move scheduled its own).
 */
import { eq } from 'drizzle-orm';
import { rfis } from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import { registerJob, schedule, cancel } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { notSubmittedUserIds } from './notify.ts';

const HOUR = 3_600_000;
export const REMINDER_HOURS = [72, 24] as const;
type Deadline = 'questions' | 'answers';

const key = (rfiId: string, deadline: Deadline, hours: number) => `rfi:${rfiId}:${deadline}:${hours}h`;

/** (Re)schedules the reminders of a round; reminders whose time has already passed are not sent late. */
export async function scheduleReminders(app: App, tx: Tx, rfi: { id: string; questionsDeadline: Date; answersDeadline: Date }): Promise<void> {
	const now = app.clock.now().getTime();
	await cancel(tx, `rfi:${rfi.id}:`);
	for (const deadline of ['questions', 'answers'] as const) {
		const at = deadline === 'questions' ? rfi.questionsDeadline : rfi.answersDeadline;
		for (const hours of REMINDER_HOURS) {
			const runAt = new Date(at.getTime() - hours * HOUR);
			if (runAt.getTime() <= now) continue;
			await schedule(tx, { kind: 'rfi.reminder', key: key(rfi.id, deadline, hours), runAt, payload: { rfiId: rfi.id, deadline, at: at.toISOString(), hours } });
		}
	}
}

registerJob('rfi.reminder', async ({ app, tx, job }) => {
	const { rfiId, deadline, at } = job.payload as { rfiId: string; deadline: Deadline; at: string };
	const [rfi] = await tx.select().from(rfis).where(eq(rfis.id, rfiId));
	if (!rfi?.publishedAt) return;
	const current = deadline === 'questions' ? rfi.questionsDeadline : rfi.answersDeadline;
	if (current.toISOString() !== at) return;
	await notify(app, tx, {
		userIds: await notSubmittedUserIds(tx, rfi.id),
		kind: 'rfi.reminder',
		data: { title: rfi.title, deadline, at },
		link: `/rfis/${rfi.id}`
	});
});
