import { error, fail } from '@sveltejs/kit';
import { can, type TenderResource } from '#lib/server/access/policy.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { attempt } from '#lib/server/rfi/pages.ts';
import { buyerPageTender, openerChoices } from '#lib/server/tenders/pages.ts';
import { awardSchema, confidentialityDecisionSchema, decisionSchema, declarationSchema, inviteSchema, scoreSchema } from '#lib/server/tenders/validation.ts';
import { inviteSupplier } from '#lib/server/market/invitations.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** The round of this page, checked by the policy for `resource`/`action`, only under its own initiative. */
const round = (event: Event, resource: TenderResource, action: 'read' | 'write' | 'admin') =>
	buyerPageTender(event.locals, event.url, event.params.id, event.params.tenderId, resource, action);

/**
 * The round's page for the buyer team, by step. Before the opening it reads no tender and no
 * count; after it, the protocol for the team, and the tenders and ranking for each member only
 * after their own declaration (the policy's `tender_submissions`).
 */
export const load: PageServerLoad = async (event) => {
	const ctx = await round(event, 'tender', 'read');
	const { app } = event.locals;
	const now = app.clock.now();
	const view = await tenders.tenderView(app.db, ctx, ctx.actor, now);
	if (!('openers' in view)) error(404, 'Finns inte.');
	const target = (resource: TenderResource) => ({ resource, initiative: ctx.initiative, tender: ctx.scope });
	const abilities = {
		administer: can(ctx.actor, 'admin', target('tender')),
		approveOpening: can(ctx.actor, 'write', target('tender_opening')),
		readProtocol: ctx.scope.opened && can(ctx.actor, 'read', target('tender_opening')),
		readTenders: ctx.scope.opened && can(ctx.actor, 'read', target('tender_submissions')),
		/** Team members who would read the tenders once they have declared (observers never). */
		mayDeclare: !ctx.scope.declared && can(ctx.actor, 'read', { ...target('tender_submissions'), tender: { ...ctx.scope, opened: true, declared: true } })
	};
	const team = await openerChoices(app.db, ctx.tender.initiativeId, ctx.actor);
	const nameOf = (id: string) => team.find((p) => p.id === id)?.name ?? '';
	// Decrypted and re-hashed once for the protocol, the tenders and the ranking.
	const opened = abilities.readProtocol || abilities.readTenders ? await tenders.verifySubmissions(app, app.db, ctx.tender) : [];
	const [conflicts, invitations, protocol, declarations, submissions, ranking, qualifications] = await Promise.all([
		abilities.administer ? tenders.conflictsForBuyer(app.db, ctx) : Promise.resolve([]),
		abilities.administer ? tenders.invitationsForBuyer(app.db, ctx.tender.id) : Promise.resolve([]),
		abilities.readProtocol ? tenders.openingProtocol(app, ctx, opened) : Promise.resolve(null),
		ctx.scope.opened ? tenders.declarations(app.db, ctx.tender.id) : Promise.resolve([]),
		abilities.readTenders ? tenders.submissionsForBuyer(app, ctx, opened) : Promise.resolve([]),
		abilities.readTenders ? tenders.ranking(app, ctx, opened) : Promise.resolve(null),
		abilities.readTenders ? tenders.qualifications(app.db, ctx.tender.id) : Promise.resolve([])
	]);
	return {
		now: now.toISOString(),
		me: ctx.actor.userId,
		procurementOfficer: ctx.initiative.membership?.label === 'procurement_officer',
		round: {
			...view,
			openingApprovals: view.openingApprovals.map((a) => ({ ...a, name: nameOf(a.userId) }))
		},
		abilities,
		conflicts: conflicts.map((c) => ({ ...c, approvals: c.approvals.map((a) => ({ ...a, name: nameOf(a.userId) })) })),
		invitations,
		protocol: protocol && {
			openedAt: protocol.openedAt,
			openers: protocol.openers,
			tenders: protocol.tenders.map((t) => ({ receiptId: t.receiptId, organisation: t.organisation.name, receivedAt: t.receivedAt, sha256: t.sha256, size: t.size, hashVerified: t.hashVerified }))
		},
		declarations: declarations.map((d) => ({ userId: d.userId, name: d.name, declaredAt: d.declaredAt.toISOString() })),
		submissions: submissions.map((s) => ({ id: s.id, organisation: s.organisation.name, priceSek: s.priceSek, answers: s.answers, hashVerified: s.hashVerified, confidentiality: s.confidentiality })),
		ranking,
		qualifications
	};
};

/** A refused command as the page's failure, remembering which form it came from. */
async function run<T>(action: string, command: () => Promise<T>, keep: Record<string, unknown> = {}) {
	return attempt(command, { action, ...keep });
}

/** The same gate as the API's: tenders are sealed before the opening and need the reader's declaration. */
const submissionsGate = (event: Event, action: 'read' | 'write', name: string, keep: Record<string, unknown> = {}) =>
	run(name, () => tenders.authorizeSubmissions(event.locals, event.params.tenderId, action), keep);

export const actions: Actions = {
	publish: async (event) => {
		const ctx = await round(event, 'tender', 'admin');
		const form = await event.request.formData();
		if (form.get('confirm') !== 'on') return fail(400, { action: 'publish' as const, error: 'Bekräfta att du vill publicera upphandlingen.' });
		const open = form.get('audience') === 'open';
		const result = await run('publish', () => tenders.publishTender(event.locals.app, ctx.actor, ctx, { open }));
		if (!result.ok) return result.failure;
		return { action: 'publish' as const, published: true };
	},
	invite: async (event) => {
		const ctx = await round(event, 'tender', 'admin');
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = inviteSchema.safeParse({ email });
		if (!parsed.success) return fail(400, { action: 'invite' as const, email, error: parsed.error.issues[0].message });
		const result = await run(
			'invite',
			() =>
				inviteSupplier(event.locals.app, ctx.actor, {
					subjectKind: 'tender',
					subjectId: ctx.tender.id,
					initiativeId: ctx.tender.initiativeId,
					subjectTitle: ctx.tender.title,
					email: parsed.data.email,
					origin: event.locals.app.config.ORIGIN ?? event.url.origin
				}),
			{ email }
		);
		if (!result.ok) return result.failure;
		return { action: 'invite' as const, invited: parsed.data.email, inviteUrl: result.value.inviteUrl };
	},
	decide: async (event) => {
		const ctx = await round(event, 'tender', 'admin');
		const form = await event.request.formData();
		const organisationId = String(form.get('organisationId') ?? '');
		const values = { decision: String(form.get('decision') ?? ''), reason: String(form.get('reason') ?? '') };
		if (!isUuid(organisationId)) return fail(400, { action: 'decide' as const, organisationId, values, error: 'Okänd organisation.' });
		const parsed = decisionSchema.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'decide' as const, organisationId, values, error: parsed.error.issues[0].message });
		const result = await run('decide', () => tenders.decideConflict(event.locals.app, ctx.actor, ctx, organisationId.toLowerCase(), parsed.data), { organisationId, values });
		if (!result.ok) return result.failure;
		return { action: 'decide' as const, organisationId, outcome: result.value.outcome, approvals: result.value.approvals };
	},
	approve: async (event) => {
		const ctx = await round(event, 'tender_opening', 'write');
		const result = await run('approve', () => tenders.approveOpening(event.locals.app, ctx.actor, ctx));
		if (!result.ok) return result.failure;
		return { action: 'approve' as const, ...result.value };
	},
	declare: async (event) => {
		const ctx = await round(event, 'tender', 'read');
		const form = await event.request.formData();
		const statement = String(form.get('statement') ?? '').trim();
		const parsed = declarationSchema.safeParse({ noConflict: form.get('noConflict') === 'on' ? true : undefined, ...(statement ? { statement } : {}) });
		if (!parsed.success) return fail(400, { action: 'declare' as const, statement, error: parsed.error.issues[0].message.replace(' (noConflict: true)', '') });
		const result = await run('declare', () => tenders.declare(event.locals.app, ctx.actor, ctx, parsed.data.statement), { statement });
		if (!result.ok) return result.failure;
		return { action: 'declare' as const, declared: true };
	},
	score: async (event) => {
		const ctx = await round(event, 'tender', 'read');
		const form = await event.request.formData();
		const raw = String(form.get('score') ?? '');
		const values = {
			submissionId: String(form.get('submissionId') ?? ''),
			criterionId: String(form.get('criterionId') ?? ''),
			score: raw.trim() === '' ? null : Number(raw),
			motivation: String(form.get('motivation') ?? '')
		};
		const cell = `${values.submissionId}:${values.criterionId}`;
		const keep = { cell, values: { score: raw, motivation: values.motivation } };
		const gate = await submissionsGate(event, 'write', 'score', keep);
		if (!gate.ok) return gate.failure;
		const parsed = scoreSchema.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'score' as const, ...keep, error: parsed.error.issues[0].message });
		const result = await run('score', () => tenders.score(event.locals.app, ctx.actor, ctx, parsed.data), keep);
		if (!result.ok) return result.failure;
		return { action: 'score' as const, cell, saved: true };
	},
	confidentiality: async (event) => {
		const ctx = await round(event, 'tender', 'read');
		const form = await event.request.formData();
		const values = {
			submissionId: String(form.get('submissionId') ?? ''),
			index: Number(form.get('index') ?? ''),
			granted: form.get('granted') === 'yes' ? true : form.get('granted') === 'no' ? false : undefined,
			reason: String(form.get('reason') ?? '')
		};
		const request = `${values.submissionId}:${values.index}`;
		const keep = { request, values: { granted: String(form.get('granted') ?? ''), reason: values.reason } };
		const gate = await submissionsGate(event, 'write', 'confidentiality', keep);
		if (!gate.ok) return gate.failure;
		const parsed = confidentialityDecisionSchema.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'confidentiality' as const, ...keep, error: parsed.error.issues[0].message.replace(' (granted: true/false)', '') });
		const result = await run('confidentiality', () => tenders.decideConfidentiality(event.locals.app, ctx.actor, ctx, parsed.data), keep);
		if (!result.ok) return result.failure;
		return { action: 'confidentiality' as const, request, saved: true };
	},
	award: async (event) => {
		const ctx = await round(event, 'tender', 'admin');
		const form = await event.request.formData();
		const values = { submissionId: String(form.get('submissionId') ?? ''), motivation: String(form.get('motivation') ?? '') };
		const gate = await submissionsGate(event, 'read', 'award', { values });
		if (!gate.ok) return gate.failure;
		const parsed = awardSchema.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'award' as const, values, error: parsed.error.issues[0].message });
		const result = await run('award', () => tenders.award(event.locals.app, ctx.actor, ctx, parsed.data), { values });
		if (!result.ok) return result.failure;
		return { action: 'award' as const, awarded: true };
	},
	contract: async (event) => {
		const ctx = await round(event, 'tender', 'admin');
		const form = await event.request.formData();
		if (form.get('confirm') !== 'on') return fail(400, { action: 'contract' as const, error: 'Bekräfta att avtalet är tecknat.' });
		const result = await run('contract', () => tenders.signContract(event.locals.app, ctx.actor, ctx));
		if (!result.ok) return result.failure;
		return { action: 'contract' as const, signed: true };
	}
};
