/**
 * The index (LASMIG.txt) of an initiative's case file: what the ZIP holds, each file's SHA-256,
 * and the result of the journal's chain check, in Swedish plain text, so the file can be read
 * and checked years later without Brygga. Pure: the case file passes everything in.
 */
import { swedishDateTime } from './document.ts';

export interface CaseFileEntry {
	path: string;
	description: string;
	sha256: string;
	bytes: number;
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number };

export interface CaseIndexInput {
	initiativeTitle: string;
	initiativeId: string;
	generatedAt: Date;
	generatedBy: string;
	chain: ChainCheck;
	files: CaseFileEntry[];
	/** Documents left out, with the reason (e.g. no procedure chosen yet). */
	omitted: Array<{ what: string; why: string }>;
}

/** One sentence on the chain check, as the index and the journal page say it. */
export function chainSentence(chain: ChainCheck): string {
	return chain.ok
		? `Kedjekontroll: OK. Journalens ${chain.entries} poster hänger ihop – varje posts hash stämmer med dess innehåll och med föregående post.`
		: `Kedjekontroll: BRUTEN vid post ${chain.brokenAt} (av ${chain.entries}). Journalen har ändrats efter att posterna skrevs, eller en post saknas. Kontakta plattformens administratör.`;
}

export function caseFileIndex(input: CaseIndexInput): string {
	const lines = [
		`Akt för initiativet "${input.initiativeTitle}"`,
		`Initiativets id: ${input.initiativeId}`,
		`Uttagen ${swedishDateTime(input.generatedAt)} (svensk tid) av ${input.generatedBy}.`,
		'',
		'Akten är dokumentationen av processen: journalen över allt som har hänt, varje publicerad version',
		'och dokumenten som har tagits fram för beslut. Den skapas av Brygga ur plattformens egna uppgifter.',
		'',
		chainSentence(input.chain),
		'',
		'Innehåll (SHA-256 för varje fil, så att en kopia kan kontrolleras):',
		''
	];
	for (const f of input.files) {
		lines.push(`${f.path}`, `    ${f.description}`, `    ${f.bytes} byte, SHA-256 ${f.sha256}`);
	}
	if (input.omitted.length) {
		lines.push('', 'Inte med i akten:');
		for (const o of input.omitted) lines.push(`- ${o.what}: ${o.why}`);
	}
	lines.push('');
	return lines.join('\r\n');
}
