/**
 * Who may tender, from the conflicts register (DOMAIN.md rule 1) and the round's hearings:
 *
 * - **barred** — a person of the organisation contributed to the requirements. Refused
 *   (`conflict_of_interest`) until the buyer team lifts the bar after hearing the organisation.
 * - **flagged** — the organisation's people took part in earlier work (needs, workshops, the
 *   brief). May tender unless the buyer team upholds the flag after hearing it.
 */
import { and, eq } from 'drizzle-orm';
import { tenderConflictCases } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import { computeRegister, type Evidence } from '../conflicts/index.ts';
import type { Tender } from './access.ts';

export interface Eligibility {
	eligible: boolean;
	level?: 'barred' | 'flagged';
	evidence?: Evidence[];
	/** The hearing: whether the organisation has made its statement, and the outcome. */
	statementGiven?: boolean;
	outcome?: 'lifted' | 'upheld' | null;
}

export async function eligibilityOf(db: Db, tender: Pick<Tender, 'id' | 'initiativeId'>, organisationId: string): Promise<Eligibility> {
	const entry = (await computeRegister(db, tender.initiativeId)).find((e) => e.organisation.id === organisationId);
	if (!entry) return { eligible: true };
	const [c] = await db
		.select({ statement: tenderConflictCases.statement, outcome: tenderConflictCases.outcome })
		.from(tenderConflictCases)
		.where(and(eq(tenderConflictCases.tenderId, tender.id), eq(tenderConflictCases.organisationId, organisationId)))
		.limit(1);
	const outcome = c?.outcome ?? null;
	const eligible = entry.level === 'barred' ? outcome === 'lifted' : outcome !== 'upheld';
	return { eligible, level: entry.level, evidence: entry.evidence, statementGiven: !!c?.statement, outcome };
}
