/**
 * A tender's content as sealed, hashed and read back: canonical JSON (sorted keys), so the
 * receipt's SHA-256 can be re-computed from the decrypted content at the opening and at any time
 * after it. Decryption happens in memory only, for the read that needs it.
 */
import { asc, eq } from 'drizzle-orm';
import { organisations, tenderSubmissions } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import { canonicalJson } from '../audit/index.ts';
import { ApiError } from '../http/api.ts';
import { sha256Hex } from '../requirements/versions.ts';
import type { Tender } from './access.ts';
import { openContent, sealKey, unwrapKey } from './seal.ts';

export interface TenderContent {
	tenderId: string;
	organisationId: string;
	answers: Array<{ requirementId: string; value: string }>;
	priceSek: number;
	confidentiality: Array<{ requirementId?: string; what: string; why: string }>;
	/** Attached files (sealed under the round's key), named by id and hash so the receipt covers them. Absent when none. */
	attachments?: Array<{ fileId: string; name: string; sha256: string; size: number }>;
}

export function canonicalContent(c: TenderContent): string {
	return canonicalJson(c);
}

/**
 * The round's data key, unwrapped in memory for the one operation that needs it. A seal key that
 * does not match (a database restored without its key, a changed `SEAL_KEY`) is said plainly.
 */
export function dataKey(app: App, tender: Pick<Tender, 'wrappedKey'>): Buffer {
	try {
		return unwrapKey(sealKey(app.config), tender.wrappedKey);
	} catch {
		app.log.error('tenders.seal_key_mismatch', { message: 'the seal key cannot unwrap a tender round’s data key: restore SEAL_KEY or DATA_DIR/seal.key' });
		throw new ApiError(500, 'seal_key_mismatch', 'Förseglingsnyckeln hör inte till den här databasen. Kontakta plattformens administratör.');
	}
}

export interface OpenedSubmission {
	receiptId: string;
	organisation: { id: string; name: string };
	receivedAt: string;
	sha256: string;
	size: number;
	/** The receipt's hash re-computed from the decrypted content matches. */
	hashVerified: boolean;
	content: TenderContent | null;
}

/** Every tender of the round, decrypted and checked against its receipt. Only after the opening. */
export async function verifySubmissions(app: App, db: Db | Tx, tender: Pick<Tender, 'id' | 'wrappedKey'>): Promise<OpenedSubmission[]> {
	const rows = await db
		.select({
			id: tenderSubmissions.id,
			organisationId: tenderSubmissions.organisationId,
			organisationName: organisations.name,
			receivedAt: tenderSubmissions.receivedAt,
			sha256: tenderSubmissions.sha256,
			size: tenderSubmissions.size,
			ciphertext: tenderSubmissions.ciphertext
		})
		.from(tenderSubmissions)
		.innerJoin(organisations, eq(organisations.id, tenderSubmissions.organisationId))
		.where(eq(tenderSubmissions.tenderId, tender.id))
		.orderBy(asc(tenderSubmissions.receivedAt), asc(tenderSubmissions.id));
	const key = rows.length ? dataKey(app, tender) : null;
	return rows.map((r) => {
		let content: TenderContent | null = null;
		let plaintext: string | null = null;
		try {
			plaintext = openContent(key!, r.ciphertext);
			content = JSON.parse(plaintext) as TenderContent;
		} catch {
			// Tampered ciphertext fails GCM authentication: reported as not verified, never thrown away.
		}
		return {
			receiptId: r.id,
			organisation: { id: r.organisationId, name: r.organisationName },
			receivedAt: r.receivedAt.toISOString(),
			sha256: r.sha256,
			size: r.size,
			hashVerified: plaintext !== null && sha256Hex(plaintext) === r.sha256,
			content
		};
	});
}
