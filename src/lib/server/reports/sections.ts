/**
 * The final report's sections (slutrapport, issue 16) as a shared registry: each capability that
 * has something to report registers one section with an order number, and the report is those
 * sections in order. The report module itself knows nothing of needs, RFI rounds, tenders or
 * pilots. Registries live on `globalThis` (see `../registry.ts`): the SvelteKit bundle and the
 * Node entry are two copies of this module in one process.
 *
 * Every section asks the policy itself, for its own resource, as the viewer: a section may
 * return `null` when the viewer may read nothing of it, and must never put in a block what the
 * viewer's own page would not show (sealed tenders, other suppliers, the journal's names).
 *
 * Order numbers leave room: initiative and needs 10, requirements 20, RFI rounds 30, tenders 40,
 * decisions 50, pilots 60, lessons 70.
 */
import { registry } from '../registry.ts';
import type { Db } from '../db/index.ts';
import { can, type Actor, type InitiativeResource, type InitiativeScope } from '../access/policy.ts';
import { initiativeScope } from '../access/scope.ts';

/** One piece of a section, rendered the same on the page and in the DOCX. */
export type ReportBlock =
	| { kind: 'heading' | 'paragraph'; text: string }
	| { kind: 'table'; columns: string[]; rows: string[][] };

export interface ReportSection {
	title: string;
	blocks: ReportBlock[];
}

export interface ReportSectionDefinition {
	/** Stable key, e.g. `needs`, `pilots`. A second registration with the same key replaces the first. */
	key: string;
	/** Position in the report, lowest first. */
	order: number;
	/** The section as `viewer` may read it, or null when they may read nothing of it. */
	build(db: Db, initiativeId: string, viewer: Actor): Promise<ReportSection | null>;
}

const sections = registry<ReportSectionDefinition>('report-sections');

/** Registers (or replaces) a report section. */
export function registerReportSection(definition: ReportSectionDefinition): void {
	sections.set(definition.key, definition);
}

/** Every registered section, in report order (ties by key, so the order never depends on import order). */
export function reportSections(): ReportSectionDefinition[] {
	return [...sections.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/** The viewer's scope when they may read `resource` in the initiative; null otherwise. */
export async function readable(db: Db, viewer: Actor, initiativeId: string, resource: InitiativeResource): Promise<InitiativeScope | null> {
	const scope = await initiativeScope(db, viewer, initiativeId);
	return scope && can(viewer, 'read', { resource, initiative: scope }) ? scope : null;
}
