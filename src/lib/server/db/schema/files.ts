/**
 * Uploaded files, kept in the database itself: PGlite and PostgreSQL both work, a backup of the
 * database is a backup of the files, and a file can never exist without the row that says who
 * may read it. Content and metadata sit in separate tables so that listing files never reads
 * their bytes. See `src/lib/server/files` and the README (storage choice).
 */
import { pgTable, uuid, text, timestamp, integer, index } from 'drizzle-orm/pg-core';
import { bytea, organisations, users } from './accounts.ts';
import { initiatives } from './initiatives.ts';

export const files = pgTable(
	'files',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/**
		 * The capability the file belongs to (`rfi_answer`, …). Its registered purpose decides,
		 * through the policy, who may read the file.
		 */
		purpose: text('purpose').notNull(),
		/** The thing inside the capability that owns it, e.g. an RFI round's id. */
		ownerId: uuid('owner_id').notNull(),
		initiativeId: uuid('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
		/** The uploader's organisation at upload time: suppliers' files stay theirs. */
		organisationId: uuid('organisation_id').references(() => organisations.id),
		uploadedBy: uuid('uploaded_by').references(() => users.id),
		/** The name the user gave it, cleaned of path parts and control characters. */
		name: text('name').notNull(),
		/** Detected from the content, never taken from the client. */
		mediaType: text('media_type').notNull(),
		size: integer('size').notNull(),
		/** SHA-256 of the content, lower-case hex. */
		sha256: text('sha256').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('files_owner_idx').on(t.purpose, t.ownerId)]
);

export const fileContents = pgTable('file_contents', {
	fileId: uuid('file_id')
		.primaryKey()
		.references(() => files.id, { onDelete: 'cascade' }),
	content: bytea('content').notNull()
});
