/** Request bodies of the needs register, validated with zod (Swedish messages: they reach the form). */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';
import { NEED_PRIORITIES, NEED_STATUSES, type NeedIndicator } from '../db/schema/needs.ts';
import { isIsoDate, parseSvNumber } from '../pilots/numbers.ts';

/** Several lines allowed unless `line`; lone surrogates and control characters are refused (`text.ts`). */
const text = (max: number, what: string, opts: { line?: boolean } = {}) =>
	(opts.line ? lineText : multilineText)({ error: `${what} måste vara text.` }).trim().max(max, `${what} får vara högst ${max} tecken.`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (what: string) => z.string().regex(UUID, `${what} är inte ett giltigt id.`).transform((v) => v.toLowerCase());

const figure = (what: string) => z.number({ error: `${what} måste vara ett tal.` }).min(-1e12, `${what} är för litet.`).max(1e12, `${what} är för stort.`);
const isoDay = (what: string) => z.string({ error: `${what} måste vara ett datum.` }).refine(isIsoDate, `${what} ska skrivas ÅÅÅÅ-MM-DD.`);

/**
 * An indicator with numbers (issue 16): numeric baseline (value, date, source), numeric target,
 * unit and direction; `baseline` and `target` text are kept as notes. A number sent as
 * `baseline` or `target` is taken as the value; a note that is one number (Swedish decimal comma
 * too) fills an absent value. `needsNumbers` is derived: a note that is words with no value.
 */
export const indicatorSchema = z
	.object({
		name: text(200, 'Indikatorns namn', { line: true }).min(1, 'Ge indikatorn ett namn.'),
		unit: text(50, 'Enheten').default(''),
		baseline: z.union([figure('Nuläget'), text(100, 'Nuläget')]).default(''),
		target: z.union([figure('Målvärdet'), text(100, 'Målvärdet')]).default(''),
		baselineValue: figure('Utgångsvärdet').nullable().optional(),
		baselineDate: isoDay('Datum för utgångsvärdet').nullable().optional(),
		baselineSource: text(300, 'Källan till utgångsvärdet', { line: true }).optional(),
		targetValue: figure('Målvärdet').nullable().optional(),
		direction: z.enum(['up', 'down'], { error: 'Ange om högre (up) eller lägre (down) är bättre.' }).optional(),
		method: text(500, 'Mätmetoden').default(''),
		owner: text(200, 'Den som mäter').default('')
	})
	.transform((i): NeedIndicator => {
		const note = (v: string | number) => (typeof v === 'number' ? '' : v);
		const value = (explicit: number | null | undefined, v: string | number) =>
			explicit !== undefined ? explicit : typeof v === 'number' ? v : parseSvNumber(v, i.unit);
		const baselineValue = value(i.baselineValue, i.baseline);
		const targetValue = value(i.targetValue, i.target);
		const baseline = note(i.baseline);
		const target = note(i.target);
		return {
			name: i.name,
			unit: i.unit,
			baseline,
			target,
			baselineValue,
			baselineDate: i.baselineDate ?? null,
			baselineSource: i.baselineSource ?? '',
			targetValue,
			direction: i.direction ?? 'up',
			needsNumbers: (!!baseline.trim() && baselineValue === null) || (!!target.trim() && targetValue === null),
			method: i.method,
			owner: i.owner
		};
	});

export const sourceSchema = z
	.object({ workshopId: uuid('Workshoppen'), cardId: uuid('Kortet').optional(), groupId: uuid('Gruppen').optional() })
	.refine((s) => (s.cardId ? 1 : 0) + (s.groupId ? 1 : 0) === 1, {
		message: 'En källa pekar på antingen ett kort eller en grupp.',
		params: { code: 'invalid_source' }
	});

const fields = {
	title: text(200, 'Rubriken', { line: true }).min(1, 'Ge behovet en kort rubrik.'),
	statement: text(2000, 'Behovsformuleringen'),
	affected: text(1000, 'Vilka som berörs'),
	currentSituation: text(4000, 'Nuläget'),
	baseline: text(1000, 'Utgångsvärdet'),
	desiredEffect: text(2000, 'Den önskade effekten'),
	indicators: z.array(indicatorSchema).max(20, 'Högst 20 indikatorer.'),
	priority: z.enum(NEED_PRIORITIES, { error: 'Okänd prioritet.' }),
	status: z.enum(NEED_STATUSES, { error: 'Okänd status.' }),
	movedTo: text(300, 'Processen behovet flyttats till'),
	sources: z.array(sourceSchema).max(200, 'Högst 200 källor.')
};

export const createNeedSchema = z.object({
	...fields,
	statement: fields.statement.default(''),
	affected: fields.affected.default(''),
	currentSituation: fields.currentSituation.default(''),
	baseline: fields.baseline.default(''),
	desiredEffect: fields.desiredEffect.default(''),
	indicators: fields.indicators.default([]),
	priority: fields.priority.default('medium'),
	status: fields.status.default('draft'),
	movedTo: fields.movedTo.default(''),
	sources: fields.sources.default([])
});
export type CreateNeed = z.infer<typeof createNeedSchema>;

export const patchNeedSchema = z
	.object(fields)
	.partial()
	.extend({
		/** The version the client edited; a newer one on the server gives 409 `stale`. */
		version: z.int().min(1).optional()
	});
export type PatchNeed = z.infer<typeof patchNeedSchema>;

const effectItem = z.object({
	id: lineText().min(1).max(64),
	text: text(500, 'Texten').min(1, 'Skriv något i varje steg.'),
	links: z.array(lineText().max(64)).max(50).default([])
});

export const effectLogicSchema = z.object({
	activities: z.array(effectItem).max(50),
	outputs: z.array(effectItem).max(50),
	outcomes: z.array(effectItem).max(50),
	impacts: z.array(effectItem).max(20)
});
export type EffectLogicInput = z.infer<typeof effectLogicSchema>;

/** A status `moved` must say where to. */
export function statusProblem(n: { status?: string; movedTo?: string }): string | null {
	if (n.status === 'moved' && !n.movedTo?.trim()) return 'Ange vilken process behovet har flyttats till.';
	return null;
}
