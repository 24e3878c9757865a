/** What the need editor offers as sources: the groups and cards of the initiative's workshops. */
import type { App } from '../app.ts';
import { listWorkshops, readWorkshopBoard } from '../workshops/index.ts';

export interface SourceOption {
	workshopId: string;
	title: string;
	groups: Array<{ id: string; title: string; cards: Array<{ id: string; text: string }> }>;
	loose: Array<{ id: string; text: string }>;
}

export async function sourceOptions(app: App, initiativeId: string): Promise<SourceOption[]> {
	const list = (await listWorkshops(app.db, initiativeId)).filter((w) => w.phase !== 'draft');
	return Promise.all(
		list.map(async (w) => {
			const board = await readWorkshopBoard(app, w.id);
			return {
				workshopId: w.id,
				title: w.title,
				groups: board.groups.map((g) => ({
					id: g.id,
					title: g.title,
					cards: board.cards.filter((c) => c.groupId === g.id).map((c) => ({ id: c.id, text: c.text }))
				})),
				loose: board.cards.filter((c) => !c.groupId).map((c) => ({ id: c.id, text: c.text }))
			};
		})
	);
}
