/** The committee documents and the case file (issue 12). */
import { errors, registerOperations } from '../openapi.ts';
import { EXPORT_KINDS } from './index.ts';

const binary = { type: 'string', format: 'binary' };

registerOperations([
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/exports/{kind}',
		tags: ['exports'],
		summary: 'A committee document as Word (DOCX)',
		description:
			'`brief` (projektdirektiv, with who edited it and when), `effect-logic`, `conflicts` (jävsregister) or `procedure` (the saved procedure decision). Read through the same policy resource as the page the document comes from: brief, needs, conflicts (the buyer team only) and procedure. In Swedish, downloaded as an attachment; the printable page is `/initiatives/{id}/print/{kind}`. Counts towards the export limit (30 per person in 10 minutes).',
		params: { id: 'Initiative id.', kind: `One of ${EXPORT_KINDS.map((k) => `\`${k}\``).join(', ')}.` },
		responses: {
			200: { description: 'The Word document.', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', schema: binary },
			401: errors[401],
			403: errors[403],
			404: { description: 'Unknown kind, an initiative the caller may not know, or (`procedure`) no procedure chosen yet.', schema: errors[404].schema },
			429: errors[429]
		}
	},
	{
		method: 'get',
		path: '/api/v1/initiatives/{id}/case-file',
		tags: ['exports'],
		summary: 'The case file (akt) as a ZIP',
		description:
			'The documentation of the whole process in one ZIP: `LASMIG.txt` (index in Swedish: every file with its size and SHA-256, and the result of the journal chain check), `journal/journal.csv` and `journal/kedjekontroll.json`, every published requirements version exactly as published (`kravspecifikation/version-N.json`) and as Word, and the committee documents and needs register under `dokument/` — each only when the caller may read it. Whoever may read the journal may download the case file; the download is journalled as `case_file.exported`. Counts towards the export limit.',
		params: { id: 'Initiative id.' },
		responses: {
			200: { description: 'The ZIP file.', contentType: 'application/zip', schema: binary },
			401: errors[401],
			404: { description: 'The initiative does not exist, or the caller may not read its journal.', schema: errors[404].schema },
			429: errors[429]
		}
	}
]);
