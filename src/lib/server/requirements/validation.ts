/** Request bodies of the requirements API. */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';

export const PublishBody = z.object({ note: multilineText().trim().max(2000).optional().nullable() }).strict();

export const CommentBody = z
	.object({
		requirementUid: lineText().trim().min(1).max(64),
		body: multilineText().trim().min(1, 'Skriv en kommentar.').max(4000)
	})
	.strict();
