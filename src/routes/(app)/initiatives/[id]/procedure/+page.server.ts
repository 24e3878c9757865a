import { fail } from '@sveltejs/kit';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import * as advisor from '#lib/server/advisor/index.ts';
import { marketFinding } from '#lib/server/rfi/queries.ts';
import { can } from '#lib/server/access/policy.ts';
import { BUYER_KINDS, PURCHASE_KINDS, type BuyerKind, type PurchaseKind } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad } from './$types';

interface FormValues {
	estimatedValueSek: string;
	purchaseKind: string;
	buyerKind: string;
	marketSituation: string;
	needsRnd: boolean;
}

type Parsed = { ok: true; input: advisor.AdviceInput } | { ok: false; errors: Record<string, string> };

/** Validates the advisor's questions, with Swedish messages per field. */
function parseInput(v: FormValues): Parsed {
	const errors: Record<string, string> = {};
	const cleaned = v.estimatedValueSek.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '');
	const value = /^\d{1,13}$/.test(cleaned) ? Number(cleaned) : NaN;
	if (Number.isNaN(value)) errors.estimatedValueSek = 'Ange det uppskattade värdet i hela kronor, till exempel 450 000.';
	if (!(PURCHASE_KINDS as readonly string[]).includes(v.purchaseKind)) errors.purchaseKind = 'Välj vad som köps.';
	if (!(BUYER_KINDS as readonly string[]).includes(v.buyerKind)) errors.buyerKind = 'Välj typ av upphandlande organisation.';
	if (!(advisor.MARKET_SITUATIONS as readonly string[]).includes(v.marketSituation)) errors.marketSituation = 'Välj vad ni vet om marknaden.';
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		input: {
			estimatedValueSek: value,
			purchaseKind: v.purchaseKind as PurchaseKind,
			buyerKind: v.buyerKind as BuyerKind,
			marketSituation: v.marketSituation as advisor.MarketSituation,
			needsRnd: v.needsRnd
		}
	};
}

function valuesFrom(get: (k: string) => string | null): FormValues {
	return {
		estimatedValueSek: get('estimatedValueSek') ?? '',
		purchaseKind: get('purchaseKind') ?? '',
		buyerKind: get('buyerKind') ?? 'municipality_region',
		marketSituation: get('marketSituation') ?? '',
		needsRnd: get('needsRnd') === 'on' || get('needsRnd') === 'true'
	};
}

/** The advisor's form (prefilled from the initiative), its advice when asked (`?estimatedValueSek=…`), and the saved decision. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { actor, scope, initiative, abilities } = await pageAccess(db, locals.actor, params.id, 'procedure', 'read', url.pathname);
	const asked = url.searchParams.has('estimatedValueSek');
	// What the market dialogue found, when the reader may follow the initiative's RFI rounds.
	const fromRfi = can(actor, 'read', { resource: 'rfis', initiative: scope }) ? await marketFinding(db, scope.initiativeId) : null;
	const values: FormValues = asked
		? valuesFrom((k) => url.searchParams.get(k))
		: {
				estimatedValueSek: initiative.estimatedValueSek === null ? '' : String(initiative.estimatedValueSek),
				purchaseKind: initiative.purchaseKind ?? '',
				buyerKind: 'municipality_region',
				marketSituation: fromRfi?.situation ?? '',
				needsRnd: false
			};
	let advice: advisor.Advice | null = null;
	let errors: Record<string, string> = {};
	if (asked) {
		const parsed = parseInput(values);
		if (parsed.ok) advice = await advisor.adviceFor(db, { input: parsed.input, organisationId: actor.organisationId, viewerUserId: actor.userId, initiativeId: scope.initiativeId });
		else errors = parsed.errors;
	}
	return {
		initiative: { id: initiative.id, title: initiative.title },
		values,
		errors,
		advice,
		fromRfi,
		decision: (initiative.procedure ?? null) as advisor.ProcedureDecision | null,
		canDecide: abilities.editProcedure
	};
};

export const actions: Actions = {
	/** Saves the chosen procedure with its reasoning on the initiative (journalled). */
	choose: async ({ locals, params, request, url }) => {
		const { db } = locals.app;
		const { actor, scope } = await pageAccess(db, locals.actor, params.id, 'procedure', 'write', url.pathname);
		const form = await request.formData();
		const get = (k: string) => (form.has(k) ? String(form.get(k)) : null);
		const values = valuesFrom(get);
		const procedure = get('procedure') ?? '';
		const reasoning = (get('reasoning') ?? '').trim();
		const directAwardReason = (get('directAwardReason') ?? '').trim();
		const parsed = parseInput(values);
		const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
		if (!(advisor.PROCEDURES as readonly string[]).includes(procedure)) errors.procedure = 'Välj ett förfarande.';
		if (!reasoning) errors.reasoning = 'Beskriv varför ni väljer förfarandet.';
		if (reasoning.length > 4000) errors.reasoning = 'Motiveringen får vara högst 4 000 tecken.';
		let advice: advisor.Advice | null = null;
		if (parsed.ok) {
			advice = await advisor.adviceFor(db, { input: parsed.input, organisationId: actor.organisationId, viewerUserId: actor.userId, initiativeId: scope.initiativeId });
			const direct = advice.recommendations.find((r) => r.procedure === 'direct_award')!;
			if (procedure === 'direct_award' && !directAwardReason && (direct.requiresReason || direct.fit === 'unsuitable')) {
				errors.directAwardReason =
					direct.fit === 'unsuitable'
						? 'Värdet är över direktupphandlingsgränsen: ange vilket undantag i LOU 19 kap. 7 § som gäller.'
						: 'Direktupphandlingar över 100 000 kronor ska dokumenteras: ange skälen.';
			}
		}
		if (Object.keys(errors).length || !parsed.ok || !advice) {
			return fail(400, { choose: { errors, procedure, reasoning, directAwardReason } });
		}
		const chosen = advice.recommendations.find((r) => r.procedure === procedure)!;
		await advisor.saveDecision(db, actor, scope.initiativeId, {
			procedure: procedure as advisor.Procedure,
			reasoning,
			...(procedure === 'direct_award' && directAwardReason ? { directAwardReason } : {}),
			...parsed.input,
			fit: chosen.fit,
			thresholdsUsed: advice.thresholdsUsed,
			decidedAt: new Date().toISOString(),
			decidedBy: { id: actor.userId, name: actor.name }
		});
		return { saved: true };
	}
};
