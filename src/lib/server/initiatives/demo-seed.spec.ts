import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import * as audit from '../audit/index.ts';
import { verifyPassword } from '../auth/password.ts';
import { normaliseOrgNumber } from '../organisations/org-number.ts';
import { docProjections, docSnapshots, initiatives, memberships, organisations, users } from '../db/schema/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';

let app: App;

beforeAll(async () => {
	app = await createApp({ config: loadConfig({ DEMO: 'true', DATA_DIR: 'memory://', LOG_LEVEL: 'error' }) });
}, 60_000);

afterAll(async () => {
	await app?.close();
});

describe('the demo seed', () => {
	it('fills an empty database once, and leaves it alone afterwards', async () => {
		const started = Date.now();
		expect(await seedDemo(app)).toBe(true);
		expect(Date.now() - started).toBeLessThan(10_000);
		const before = await app.db.select({ n: count() }).from(users);
		expect(await seedDemo(app)).toBe(false);
		expect(await app.db.select({ n: count() }).from(users)).toEqual(before);
	}, 30_000);

	it('creates the five personas in a municipality and two supplier companies with valid organisation numbers, none of them platform administrator', async () => {
		const people = await app.db
			.select({ name: users.name, persona: users.demoPersona, platformAdmin: users.platformAdmin, orgAdmin: users.orgAdmin, org: organisations.name, kind: organisations.kind, orgNumber: organisations.orgNumber })
			.from(users)
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(isNotNull(users.demoPersona));
		const byPersona = Object.fromEntries(people.map((p) => [p.persona, p]));
		expect(byPersona.process_leader).toMatchObject({ name: 'Maria Lind', org: 'Sjöstads kommun', kind: 'buyer', platformAdmin: false, orgAdmin: true });
		// Anyone can become a persona with one click: none of them administers the platform.
		expect(people.filter((p) => p.platformAdmin)).toEqual([]);
		expect(byPersona.team).toMatchObject({ name: 'Ahmed Karimi', org: 'Sjöstads kommun' });
		expect(byPersona.observer).toMatchObject({ name: 'Eva Berg', org: 'Sjöstads kommun' });
		expect(byPersona.supplier_a).toMatchObject({ org: 'Golvteknik Norr AB', kind: 'supplier' });
		expect(byPersona.supplier_b).toMatchObject({ org: 'Städrobot Sverige AB', kind: 'supplier' });
		for (const p of people) expect(normaliseOrgNumber(p.orgNumber)).toBe(p.orgNumber);
	});

	it("documents exactly one password: the process leader's", async () => {
		const [maria] = await app.db.select({ hash: users.passwordHash }).from(users).where(eq(users.demoPersona, 'process_leader'));
		expect(await verifyPassword(maria.hash, DEMO_PASSWORD)).toBe(true);
		const [ahmed] = await app.db.select({ hash: users.passwordHash }).from(users).where(eq(users.demoPersona, 'team'));
		expect(await verifyPassword(ahmed.hash, DEMO_PASSWORD)).toBe(false);
	});

	it('creates the initiative in the needs phase with the three buyer users as members', async () => {
		const [initiative] = await app.db.select().from(initiatives);
		expect(initiative).toMatchObject({ title: 'Torra och rena golv i förskolan', phase: 'needs', estimatedValueSek: 450_000 });
		const members = await app.db
			.select({ name: users.name, role: memberships.role, label: memberships.label })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.initiativeId, initiative.id));
		expect(members).toHaveLength(3);
		expect(members).toEqual(
			expect.arrayContaining([
				{ name: 'Maria Lind', role: 'process_leader', label: null },
				{ name: 'Ahmed Karimi', role: 'team', label: 'procurement_officer' },
				{ name: 'Eva Berg', role: 'observer', label: null }
			])
		);
		const journal = await audit.list(app.db, initiative.id);
		expect(journal[0].action).toBe('initiative.created');
		expect(await audit.verify(app.db, initiative.id)).toMatchObject({ ok: true });
		expect(await audit.verify(app.db, null)).toMatchObject({ ok: true });
	});

	it('writes the brief as a stored Yjs snapshot that the Tiptap editor can open, with its projection', async () => {
		const [initiative] = await app.db.select({ id: initiatives.id }).from(initiatives);
		const docName = `brief.${initiative.id}`;
		const [snapshot] = await app.db.select().from(docSnapshots).where(eq(docSnapshots.docName, docName));
		expect(snapshot.throughUpdateId).toBe(0);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, snapshot.state);
		const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('default'), getSchema([StarterKit]));
		node.check();
		const headings: string[] = [];
		node.forEach((child) => {
			if (child.type.name === 'heading') headings.push(child.textContent);
		});
		expect(headings).toEqual(['Bakgrund', 'Problem', 'Mål', 'Omfattning', 'Mandat och budget', 'Effektlogik (utkast)']);

		const [projection] = await app.db.select().from(docProjections).where(eq(docProjections.docName, docName));
		expect(projection.text).toContain('Mandat och budget');
		expect(projection.text).toContain('450 000 kronor');
	});
});
