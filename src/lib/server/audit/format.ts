/**
 * The journal as readable sentences. Each capability registers the events it writes
 * (`registerEvents` in its own `events.ts`, all imported by `./events.ts`), with a sentence in
 * Swedish and English and, when the raw data needs explaining, a list of labelled details.
 * The page, the CSV and the API all call `describe`, so a line reads the same everywhere.
 *
 * Sentences are built from what the row recorded plus what the reader may see (workshop titles
 * of the same initiative, guests' names unless the workshop is anonymous), passed in as a
 * `Lookup`: this module never queries anything itself, so it is easy to test and cannot leak.
 */
import { m } from '#lib/paraglide/messages.js';

export type Locale = 'sv' | 'en';

/** One labelled value in an entry's details. */
export interface Detail {
	label: string;
	value: string;
}

/** A workshop as the journal may name it. */
export interface WorkshopRef {
	title: string;
	anonymous: boolean;
}

/** What the formatter may learn beyond the row; everything here is already visible to the reader. */
export interface Lookup {
	workshop(id: string): WorkshopRef | undefined;
	/** A guest of a workshop: their display name and whether the workshop is anonymous. */
	guest(id: string): { displayName: string; anonymous: boolean } | undefined;
}

export const EMPTY_LOOKUP: Lookup = { workshop: () => undefined, guest: () => undefined };

/** The helpers a sentence is written with, bound to the reader's language. */
export interface Say {
	locale: Locale;
	/** Who did it, already readable ("Maria Lind", "Gäst (Lisa)", "Anonym deltagare", "Systemet"). */
	actor: string;
	/** Picks the Swedish or English text. */
	t(sv: string, en: string): string;
	/** A title in the language's quotation marks: ”Golv” / “Floors”. */
	q(value: unknown): string;
	/** A recorded string, or '' when it is not one. */
	str(value: unknown): string;
	/** Whole kronor: "450 000 kr" / "SEK 450,000". */
	sek(value: unknown): string;
	/** A number in the reader's format. */
	num(value: unknown): string;
	/** Yes or no. */
	yesNo(value: unknown): string;
	/** A date (YYYY-MM-DD or ISO instant) in the reader's format, Stockholm time. */
	date(value: unknown): string;
	/** A date and time in the reader's format, Stockholm time. */
	dateTime(value: unknown): string;
	/** Initiative phase name (Initiera, Behov …). */
	phase(value: unknown): string;
	/** Workshop phase name (Samla, Gruppera …). */
	workshopPhase(value: unknown): string;
	/** Role with its optional label: "Teammedlem (Behovsägare)". */
	role(role: unknown, label?: unknown): string;
	/** A workshop's title (quoted) from its id, or a neutral "a workshop" when it is unknown. */
	workshop(id: unknown): string;
	/** A guest as the reader may see them, by guest id. */
	guest(id: unknown): string;
	/** Joins a list: "a, b och c" / "a, b and c". */
	list(values: string[]): string;
}

export interface EventDefinition {
	sv: (data: Record<string, unknown>, say: Say) => string;
	en: (data: Record<string, unknown>, say: Say) => string;
	/** Labelled details beyond the sentence; without it, a generic readable list of the data. */
	details?: (data: Record<string, unknown>, say: Say) => Array<Detail | null | undefined | false>;
}

export interface EventRegistration {
	/** Names of the entity prefixes (`workshop` → Workshoppar/Workshops) for the kind filter. */
	kinds?: Record<string, { sv: string; en: string }>;
	events: Record<string, EventDefinition>;
}

const EVENTS = new Map<string, EventDefinition>();
const KINDS = new Map<string, { sv: string; en: string }>();

/** Registers a capability's journal events. A second registration of one action is a bug. */
export function registerEvents(registration: EventRegistration): void {
	for (const [action, def] of Object.entries(registration.events)) {
		if (EVENTS.has(action) && EVENTS.get(action) !== def) throw new Error(`journal event registered twice: ${action}`);
		EVENTS.set(action, def);
	}
	for (const [kind, names] of Object.entries(registration.kinds ?? {})) KINDS.set(kind, names);
}

export function isRegistered(action: string): boolean {
	return EVENTS.has(action);
}

export function registeredActions(): string[] {
	return [...EVENTS.keys()].sort();
}

/** The readable name of an event kind (entity prefix), or the prefix itself. */
export function kindName(kind: string, locale: Locale): string {
	return KINDS.get(kind)?.[locale] ?? kind;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function intl(locale: Locale): string {
	return locale === 'en' ? 'en-GB' : 'sv-SE';
}

const WORKSHOP_PHASES: Record<string, (i: object, o: { locale: Locale }) => string> = {
	draft: m.ws_phase_draft,
	collect: m.ws_phase_collect,
	cluster: m.ws_phase_cluster,
	vote: m.ws_phase_vote,
	prioritise: m.ws_phase_prioritise,
	formulate: m.ws_phase_formulate,
	closed: m.ws_phase_closed
};
const PHASES: Record<string, (i: object, o: { locale: Locale }) => string> = {
	initiate: m.phase_initiate,
	needs: m.phase_needs,
	dialogue: m.phase_dialogue,
	sprint: m.phase_sprint,
	procure: m.phase_procure,
	pilot: m.phase_pilot,
	evaluate: m.phase_evaluate
};
const ROLES: Record<string, (i: object, o: { locale: Locale }) => string> = {
	process_leader: m.role_process_leader,
	team: m.role_team,
	observer: m.role_observer
};
const LABELS: Record<string, (i: object, o: { locale: Locale }) => string> = {
	needs_owner: m.label_needs_owner,
	procurement_officer: m.label_procurement_officer,
	operations: m.label_operations,
	expert: m.label_expert
};

/** Guest, named or anonymous as the workshop promised its participants. */
function guestName(g: { displayName: string; anonymous: boolean } | undefined, locale: Locale): string {
	if (!g) return locale === 'en' ? 'A guest' : 'En gäst';
	if (g.anonymous) return locale === 'en' ? 'Anonymous participant' : 'Anonym deltagare';
	return locale === 'en' ? `Guest (${g.displayName})` : `Gäst (${g.displayName})`;
}

/** The actor of a row as the reader sees it: names stay, guests follow the workshop's anonymity. */
export function actorName(label: string, locale: Locale, lookup: Lookup): string {
	if (label === 'system') return locale === 'en' ? 'The system' : 'Systemet';
	if (label.startsWith('guest:')) return guestName(lookup.guest(label.slice('guest:'.length)), locale);
	return label;
}

function makeSay(locale: Locale, actor: string, lookup: Lookup): Say {
	const t = (sv: string, en: string) => (locale === 'en' ? en : sv);
	const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
	const asNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN);
	const num = (v: unknown) => {
		const n = asNumber(v);
		return Number.isFinite(n) ? new Intl.NumberFormat(intl(locale)).format(n) : str(v);
	};
	const asDate = (v: unknown) => {
		const s = str(v);
		if (!s) return null;
		const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T12:00:00Z` : s);
		return Number.isNaN(d.getTime()) ? null : d;
	};
	const opts = { locale };
	return {
		locale,
		actor,
		t,
		str,
		q: (v) => (locale === 'en' ? `“${str(v)}”` : `”${str(v)}”`),
		sek: (v) => {
			const n = asNumber(v);
			if (!Number.isFinite(n)) return t('inget belopp', 'no amount');
			return new Intl.NumberFormat(intl(locale), { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(n);
		},
		num,
		yesNo: (v) => (v ? t('ja', 'yes') : t('nej', 'no')),
		date: (v) => {
			const d = asDate(v);
			return d ? new Intl.DateTimeFormat(intl(locale), { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(d) : str(v);
		},
		dateTime: (v) => {
			const d = asDate(v);
			return d ? new Intl.DateTimeFormat(intl(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(d) : str(v);
		},
		phase: (v) => PHASES[str(v)]?.({}, opts) ?? str(v),
		workshopPhase: (v) => WORKSHOP_PHASES[str(v)]?.({}, opts) ?? str(v),
		role: (role, label) => {
			const r = ROLES[str(role)]?.({}, opts) ?? str(role);
			const l = LABELS[str(label)]?.({}, opts);
			return l ? `${r} (${l})` : r;
		},
		workshop: (id) => {
			const w = lookup.workshop(str(id));
			return w ? t(`workshoppen ${`”${w.title}”`}`, `the workshop “${w.title}”`) : t('en workshop', 'a workshop');
		},
		guest: (id) => guestName(lookup.guest(str(id)), locale),
		list: (values) => {
			const v = values.filter(Boolean);
			if (v.length <= 1) return v.join('');
			return `${v.slice(0, -1).join(', ')} ${t('och', 'and')} ${v.at(-1)}`;
		}
	};
}

/** "estimatedValueSek" → "Estimated value sek": a last resort label for unregistered data. */
function humanise(key: string): string {
	const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]+/g, ' ').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A recorded value as text, without ids (which say nothing to a reader) and without JSON. */
function plainValue(value: unknown, say: Say): string {
	if (value === null || value === undefined || value === '') return '–';
	if (typeof value === 'boolean') return say.yesNo(value);
	if (typeof value === 'number') return say.num(value);
	if (typeof value === 'string') return UUID.test(value) ? '' : value;
	if (Array.isArray(value)) return value.map((v) => plainValue(v, say)).filter(Boolean).join(', ');
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => {
				const p = plainValue(v, say);
				return p ? `${humanise(k)}: ${p}` : '';
			})
			.filter(Boolean)
			.join('; ');
	}
	return String(value);
}

/** Every recorded field that says something, labelled; ids are left out. */
export function genericDetails(data: Record<string, unknown>, say: Say): Detail[] {
	return Object.entries(data)
		.map(([k, v]) => ({ label: humanise(k), value: plainValue(v, say) }))
		.filter((d) => d.value !== '');
}

/** The readable form of one journal row. */
export interface Described {
	/** Who did it, readable. */
	actor: string;
	/** One sentence, e.g. "Maria Lind flyttade workshoppen ”Behov” från Samla till Gruppera." */
	text: string;
	details: Detail[];
}

export interface DescribeInput {
	action: string;
	actorLabel: string;
	data: Record<string, unknown>;
}

function sentence(s: string): string {
	const trimmed = s.trim();
	if (!trimmed) return trimmed;
	const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * One row as a sentence with details. An event nobody registered still reads as a sentence
 * ("Maria Lind: brief.edited") with its data listed, never as JSON.
 */
export function describe(row: DescribeInput, locale: Locale, lookup: Lookup = EMPTY_LOOKUP): Described {
	const actor = actorName(row.actorLabel, locale, lookup);
	const say = makeSay(locale, actor, lookup);
	const def = EVENTS.get(row.action);
	if (!def) {
		const kind = row.action.split('.')[0];
		const name = KINDS.get(kind)?.[locale];
		return {
			actor,
			text: sentence(say.t(`${actor} registrerade händelsen ${row.action}`, `${actor} recorded the event ${row.action}`) + (name ? ` (${name})` : '')),
			details: genericDetails(row.data, say)
		};
	}
	let details: Detail[];
	try {
		details = def.details ? def.details(row.data, say).filter((d): d is Detail => !!d && d.value !== '') : genericDetails(row.data, say);
	} catch {
		details = genericDetails(row.data, say);
	}
	let text: string;
	try {
		text = sentence(def[locale](row.data, say));
	} catch {
		// Old rows may lack a field a newer sentence expects: still a line, never a failed page.
		text = sentence(say.t(`${actor} registrerade händelsen ${row.action}`, `${actor} recorded the event ${row.action}`));
	}
	return { actor, text, details };
}
