/**
 * The committee documents of an initiative, by kind, each with the policy resource that guards
 * it — the same resource as the page it comes from, so an export never reaches anyone the page
 * would not (the conflicts register: the buyer team only; never suppliers). One registry serves
 * the DOCX endpoint, the print pages and the case file.
 */
import { eq } from 'drizzle-orm';
import { initiatives } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import type { Actor, InitiativeResource } from '../access/policy.ts';
import * as conflicts from '../conflicts/index.ts';
import { getEffectLogic, listNeeds } from '../needs/index.ts';
import type { ProcedureDecision } from '../advisor/index.ts';
import { briefDocument, loadBrief } from './brief.ts';
import { effectLogicDocument } from './effect-logic.ts';
import { conflictsDocument } from './conflicts.ts';
import { procedureDocument } from './procedure.ts';
import type { ExportDocument } from './document.ts';

export const EXPORT_KINDS = ['brief', 'effect-logic', 'conflicts', 'procedure'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export function isExportKind(value: unknown): value is ExportKind {
	return typeof value === 'string' && (EXPORT_KINDS as readonly string[]).includes(value);
}

/** The policy resource each document is read through. */
export const EXPORT_RESOURCE: Record<ExportKind, InitiativeResource> = {
	brief: 'brief',
	'effect-logic': 'needs',
	conflicts: 'conflicts',
	procedure: 'procedure'
};

/**
 * Builds one document of an initiative as `viewer` may read it. The caller has already asked the
 * policy for `EXPORT_RESOURCE[kind]`. Null when there is nothing to export (no procedure chosen).
 */
export async function buildExport(app: App, viewer: Actor, initiativeId: string, kind: ExportKind): Promise<ExportDocument | null> {
	const { db } = app;
	const [ini] = await db.select({ title: initiatives.title, procedure: initiatives.procedure }).from(initiatives).where(eq(initiatives.id, initiativeId)).limit(1);
	if (!ini) return null;
	switch (kind) {
		case 'brief':
			return briefDocument(viewer, ini.title, await loadBrief(app, initiativeId));
		case 'effect-logic': {
			const [logic, needs] = await Promise.all([getEffectLogic(db, initiativeId), listNeeds(db, initiativeId)]);
			return effectLogicDocument(ini.title, { logic, needs: needs.map((n) => ({ id: n.id, title: n.title, statement: n.statement })) });
		}
		case 'conflicts':
			return conflictsDocument(ini.title, await conflicts.register(db, initiativeId));
		case 'procedure':
			return procedureDocument(ini.title, (ini.procedure ?? null) as ProcedureDecision | null);
	}
}

export type { ExportDocument, Block, Run } from './document.ts';
