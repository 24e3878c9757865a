/**
 * A room's sprint log (the outcome of the room): the challenge, the stages as run, the decisions
 * and findings recorded in the room (findings link back to needs and forward to the requirement
 * change proposals they opened, with each proposal's status), and what the stage boards contribute (`log-sections.ts`). One document,
 * rendered as Word and as a printable page, so the two never differ.
 *
 * Holds one room's content only: it is read by that room's supplier and the buyer team.
 */
import { eq, inArray } from 'drizzle-orm';
import { initiatives, needs, organisations, type ProposalStatus } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import type { Actor } from '../access/policy.ts';
import type { Block, ExportDocument } from '../exports/document.ts';
import { para, slug, swedishDateTime } from '../exports/document.ts';
import type { RoomContext } from './access.ts';
import { contributedBlocks } from './log-sections.ts';
import { roomInputs, roomLogEntries } from './queries.ts';
import { SPRINT_STAGES, type SprintStage } from './stages.ts';

/** A proposal's status as the log prints it (Swedish, like the rest of the document). */
const PROPOSAL_STATUS_SV: Record<ProposalStatus, string> = { open: 'öppet', accepted: 'godtaget', rejected: 'avslaget', withdrawn: 'återtaget' };

export const STAGE_SV: Record<SprintStage, string> = { map: 'Kartlägg', sketch: 'Skissa', decide: 'Besluta', prototype: 'Prototyp', test: 'Testa' };

/** Builds the log of the room in `ctx` for `viewer` (who has been allowed to read the room). */
export async function sprintLogDocument(app: App, viewer: Actor, ctx: RoomContext): Promise<ExportDocument> {
	const { db } = app;
	const { sprint, room } = ctx;
	const [ini] = await db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, sprint.initiativeId)).limit(1);
	const [org] = room.organisationId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, room.organisationId)).limit(1) : [];
	const entries = await roomLogEntries(db, room.id);
	const inputs = await roomInputs(db, viewer, room.id);
	const needIds = [...new Set([...sprint.needIds, ...entries.flatMap((e) => e.needIds)])];
	const needRows = needIds.length ? await db.select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, needIds)) : [];
	const needTitle = new Map(needRows.map((n) => [n.id, n.title]));

	const blocks: Block[] = [{ kind: 'heading', level: 1, text: 'Utmaningen' }, { kind: 'field', label: 'Långsiktigt mål', value: sprint.goal }];
	if (sprint.questions.length) {
		blocks.push({ kind: 'heading', level: 2, text: 'Sprintfrågor' }, { kind: 'list', ordered: true, items: sprint.questions.map((q) => ({ runs: [{ text: q }], level: 0 })) });
	}
	if (sprint.needIds.length) {
		blocks.push({ kind: 'heading', level: 2, text: 'Behov' }, { kind: 'list', ordered: false, items: sprint.needIds.map((id) => ({ runs: [{ text: needTitle.get(id) ?? id }], level: 0 })) });
	}
	if (sprint.requirementsVersion) blocks.push({ kind: 'field', label: 'Kravversion', value: String(sprint.requirementsVersion) });
	blocks.push({ kind: 'heading', level: 1, text: 'Schema' });
	blocks.push({ kind: 'list', ordered: false, items: sprint.schedule.map((d) => ({ runs: [{ text: `Dag ${d.day}: ${d.stages.map((s) => STAGE_SV[s]).join(', ')}` }], level: 0 })) });
	if (inputs.length) {
		blocks.push({ kind: 'heading', level: 1, text: 'Underlag från beställaren' });
		blocks.push({ kind: 'table', caption: 'Underlag i rummet', headers: ['Underlag', 'SHA-256', 'Kom fram'], rows: inputs.map((i) => [i.title, i.sha256, swedishDateTime(i.arrivedAt)]) });
	}
	for (const stage of SPRINT_STAGES) {
		const mine = entries.filter((e) => e.stage === stage);
		const contributed = await contributedBlocks(app, { roomId: room.id, sprintId: sprint.id, initiativeId: sprint.initiativeId }, viewer, stage);
		blocks.push({ kind: 'heading', level: 1, text: STAGE_SV[stage] });
		if (!mine.length && !contributed.length) {
			blocks.push(para(sprint.stage && SPRINT_STAGES.indexOf(sprint.stage) >= SPRINT_STAGES.indexOf(stage) ? 'Inget antecknat.' : 'Steget har inte körts ännu.', { italic: true }));
			continue;
		}
		blocks.push(...contributed);
		for (const kind of ['decision', 'finding'] as const) {
			const list = mine.filter((e) => e.kind === kind);
			if (!list.length) continue;
			blocks.push({ kind: 'heading', level: 2, text: kind === 'decision' ? 'Beslut' : 'Lärdomar' });
			for (const e of list) {
				blocks.push(para(e.text));
				if (e.needIds.length) blocks.push({ kind: 'field', label: 'Behov', value: e.needIds.map((id) => needTitle.get(id) ?? id).join('; ') });
				if (e.proposal) {
					const p = e.proposal;
					blocks.push({ kind: 'field', label: `Förslag till kravändring (${p.requirementKey ? `krav ${p.requirementKey}` : 'nytt krav'}, ${PROPOSAL_STATUS_SV[p.status]})`, value: p.text });
				}
			}
		}
	}
	return {
		kind: 'Sprintlogg',
		initiativeTitle: ini?.title ?? '',
		meta: [`Sprint: ${sprint.title}`, ...(org ? [`Leverantör: ${org.name}`] : []), `Uttagen ${swedishDateTime(app.clock.now())}`],
		blocks,
		fileBase: `sprintlogg-${slug(sprint.title)}${org ? `-${slug(org.name)}` : ''}`
	};
}
