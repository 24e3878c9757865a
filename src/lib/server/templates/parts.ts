/**
 * Method template parts (issue 16) as a shared registry. A part knows how to copy one piece of an
 * initiative's method out (`capture`) and into a new initiative (`apply`). The templates module
 * knows nothing of workshops, RFI rounds, tenders, sprints or pilots; each capability registers
 * its part. Registries live on `globalThis` (see `../registry.ts`).
 *
 * The one rule every part keeps: a template is a copy, never a link, and carries no personal
 * data, no supplier material, no guest data and nothing confidential. `capture` therefore builds
 * its result from a whitelist of fields, field by field — never by spreading a row — and drops
 * every id that points back into the original (needs, requirements, people, organisations).
 */
import { registry } from '../registry.ts';
import type { Db, Tx } from '../db/index.ts';
import type { UserActor } from '../access/policy.ts';

export interface TemplatePartDefinition {
	/** Stable key stored in the template, e.g. `workshops`, `rfi_questions`. */
	key: string;
	/** The part's method data from an initiative: whitelisted fields only; null or undefined when there is nothing to copy. */
	capture(db: Db, initiativeId: string): Promise<unknown>;
	/** Writes the captured data into a new initiative, inside the transaction that creates it. */
	apply(tx: Tx, newInitiativeId: string, data: unknown, actor: UserActor): Promise<void>;
}

const parts = registry<TemplatePartDefinition>('template-parts');

/** Registers (or replaces) a template part. */
export function registerTemplatePart(definition: TemplatePartDefinition): void {
	parts.set(definition.key, definition);
}

export function templatePart(key: string): TemplatePartDefinition | undefined {
	return parts.get(key);
}

/** Keys of every registered part, sorted. */
export function templatePartKeys(): string[] {
	return [...parts.keys()].sort();
}
