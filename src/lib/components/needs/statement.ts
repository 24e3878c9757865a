/**
 * Help for writing a need as a function or an outcome, not a product: the statement template
 * "[vem] behöver [funktion/resultat] så att [effekt]", and a check that warns when the text names
 * a brand or a product type. Used live in the editor and again by the server (shared, no imports).
 */

export interface StatementParts {
	who: string;
	need: string;
	effect: string;
}

/** "[vem] behöver [funktion/resultat] så att [effekt]" (Swedish) or its English counterpart. */
export function composeStatement(parts: StatementParts, locale: 'sv' | 'en' = 'sv'): string {
	const who = parts.who.trim();
	const need = parts.need.trim();
	const effect = parts.effect.trim();
	if (!who && !need && !effect) return '';
	const [needs, soThat] = locale === 'sv' ? ['behöver', 'så att'] : ['need', 'so that'];
	return `${who} ${needs} ${need}${effect ? ` ${soThat} ${effect}` : ''}`.replace(/\s+/g, ' ').trim();
}

/**
 * Words that name a solution rather than a need: product types (with Swedish inflections) and
 * common brands. Deliberately small; it warns, it does not forbid.
 */
const PRODUCT_TYPES = [
	'app',
	'appar',
	'appen',
	'apparna',
	'applikation\\w*',
	'mobilapp\\w*',
	'robot\\w*',
	'robotdammsugare\\w*',
	'sensor\\w*',
	'surfplatt\\w*',
	'läsplatt\\w*',
	'dator\\w*',
	'kamer\\w*',
	'övervakningskamer\\w*',
	'drönare\\w*',
	'chatt?bot\\w*',
	'ai',
	'vr-glasögon\\w*',
	'glasögon',
	'programvar\\w*',
	'mjukvar\\w*',
	'plattform\\w*',
	'portal\\w*',
	'webbportal\\w*',
	'databas\\w*',
	'skärm\\w*',
	'pekskärm\\w*',
	'armband\\w*',
	'klocka',
	'smartklock\\w*',
	'larmknapp\\w*',
	'trygghetslarm\\w*',
	'golvmatt\\w*',
	'dammsugare\\w*',
	'blockkedj\\w*',
	'qr-kod\\w*',
	'rfid\\w*'
];
const BRANDS = [
	'apple',
	'ipad\\w*',
	'iphone\\w*',
	'android',
	'google',
	'microsoft',
	'teams',
	'excel',
	'zoom',
	'samsung',
	'philips',
	'siemens',
	'ikea',
	'roomba',
	'irobot',
	'alexa',
	'chatgpt',
	'openai',
	'visma',
	'tieto\\w*',
	'cerner',
	'cosmic',
	'pepper'
];

const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${[...PRODUCT_TYPES, ...BRANDS].join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** The product or brand words found in a text, lower-cased and without duplicates. */
export function productWords(text: string): string[] {
	const found = new Set<string>();
	for (const m of text.matchAll(PATTERN)) found.add(m[1].toLowerCase());
	return [...found];
}
