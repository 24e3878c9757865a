/**
 * Display names of the two axes of a requirement's type (see `model.ts`), for the editor, the
 * version pages and the comparison: one place, so every page names a kind the same way.
 */
import { m } from '#lib/paraglide/messages.js';
import type { RequirementKind, RequirementObligation } from '#lib/shapes/requirements.ts';

export const KIND_LABELS: Record<RequirementKind, () => string> = {
	function: m.req_kind_function,
	performance: m.req_kind_performance,
	usability: m.req_kind_usability,
	security: m.req_kind_security,
	integration: m.req_kind_integration,
	sustainability: m.req_kind_sustainability,
	other: m.req_kind_other
};

export const OBLIGATION_LABELS: Record<RequirementObligation, () => string> = {
	ska: m.req_obligation_ska,
	bor: m.req_obligation_bor,
	award: m.req_obligation_award
};
