/**
 * Files: one module for every upload in Brygga (RFI answers, tender attachments, sprint
 * material, pilot data). A file belongs to a *purpose* registered by the capability that owns
 * it; the purpose decides, through the policy, who may add a file to which owner and who may
 * read it — the file module itself never guesses. Content is checked by its bytes (`sniff.ts`),
 * its SHA-256 is recorded, and it is kept in the database (see the README for why, and what a
 * larger installation would move to). Files are served only as attachments, with `nosniff` and a
 * sandboxing CSP, never inline on Brygga's origin.
 */
import { registry } from '../registry.ts';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, inArray } from 'drizzle-orm';
import { fileContents, files } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { Actor, UserActor } from '../access/policy.ts';
import { ApiError, notFound, forbidden } from '../http/api.ts';
import { isUuid } from '../access/scope.ts';
import * as audit from '../audit/index.ts';
import { cleanName, sniff } from './sniff.ts';

export interface FileMeta {
	id: string;
	purpose: string;
	ownerId: string;
	initiativeId: string | null;
	organisationId: string | null;
	uploadedBy: string | null;
	name: string;
	mediaType: string;
	size: number;
	sha256: string;
	createdAt: Date;
}

export type Verdict = 'ok' | 'not_found' | 'forbidden';

export interface FilePurpose {
	/**
	 * May `actor` add a file to `ownerId`? Asks the policy; answers the initiative the file
	 * belongs to (for the journal), or a refusal (`not_found` when the owner may not be known).
	 */
	authorizeUpload(app: App, actor: UserActor, ownerId: string): Promise<{ verdict: Verdict; initiativeId: string | null; journalId?: string }>;
	/** May `actor` read this file? Asks the policy with what the file records. */
	authorizeRead(app: App, actor: Actor, file: FileMeta): Promise<Verdict>;
	/**
	 * Content kept encrypted at rest (sealed tenders): `close` encrypts the checked bytes before
	 * they are stored, `open` decrypts them for a read the purpose has allowed. The SHA-256 and
	 * the content check are of the plain bytes.
	 */
	seal?: {
		close(app: App, ownerId: string, bytes: Uint8Array): Promise<Uint8Array>;
		open(app: App, file: FileMeta, stored: Uint8Array): Promise<Uint8Array>;
	};
}

const purposes = registry<FilePurpose>('file-purposes');

/** Registers the capability that owns files of this purpose. */
export function registerFilePurpose(name: string, purpose: FilePurpose): void {
	purposes.set(name, purpose);
}

export function isPurpose(name: string): boolean {
	return purposes.has(name);
}

function refuse(verdict: Verdict): never {
	throw verdict === 'forbidden' ? forbidden() : notFound();
}

export interface UploadInput {
	purpose: string;
	ownerId: string;
	name: string;
	bytes: Uint8Array;
}

/**
 * Checks and stores one upload, journalled in the same transaction. Refusals: 404/403 from the
 * purpose, 413 `file_too_large`, 415 `file_type_not_allowed`, 400 `empty_file`.
 */
export async function upload(app: App, actor: UserActor, input: UploadInput): Promise<FileMeta> {
	const purpose = purposes.get(input.purpose);
	if (!purpose || !isUuid(input.ownerId)) throw notFound();
	const { verdict, initiativeId, journalId } = await purpose.authorizeUpload(app, actor, input.ownerId);
	if (verdict !== 'ok') refuse(verdict);
	const max = app.config.FILES_MAX_BYTES;
	if (input.bytes.length === 0) throw new ApiError(400, 'empty_file', 'Filen är tom.');
	if (input.bytes.length > max) {
		throw new ApiError(413, 'file_too_large', `Filen är för stor. Största tillåtna storlek är ${formatMegabytes(max)}.`);
	}
	const kind = sniff(input.bytes);
	if (!kind) {
		throw new ApiError(
			415,
			'file_type_not_allowed',
			'Filtypen tas inte emot. Ladda upp PDF, Word, Excel, PowerPoint, OpenDocument, bilder (PNG, JPEG, GIF, WebP) eller text/CSV.'
		);
	}
	const hash = encodeHexLowerCase(sha256(input.bytes));
	const name = cleanName(input.name, kind);
	// Sealed before the transaction: the purpose may read what it needs to seal with.
	const stored = purpose.seal ? await purpose.seal.close(app, input.ownerId.toLowerCase(), input.bytes) : input.bytes;
	return app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(files)
			.values({
				purpose: input.purpose,
				ownerId: input.ownerId.toLowerCase(),
				initiativeId,
				organisationId: actor.organisationId,
				uploadedBy: actor.userId,
				name,
				mediaType: kind.mediaType,
				size: input.bytes.length,
				sha256: hash
			})
			.returning();
		await tx.insert(fileContents).values({ fileId: row.id, content: stored });
		await audit.record(tx, {
			// A purpose may journal in a chain of its own (a sealed tender round's).
			initiativeId: journalId ?? initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'file.uploaded',
			data: { fileId: row.id, purpose: input.purpose, ownerId: row.ownerId, name, mediaType: kind.mediaType, size: row.size, sha256: hash }
		});
		return row as FileMeta;
	});
}

/** `25 MB` in Swedish style. */
export function formatMegabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return `${Number.isInteger(mb) ? mb : mb.toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}

/** Metadata of a file (no content), or null. */
export async function meta(db: Db | Tx, id: string): Promise<FileMeta | null> {
	if (!isUuid(id)) return null;
	const [row] = await db.select().from(files).where(eq(files.id, id.toLowerCase())).limit(1);
	return (row as FileMeta | undefined) ?? null;
}

/** Metadata of several files (for lists); ids that do not exist are left out. */
export async function metas(db: Db | Tx, ids: string[]): Promise<FileMeta[]> {
	const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
	if (!valid.length) return [];
	return (await db.select().from(files).where(inArray(files.id, valid))) as FileMeta[];
}

/** The file's metadata and bytes when the actor may read it; 404/403 otherwise (through its purpose). */
export async function readForActor(app: App, actor: Actor, id: string): Promise<{ file: FileMeta; content: Uint8Array }> {
	const file = await meta(app.db, id);
	if (!file) throw notFound();
	const purpose = purposes.get(file.purpose);
	if (!purpose) throw notFound();
	const verdict = await purpose.authorizeRead(app, actor, file);
	if (verdict !== 'ok') refuse(verdict);
	const [row] = await app.db.select({ content: fileContents.content }).from(fileContents).where(eq(fileContents.fileId, file.id)).limit(1);
	if (!row) throw notFound();
	return { file, content: purpose.seal ? await purpose.seal.open(app, file, row.content) : row.content };
}

/** The stored bytes of a file, for exports and the case file (the caller has asked the policy); sealed purposes' bytes stay encrypted. */
export async function content(db: Db | Tx, id: string): Promise<Uint8Array | null> {
	const [row] = await db.select({ content: fileContents.content }).from(fileContents).where(eq(fileContents.fileId, id)).limit(1);
	return row?.content ?? null;
}

/**
 * The response that hands a file out: always an attachment, of the detected type, with
 * `nosniff` and a CSP that sandboxes anything a browser might still try to render.
 */
export function download(file: FileMeta, bytes: Uint8Array): Response {
	const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(bytes as BodyInit, {
		status: 200,
		headers: {
			'content-type': file.mediaType,
			'content-length': String(bytes.length),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store',
			'x-file-sha256': file.sha256
		}
	});
}

/** The public shape of a file in API answers. */
export function view(file: FileMeta) {
	return { id: file.id, name: file.name, mediaType: file.mediaType, size: file.size, sha256: file.sha256, createdAt: file.createdAt.toISOString() };
}
