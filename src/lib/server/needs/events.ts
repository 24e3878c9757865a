/** Journal sentences for the needs register and the effect logic. */
import { registerEvents, type Say } from '../audit/format.ts';

const FIELDS: Record<string, [string, string]> = {
	title: ['titel', 'title'],
	statement: ['behovsformulering', 'need statement'],
	affected: ['berörda', 'affected'],
	currentSituation: ['nuläge', 'current situation'],
	baseline: ['utgångsläge', 'baseline'],
	desiredEffect: ['önskad effekt', 'desired effect'],
	indicators: ['indikatorer', 'indicators'],
	priority: ['prioritet', 'priority'],
	status: ['status', 'status'],
	movedTo: ['flyttad till', 'moved to'],
	sources: ['källor', 'sources']
};
const PRIORITIES: Record<string, [string, string]> = { high: ['hög', 'high'], medium: ['medel', 'medium'], low: ['låg', 'low'] };
const STATUSES: Record<string, [string, string]> = {
	draft: ['utkast', 'draft'],
	agreed: ['överenskommet', 'agreed'],
	parked: ['parkerat', 'parked'],
	moved: ['flyttat till en annan process', 'moved to another process']
};

function pick(table: Record<string, [string, string]>, key: unknown, s: Say): string {
	const e = table[s.str(key)];
	return e ? s.t(e[0], e[1]) : s.str(key);
}

function fromTo(v: unknown, table: Record<string, [string, string]>, s: Say): string {
	const c = (v ?? {}) as { from?: unknown; to?: unknown };
	return `${pick(table, c.from, s)} → ${pick(table, c.to, s)}`;
}

registerEvents({
	kinds: { need: { sv: 'Behov', en: 'Needs' }, effect_logic: { sv: 'Effektlogik', en: 'Effect logic' } },
	events: {
		'need.created': {
			sv: (d, s) => `${s.actor} lade till behovet ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} added the need ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Status', 'Status'), value: pick(STATUSES, d.status, s) },
				{ label: s.t('Prioritet', 'Priority'), value: pick(PRIORITIES, d.priority, s) },
				{ label: s.t('Källor', 'Sources'), value: s.num(d.sources) }
			]
		},
		'need.updated': {
			sv: (d, s) => `${s.actor} ändrade behovet ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} changed the need ${s.q(d.title)}`,
			details: (d, s) => [
				Array.isArray(d.fields) && { label: s.t('Ändrat', 'Changed'), value: s.list(d.fields.map((f) => pick(FIELDS, f, s))) },
				d.status !== undefined && { label: s.t('Status', 'Status'), value: fromTo(d.status, STATUSES, s) },
				d.priority !== undefined && { label: s.t('Prioritet', 'Priority'), value: fromTo(d.priority, PRIORITIES, s) }
			]
		},
		'effect_logic.updated': {
			sv: (_d, s) => `${s.actor} ändrade effektlogiken`,
			en: (_d, s) => `${s.actor} changed the effect logic`,
			details: (d, s) => [
				{ label: s.t('Aktiviteter', 'Activities'), value: s.num(d.activities) },
				{ label: s.t('Prestationer', 'Outputs'), value: s.num(d.outputs) },
				{ label: s.t('Effekter', 'Outcomes'), value: s.num(d.outcomes) },
				{ label: s.t('Långsiktiga effekter', 'Impacts'), value: s.num(d.impacts) }
			]
		}
	}
});
