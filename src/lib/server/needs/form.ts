/**
 * The need editor's form fields → the API's input shape. Indicators arrive as parallel lists
 * (`ind_name`, `ind_unit`, …; rows left entirely empty are dropped), sources as
 * `<workshopId>:card:<cardId>` or `<workshopId>:group:<groupId>`.
 */
import type { NeedIndicator, NeedSource } from '../db/schema/needs.ts';
import { createNeedSchema, statusProblem, type CreateNeed } from './validation.ts';
import { parseSvNumber } from '../pilots/numbers.ts';

const INDICATOR_FIELDS = ['name', 'unit', 'baseline', 'target', 'method', 'owner'] as const;
/** The numeric fields (issue 16); `direction` always has a value, so it never makes a row non-empty. */
const NUMBER_FIELDS = ['baselineValue', 'baselineDate', 'baselineSource', 'targetValue', 'direction'] as const;

/** A typed figure: empty → null, a Swedish number → the number, anything else NaN (the schema refuses it). */
function figure(text: string): number | null {
	if (!text.trim()) return null;
	return parseSvNumber(text) ?? Number.NaN;
}

export interface NeedFormValues {
	title: string;
	statement: string;
	affected: string;
	currentSituation: string;
	baseline: string;
	desiredEffect: string;
	priority: string;
	status: string;
	movedTo: string;
	indicators: NeedIndicator[];
	sources: string[];
	version: number | null;
}

export function readNeedForm(form: FormData): NeedFormValues {
	const s = (k: string) => String(form.get(k) ?? '');
	const columns = Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, form.getAll(`ind_${f}`).map(String)])) as Record<(typeof INDICATOR_FIELDS)[number], string[]>;
	const numberColumns = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, form.getAll(`ind_${f}`).map(String)])) as Record<(typeof NUMBER_FIELDS)[number], string[]>;
	const numbers = Array.from({ length: numberColumns.direction.length }, (_, i) => Object.fromEntries(NUMBER_FIELDS.map((f) => [f, numberColumns[f][i] ?? ''])) as Record<(typeof NUMBER_FIELDS)[number], string>);
	const rows = Math.max(...INDICATOR_FIELDS.map((f) => columns[f].length), 0);
	const indicators: NeedIndicator[] = [];
	for (let i = 0; i < rows; i++) {
		const row = Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, (columns[f][i] ?? '').trim()])) as unknown as NeedIndicator;
		const numeric = numbers[i];
		if (!INDICATOR_FIELDS.some((f) => row[f]) && !(numeric && (numeric.baselineValue || numeric.targetValue || numeric.baselineDate || numeric.baselineSource))) continue;
		if (numeric) {
			row.baselineValue = figure(numeric.baselineValue);
			row.targetValue = figure(numeric.targetValue);
			row.baselineDate = numeric.baselineDate.trim() || null;
			row.baselineSource = numeric.baselineSource.trim();
			row.direction = numeric.direction === 'down' ? 'down' : 'up';
		}
		indicators.push(row);
	}
	const version = Number(s('version'));
	return {
		title: s('title'),
		statement: s('statement'),
		affected: s('affected'),
		currentSituation: s('currentSituation'),
		baseline: s('baseline'),
		desiredEffect: s('desiredEffect'),
		priority: s('priority') || 'medium',
		status: s('status') || 'draft',
		movedTo: s('movedTo'),
		indicators,
		sources: form.getAll('source').map(String),
		version: Number.isInteger(version) && version > 0 ? version : null
	};
}

export function sourceKey(s: NeedSource): string {
	return s.cardId ? `${s.workshopId}:card:${s.cardId}` : `${s.workshopId}:group:${s.groupId}`;
}

function parseSource(key: string): NeedSource | null {
	const [workshopId, kind, id] = key.split(':');
	if (!workshopId || !id) return null;
	if (kind === 'card') return { workshopId, cardId: id };
	if (kind === 'group') return { workshopId, groupId: id };
	return null;
}

/** Validates the form; errors are keyed by field (`indicators` for any indicator problem). */
export function validateNeedForm(values: NeedFormValues): { input: CreateNeed; errors: null } | { input: null; errors: Record<string, string> } {
	const sources = values.sources.map(parseSource);
	const parsed = createNeedSchema.safeParse({ ...values, sources: sources.filter(Boolean) });
	const errors: Record<string, string> = {};
	if (sources.some((s) => !s)) errors.sources = 'En av källorna kunde inte läsas. Välj källorna igen.';
	if (!parsed.success) {
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	} else {
		const problem = statusProblem(parsed.data);
		if (problem) errors.movedTo = problem;
	}
	if (Object.keys(errors).length || !parsed.success) return { input: null, errors };
	return { input: parsed.data, errors: null };
}
