/** Journal sentences for exports: the case file. */
import { registerEvents } from '../audit/format.ts';

registerEvents({
	kinds: { case_file: { sv: 'Akten', en: 'Case file' } },
	events: {
		'case_file.exported': {
			sv: (d, s) => `${s.actor} tog ut initiativets akt (${s.num(Array.isArray(d.files) ? d.files.length : 0)} filer, journalen ${d.chainOk === false ? 'med bruten kedja' : 'hel'})`,
			en: (d, s) => `${s.actor} exported the initiative's case file (${s.num(Array.isArray(d.files) ? d.files.length : 0)} files, journal chain ${d.chainOk === false ? 'broken' : 'intact'})`,
			details: (d, s) => [
				{ label: s.t('Journalposter', 'Journal entries'), value: s.num(d.journalEntries) },
				Array.isArray(d.files) && { label: s.t('Filer', 'Files'), value: (d.files as unknown[]).map(String).join(', ') }
			]
		}
	}
});
