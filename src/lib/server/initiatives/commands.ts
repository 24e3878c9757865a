/**
 * Changes to initiatives, their owners and members. Each command assumes the caller has asked
 * the policy (see `access.ts`); it enforces the domain rules the policy cannot see from a role
 * alone (a supplier never leads, the last process leader stays), writes the journal in the same
 * transaction as the change, and tells the live-document server whose access may have changed.
 *
 * Expected refusals are `ApiError`s with a stable code; routes turn them into JSON errors or
 * form messages.
 */
import { and, eq } from 'drizzle-orm';
import * as audit from '../audit/index.ts';
import { ApiError } from '../http/api.ts';
import {
	initiativeOrganisations,
	initiatives,
	memberships,
	organisations,
	users,
	type Role,
	type TeamLabel
} from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { docsOf } from './queries.ts';
import { applyTemplate } from '../templates/index.ts';
import { labelFor, type CreateInitiativeInput, type MemberChangeInput, type UpdateInitiativeInput } from './validation.ts';

/** The journal's view of a signed-in actor. */
export function auditActor(actor: UserActor): audit.AuditActor {
	return { userId: actor.userId, label: actor.name };
}

/**
 * Creates an initiative owned by the creator's organisation, with the creator as its first
 * process leader. Only buyer users get here (policy resource `initiatives`); the check is
 * repeated so that a caller that forgot the policy cannot make a supplier lead.
 */
export async function createInitiative(app: App, actor: UserActor, input: CreateInitiativeInput) {
	if (actor.organisationKind !== 'buyer') throw new ApiError(403, 'forbidden', 'Bara upphandlande organisationer kan skapa initiativ.');
	const created = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(initiatives)
			.values({
				title: input.title,
				description: input.description ?? '',
				estimatedValueSek: input.estimatedValueSek ?? null,
				createdBy: actor.userId
			})
			.returning({ id: initiatives.id, title: initiatives.title, phase: initiatives.phase });
		await tx.insert(initiativeOrganisations).values({ initiativeId: row.id, organisationId: actor.organisationId });
		await tx.insert(memberships).values({ initiativeId: row.id, userId: actor.userId, role: 'process_leader' });
		await audit.record(tx, {
			initiativeId: row.id,
			actor: auditActor(actor),
			action: 'initiative.created',
			data: { title: row.title, estimatedValueSek: input.estimatedValueSek ?? null, organisationId: actor.organisationId }
		});
		// A template is copied in the same transaction: an unknown template leaves no initiative behind.
		if (input.templateId) await applyTemplate(tx, actor, row.id, input.templateId);
		return row;
	});
	return { ...created, docs: docsOf(created.id) };
}

/**
 * Changes title, description, value and/or phase. A phase change is journaled on its own and
 * re-checks every live connection of the initiative (what may be written depends on the phase).
 */
export async function updateInitiative(app: App, actor: UserActor, initiativeId: string, input: UpdateInitiativeInput) {
	const result = await app.db.transaction(async (tx) => {
		const [current] = await tx
			.select({
				title: initiatives.title,
				description: initiatives.description,
				estimatedValueSek: initiatives.estimatedValueSek,
				phase: initiatives.phase
			})
			.from(initiatives)
			.where(eq(initiatives.id, initiativeId))
			.for('update');
		if (!current) throw new ApiError(404, 'not_found', 'Finns inte.');
		const changed: Record<string, { from: unknown; to: unknown }> = {};
		for (const key of ['title', 'description', 'estimatedValueSek'] as const) {
			if (input[key] !== undefined && input[key] !== current[key]) changed[key] = { from: current[key], to: input[key] };
		}
		const phaseChanged = input.phase !== undefined && input.phase !== current.phase;
		if (!Object.keys(changed).length && !phaseChanged) return { phaseChanged: false };
		await tx
			.update(initiatives)
			.set({
				...(changed.title ? { title: input.title } : {}),
				...(changed.description ? { description: input.description } : {}),
				...(changed.estimatedValueSek ? { estimatedValueSek: input.estimatedValueSek } : {}),
				...(phaseChanged ? { phase: input.phase } : {}),
				updatedAt: new Date()
			})
			.where(eq(initiatives.id, initiativeId));
		if (Object.keys(changed).length) {
			// The description can be long: the journal keeps that it changed, not the text.
			const data: Record<string, unknown> = {};
			if (changed.title) data.title = changed.title;
			if (changed.estimatedValueSek) data.estimatedValueSek = changed.estimatedValueSek;
			if (changed.description) data.descriptionChanged = true;
			await audit.record(tx, { initiativeId, actor: auditActor(actor), action: 'initiative.updated', data });
		}
		if (phaseChanged) {
			await audit.record(tx, {
				initiativeId,
				actor: auditActor(actor),
				action: 'initiative.phase_changed',
				data: { from: current.phase, to: input.phase }
			});
		}
		return { phaseChanged };
	});
	if (result.phaseChanged) app.events.emit('access-changed', { initiativeId, reason: 'initiative.phase_changed' });
}

/** Locks the initiative's process-leader rows and counts them, so two demotions cannot race past the last one. */
async function processLeaderCount(tx: Tx, initiativeId: string): Promise<number> {
	const rows = await tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.role, 'process_leader')))
		.for('update');
	return rows.length;
}

async function memberRow(tx: Tx, initiativeId: string, userId: string) {
	const [row] = await tx
		.select({ role: memberships.role, label: memberships.label, name: users.name, organisationKind: organisations.kind })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, userId)))
		.limit(1);
	return row ?? null;
}

export const lastProcessLeader = () =>
	new ApiError(409, 'last_process_leader', 'Initiativet måste ha minst en processledare. Utse en till innan du ändrar eller tar bort den sista.');
export const supplierCannotLead = () =>
	new ApiError(403, 'supplier_cannot_lead', 'En användare från en leverantör kan inte vara processledare.');

/** Changes a member's role and label. */
export async function changeMember(app: App, actor: UserActor, initiativeId: string, userId: string, input: MemberChangeInput) {
	const label: TeamLabel | null = labelFor(input.role, input.label);
	const outcome = await app.db.transaction(async (tx) => {
		const member = await memberRow(tx, initiativeId, userId);
		if (!member) throw new ApiError(404, 'not_found', 'Personen är inte medlem i initiativet.');
		if (input.role === 'process_leader' && member.organisationKind !== 'buyer') throw supplierCannotLead();
		if (member.role === input.role && member.label === label) return { role: member.role, label: member.label, changed: false };
		if (member.role === 'process_leader' && input.role !== 'process_leader' && (await processLeaderCount(tx, initiativeId)) <= 1) {
			throw lastProcessLeader();
		}
		await tx
			.update(memberships)
			.set({ role: input.role, label })
			.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, userId)));
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'member.role_changed',
			data: { userId, name: member.name, from: { role: member.role, label: member.label }, to: { role: input.role, label } }
		});
		return { role: input.role, label, changed: true };
	});
	if (outcome.changed) app.events.emit('access-changed', { initiativeId, userId, reason: 'member.role_changed' });
	return { userId, role: outcome.role as Role, label: outcome.label };
}

/** Removes a member (also oneself, unless one is the last process leader). */
export async function removeMember(app: App, actor: UserActor, initiativeId: string, userId: string) {
	await app.db.transaction(async (tx) => {
		const member = await memberRow(tx, initiativeId, userId);
		if (!member) throw new ApiError(404, 'not_found', 'Personen är inte medlem i initiativet.');
		if (member.role === 'process_leader' && (await processLeaderCount(tx, initiativeId)) <= 1) throw lastProcessLeader();
		await tx.delete(memberships).where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, userId)));
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'member.removed',
			data: { userId, name: member.name, role: member.role, label: member.label }
		});
	});
	app.events.emit('access-changed', { initiativeId, userId, reason: 'member.removed' });
}


/**
 * Hands the process-leader role to a colleague (issue 16): the colleague becomes process leader
 * and the one handing over stays on as team member (or observer), in one transaction. Everything
 * else — workshops, needs, rounds, the journal — belongs to the initiative, not the person, so
 * nothing moves; the journal says who handed over to whom. Only a process leader hands over
 * their own role; the colleague must be a member from a buyer organisation.
 */
export async function handOverProcessLeader(app: App, actor: UserActor, initiativeId: string, input: { toUserId: string; stayAs: 'team' | 'observer' }) {
	if (input.toUserId === actor.userId) throw new ApiError(400, 'same_person', 'Välj en kollega att lämna över till.');
	await app.db.transaction(async (tx) => {
		await processLeaderCount(tx, initiativeId);
		const me = await memberRow(tx, initiativeId, actor.userId);
		if (!me || me.role !== 'process_leader') throw new ApiError(403, 'not_process_leader', 'Bara en processledare kan lämna över sin roll.');
		const to = await memberRow(tx, initiativeId, input.toUserId);
		if (!to) throw new ApiError(404, 'not_found', 'Personen är inte medlem i initiativet.');
		if (to.organisationKind !== 'buyer') throw supplierCannotLead();
		await tx
			.update(memberships)
			.set({ role: 'process_leader', label: null })
			.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, input.toUserId)));
		await tx
			.update(memberships)
			.set({ role: input.stayAs, label: null })
			.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, actor.userId)));
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'member.process_leader_handed_over',
			data: { fromUserId: actor.userId, toUserId: input.toUserId, toName: to.name, fromRole: to.role, fromLabel: to.label, stayAs: input.stayAs }
		});
	});
	app.events.emit('access-changed', { initiativeId, userId: actor.userId, reason: 'member.process_leader_handed_over' });
	app.events.emit('access-changed', { initiativeId, userId: input.toUserId, reason: 'member.process_leader_handed_over' });
}
