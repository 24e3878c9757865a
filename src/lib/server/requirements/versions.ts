/**
 * Published versions of a requirements specification. Publishing freezes the current draft as
 * canonical JSON text; the text is stored as-is and served byte for byte, so a version cited by
 * an RFI or a tender reads the same forever (the table refuses UPDATE and DELETE).
 *
 * Rich text: the requirement text is edited as rich text (a `Y.XmlFragment`, see the model), but
 * a version — and therefore its hash, the diff between versions and the exports — holds its
 * **plain-text projection** (`fragmentText`: one line per paragraph, bullet items as "• " lines).
 * That projection is deterministic and is what a tender answers to; bold and italic are emphasis
 * in the draft only, so a change of formatting alone is not a new wording and shows no change in
 * the diff. Versions published before rich text have exactly the same shape. Should formatting
 * ever have to be frozen too, add a separate field to new versions; never change what
 * `text` means, or old hashes and diffs would lie.
 *
 * Rule 3: the stored text names its publisher. A supplier's expert on the team who may not name
 * the publisher (`mayNamePerson`) gets the version with the publisher shown as "Teamet" — in the
 * list, the JSON, the diff, the print page and the DOCX alike (`forViewer`).
 */
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { requirementComments, requirementVersions } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { Actor, UserActor } from '../access/policy.ts';
import { attribution, organisationsOf } from '../access/people.ts';
import * as audit from '../audit/index.ts';
import { canonicalJson } from '../audit/index.ts';
import { readDraft } from './draft.ts';
import { ApiError } from '../http/api.ts';
import { requirementFromVersion, unlinkedRequirements, type RequirementsJson } from '../../shapes/requirements.ts';

export interface VersionContent extends RequirementsJson {
	initiativeId: string;
	version: number;
	publishedAt: string;
	publishedBy: { id: string; name: string };
	note: string | null;
}

export interface VersionSummary {
	version: number;
	publishedAt: string;
	sha256: string;
	note: string | null;
	publishedBy: { id: string; name: string };
	requirementCount: number;
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** What publishing now would freeze: shown in the confirmation before anyone publishes. */
export interface PublishPreview {
	nextVersion: number;
	requirements: number;
	/** Visible ids of the requirements linked to no need of the initiative, in document order. */
	unlinked: string[];
	/**
	 * Comments on requirements still in the draft. Comments are a discussion, not part of a
	 * version: they stay open after publishing, so the publisher should know they exist.
	 */
	openComments: number;
}

async function nextVersionNumber(db: Tx, initiativeId: string): Promise<number> {
	const [last] = await db
		.select({ version: requirementVersions.version })
		.from(requirementVersions)
		.where(eq(requirementVersions.initiativeId, initiativeId))
		.orderBy(desc(requirementVersions.version))
		.limit(1);
	return (last?.version ?? 0) + 1;
}

export async function publishPreview(app: App, initiativeId: string): Promise<PublishPreview> {
	const draft = await readDraft(app, initiativeId);
	const uids = draft.requirements.map((r) => r.uid).filter(Boolean);
	const [comments] = uids.length
		? await app.db
				.select({ n: count() })
				.from(requirementComments)
				.where(and(eq(requirementComments.initiativeId, initiativeId), inArray(requirementComments.requirementUid, uids)))
		: [{ n: 0 }];
	return {
		nextVersion: await nextVersionNumber(app.db, initiativeId),
		requirements: draft.requirements.length,
		unlinked: unlinkedRequirements(draft.requirements).map((r) => r.id),
		openComments: Number(comments.n)
	};
}

/**
 * Freezes the current draft as the next version. Numbering is serialised per initiative with a
 * transaction-scoped advisory lock, so two people publishing at once get 1 and 2, never 1 twice.
 * An empty draft is refused (409 `empty_draft`): a version without requirements helps nobody.
 * Who may publish is the policy's `requirement_versions` write (process leader, procurement
 * officer); callers ask it first. The journal entry lists the requirements frozen without a need.
 */
export async function publish(app: App, actor: UserActor, initiativeId: string, note: string | null): Promise<VersionSummary> {
	const draft = await readDraft(app, initiativeId);
	if (!draft.requirements.length) throw new ApiError(409, 'empty_draft', 'Kravspecifikationen är tom – lägg till krav innan du publicerar en version.');
	const summary = await app.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'requirements:' + initiativeId}))`);
		const version = await nextVersionNumber(tx, initiativeId);
		const publishedAt = new Date().toISOString();
		const content: VersionContent = {
			initiativeId,
			version,
			publishedAt,
			publishedBy: { id: actor.userId, name: actor.name },
			note,
			sections: draft.sections,
			requirements: draft.requirements
		};
		const text = canonicalJson(content);
		const hash = sha256Hex(text);
		await tx.insert(requirementVersions).values({
			initiativeId,
			version,
			content: text,
			sha256: hash,
			note,
			publishedBy: actor.userId,
			publishedByName: actor.name,
			publishedAt
		});
		await audit.record(tx, {
			initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'requirements.version_published',
			data: { version, sha256: hash, requirements: draft.requirements.length, unlinked: unlinkedRequirements(draft.requirements).map((r) => r.id) }
		});
		return {
			version,
			publishedAt,
			sha256: hash,
			note,
			publishedBy: { id: actor.userId, name: actor.name },
			requirementCount: draft.requirements.length
		};
	});
	return summary;
}

/** All versions of an initiative, newest first, each publisher as `viewer` may see them (rule 3). */
export async function listVersions(db: Db, viewer: Actor, initiativeId: string): Promise<VersionSummary[]> {
	const rows = await db
		.select()
		.from(requirementVersions)
		.where(eq(requirementVersions.initiativeId, initiativeId))
		.orderBy(desc(requirementVersions.version));
	const orgs = await organisationsOf(db, rows.map((r) => r.publishedBy));
	return rows.map((r) => ({
		version: r.version,
		publishedAt: new Date(r.publishedAt).toISOString(),
		sha256: r.sha256,
		note: r.note,
		publishedBy: attribution(viewer, { id: r.publishedBy, name: r.publishedByName }, orgs.get(r.publishedBy) ?? null),
		requirementCount: (JSON.parse(r.content) as VersionContent).requirements.length
	}));
}

/**
 * A published version as `viewer` may read it: unchanged, or with the publisher shown as "Teamet"
 * when a supplier may not name them (rule 3). `redacted` tells callers that serve stored bytes
 * that they must serve this object instead.
 */
export async function forViewer(db: Db, viewer: Actor, v: VersionContent): Promise<{ version: VersionContent; redacted: boolean }> {
	const orgs = await organisationsOf(db, [v.publishedBy.id]);
	const publishedBy = attribution(viewer, v.publishedBy, orgs.get(v.publishedBy.id) ?? null);
	if (publishedBy === v.publishedBy) return { version: v, redacted: false };
	return { version: { ...v, publishedBy }, redacted: true };
}

/** The stored text of one version exactly as published, or null. */
export async function versionText(db: Db, initiativeId: string, version: number): Promise<{ content: string; sha256: string } | null> {
	if (!Number.isSafeInteger(version) || version < 1) return null;
	const [row] = await db
		.select({ content: requirementVersions.content, sha256: requirementVersions.sha256 })
		.from(requirementVersions)
		.where(and(eq(requirementVersions.initiativeId, initiativeId), eq(requirementVersions.version, version)))
		.limit(1);
	return row ?? null;
}

/**
 * A version's stored text parsed for reading: requirements of versions published before the two
 * axes (one `type`) are converted to `kind` and `obligation` (see the model). Every reader of a
 * parsed version goes through here; the stored text is served unchanged.
 */
export function parseVersion(content: string): VersionContent {
	const raw = JSON.parse(content) as VersionContent & { requirements: Array<Record<string, unknown>> };
	return { ...raw, requirements: raw.requirements.map(requirementFromVersion) };
}

/** One version parsed (see `parseVersion`) and as `viewer` may read it (see `forViewer`), or null. */
export async function getVersion(db: Db, viewer: Actor, initiativeId: string, version: number): Promise<VersionContent | null> {
	const row = await versionText(db, initiativeId, version);
	return row ? (await forViewer(db, viewer, parseVersion(row.content))).version : null;
}

/** Parses a version number from a path segment; null for anything but a positive integer. */
export function parseVersionParam(s: string | undefined | null): number | null {
	return s && /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null;
}
