/**
 * Test support for the workshop and needs modules: an in-memory stand-in for the live-document
 * server (same contract as `app.liveDocs`) and a small organisation/initiative fixture.
 */
import * as Y from 'yjs';
import type { LiveDocs, ChangeAuthor } from '../live-docs.ts';
import type { App } from '../app.ts';
import { initiatives, memberships, organisations, users } from '../db/schema/index.ts';
import type { Role } from '../db/schema/initiatives.ts';
import type { UserActor } from '../access/policy.ts';

export interface MemoryLiveDocs extends LiveDocs {
	docs: Map<string, Y.Doc>;
	changes: Array<{ docName: string; author: ChangeAuthor | null }>;
}

export function memoryLiveDocs(): MemoryLiveDocs {
	const docs = new Map<string, Y.Doc>();
	const changes: MemoryLiveDocs['changes'] = [];
	const get = (name: string) => {
		let d = docs.get(name);
		if (!d) docs.set(name, (d = new Y.Doc()));
		return d;
	};
	return {
		docs,
		changes,
		async change(docName, author, fn) {
			const doc = get(docName);
			doc.transact(() => fn(doc));
			changes.push({ docName, author });
		},
		async read(docName, fn) {
			return fn(get(docName));
		}
	};
}

let seq = 0;

/** A buyer organisation with one initiative and a member per role; returns their actors. */
export async function initiativeFixture(app: App) {
	const n = ++seq;
	const [org] = await app.db
		.insert(organisations)
		.values({ name: `Testkommun ${n}`, kind: 'buyer', orgNumber: `21${String(n).padStart(4, '0')}-${String(1000 + n)}` })
		.returning();
	const mk = async (name: string): Promise<UserActor> => {
		const [u] = await app.db
			.insert(users)
			.values({ email: `${name}${n}-${Math.random().toString(36).slice(2)}@example.se`, name, passwordHash: 'x', organisationId: org.id })
			.returning();
		return { kind: 'user', userId: u.id, name, organisationId: org.id, organisationKind: 'buyer', orgAdmin: false, platformAdmin: false };
	};
	const leader = await mk('Lena Ledare');
	const team = await mk('Tove Team');
	const observer = await mk('Olle Observatör');
	const outsider = await mk('Ulf Utomstående');
	const [initiative] = await app.db
		.insert(initiatives)
		.values({ title: 'Torra golv i förskolan', createdBy: leader.userId, phase: 'needs' })
		.returning();
	const roles: Array<[UserActor, Role]> = [
		[leader, 'process_leader'],
		[team, 'team'],
		[observer, 'observer']
	];
	for (const [u, role] of roles) await app.db.insert(memberships).values({ initiativeId: initiative.id, userId: u.userId, role });
	return { organisationId: org.id, initiativeId: initiative.id, leader, team, observer, outsider };
}
