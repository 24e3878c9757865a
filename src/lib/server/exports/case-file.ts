/**
 * The case file (akt) of an initiative as one ZIP: the journal as CSV with its chain check,
 * every published requirements version exactly as published (JSON, hash-checkable) and as Word,
 * every committee document and the needs register — the documentation the procurement rules ask
 * for (rule 6), in one download. Each document is included only when the caller may read it
 * through the policy, exactly as its own page or export would decide.
 */
import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import type { App } from '../app.ts';
import { can, type InitiativeScope, type UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { journalCsvFor } from '../audit/readable.ts';
import { initiatives, needs as needsTable } from '../db/schema/index.ts';
import * as versions from '../requirements/versions.ts';
import { versionDocx } from '../requirements/export.ts';
import * as needs from '../needs/index.ts';
import { needsCsv, needsDocx } from '../needs/export.ts';
import { sprints as sprintsTable } from '../db/schema/index.ts';
import { parityDocument, parityReport } from '../sprints/parity.ts';
import { buildExport, EXPORT_KINDS, EXPORT_RESOURCE, type ExportKind } from './index.ts';
import { renderDocx } from './docx.ts';
import { caseFileIndex, type CaseFileEntry, type ChainCheck } from './case-index.ts';
import { slug } from './document.ts';

const DESCRIPTIONS: Record<ExportKind, string> = {
	brief: 'Projektdirektivet med vem som har skrivit och när (Word).',
	'effect-logic': 'Effektlogiken: från behov via aktiviteter och resultat till effekter (Word).',
	conflicts: 'Jävsregistret: uteslutna och flaggade leverantörsorganisationer med underlag (Word).',
	procedure: 'Valet av upphandlingsförfarande med motivering och tröskelvärden (Word).'
};

const INDEX_NAME = 'LASMIG.txt';

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export interface CaseFile {
	bytes: Uint8Array;
	fileName: string;
	/** The entries in the ZIP besides the index, for the caller's log. */
	entries: CaseFileEntry[];
	chain: ChainCheck;
}

/**
 * Builds the case file for `actor`, who must already have been allowed to read the journal
 * (`journal` read) of the initiative in `scope`.
 */
export async function buildCaseFile(app: App, actor: UserActor, scope: InitiativeScope, now = new Date()): Promise<CaseFile> {
	const { db } = app;
	const initiativeId = scope.initiativeId;
	const [ini] = await db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, initiativeId)).limit(1);
	const title = ini?.title ?? '';
	const files: Array<{ path: string; description: string; data: Uint8Array }> = [];
	const omitted: Array<{ what: string; why: string }> = [];
	const add = (path: string, description: string, data: Uint8Array) => files.push({ path, description, data });

	// The journal and its chain check, read in the same breath.
	const [entries, chain, journalCsv] = await Promise.all([audit.list(db, initiativeId), audit.verify(db, initiativeId), journalCsvFor(db, initiativeId, 'sv')]);
	add('journal/journal.csv', `Journalen, ${entries.length} poster, äldst först, som meningar (CSV för svenska Excel).`, strToU8(journalCsv));
	add('journal/kedjekontroll.json', 'Resultatet av kedjekontrollen när akten togs ut (maskinläsbart).', strToU8(JSON.stringify({ checkedAt: now.toISOString(), ...chain }, null, 2) + '\n'));

	// Every published requirements version, exactly as published, and as Word.
	if (can(actor, 'read', { resource: 'requirements', initiative: scope })) {
		const list = await versions.listVersions(db, actor, initiativeId);
		for (const summary of list) {
			const row = await versions.versionText(db, initiativeId, summary.version);
			if (!row) continue;
			const v = (await versions.forViewer(db, actor, versions.parseVersion(row.content))).version;
			add(`kravspecifikation/version-${v.version}.json`, `Kravspecifikationen version ${v.version} exakt som den publicerades; dess SHA-256 ska vara ${row.sha256}.`, strToU8(row.content));
			const needIds = [...new Set(v.requirements.flatMap((r) => r.needIds))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
			const needRows = needIds.length ? await db.select({ id: needsTable.id, title: needsTable.title }).from(needsTable).where(inArray(needsTable.id, needIds)) : [];
			const docx = await versionDocx(v, { initiativeTitle: title, sha256: row.sha256, needTitles: new Map(needRows.map((r) => [r.id, r.title])) });
			add(`kravspecifikation/version-${v.version}.docx`, `Kravspecifikationen version ${v.version} (Word).`, docx);
		}
		if (!list.length) omitted.push({ what: 'Kravspecifikation', why: 'ingen version har publicerats ännu.' });
	}

	// The committee documents, each through its own policy resource.
	for (const kind of EXPORT_KINDS) {
		if (!can(actor, 'read', { resource: EXPORT_RESOURCE[kind], initiative: scope })) {
			omitted.push({ what: DESCRIPTIONS[kind], why: 'du har inte behörighet att läsa det.' });
			continue;
		}
		const doc = await buildExport(app, actor, initiativeId, kind);
		if (!doc) {
			omitted.push({ what: DESCRIPTIONS[kind], why: 'inget förfarande har valts ännu.' });
			continue;
		}
		add(`dokument/${doc.fileBase}.docx`, DESCRIPTIONS[kind], await renderDocx(doc));
	}

	// The needs register, as its own export makes it.
	if (can(actor, 'read', { resource: 'needs', initiative: scope })) {
		const list = await needs.listNeeds(db, initiativeId);
		const items = await Promise.all(list.map(async (need) => ({ need, sources: await needs.resolveSources(app, need.sources) })));
		add('dokument/behovsregister.csv', `Behovsregistret, ${items.length} behov (CSV).`, strToU8(needsCsv(items, 'sv')));
		add('dokument/behovsregister.docx', 'Behovsregistret med indikatorer och källor (Word).', await needsDocx(title, items, 'sv', now));
	}

	// Every sprint's parity report (buyer team and observers read it through `sprint_parity`).
	const sprintRows = await db.select({ id: sprintsTable.id }).from(sprintsTable).where(eq(sprintsTable.initiativeId, initiativeId)).orderBy(sprintsTable.createdAt);
	for (const s of sprintRows) {
		if (!can(actor, 'read', { resource: 'sprint_parity', initiative: scope, sprint: { sprintId: s.id, ownRoomId: null } })) {
			omitted.push({ what: 'Paritetsrapport för en sprint', why: 'du har inte behörighet att läsa den.' });
			continue;
		}
		const report = await parityReport(db, s.id, now);
		if (!report) continue;
		const doc = parityDocument(report, title);
		add(`sprintar/${doc.fileBase}.docx`, `Paritetsrapporten för sprinten "${report.sprint.title}": underlag, möten och frågor per rum och varje skillnad mellan rummen (Word).`, await renderDocx(doc));
		add(`sprintar/${doc.fileBase}.json`, `Paritetsrapporten för sprinten "${report.sprint.title}" (maskinläsbar).`, strToU8(JSON.stringify(report, null, 2) + '\n'));
	}

	const listed: CaseFileEntry[] = files.map((f) => ({ path: f.path, description: f.description, sha256: sha256(f.data), bytes: f.data.byteLength }));
	const index = caseFileIndex({ initiativeTitle: title, initiativeId, generatedAt: now, generatedBy: actor.name, chain, files: listed, omitted });
	const mtime = now;
	const zippable: Record<string, [Uint8Array, { mtime: Date }]> = { [INDEX_NAME]: [strToU8(index), { mtime }] };
	for (const f of files) zippable[f.path] = [f.data, { mtime }];
	const day = now.toISOString().slice(0, 10);
	return { bytes: zipSync(zippable, { level: 6 }), fileName: `akt-${slug(title)}-${day}.zip`, entries: listed, chain };
}
