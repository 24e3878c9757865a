/** Request bodies of the requirements API. */
import { z } from 'zod';

export const PublishBody = z.object({ note: z.string().trim().max(2000).optional().nullable() }).strict();

export const CommentBody = z
	.object({
		requirementUid: z.string().trim().min(1).max(64),
		body: z.string().trim().min(1, 'Skriv en kommentar.').max(4000)
	})
	.strict();
