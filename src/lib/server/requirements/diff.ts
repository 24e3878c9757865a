/**
 * Comparing two versions of a requirements specification: which requirements were added,
 * removed or changed (matched by their stable uid, then by their visible id), and for changed
 * ones a word-level diff of each text field.
 */
import type { RequirementJson, RequirementsJson } from '../../shapes/requirements.ts';

export type DiffPart = { op: 'same' | 'added' | 'removed'; text: string };

export interface FieldChange {
	field: 'text' | 'rationale' | 'verification' | 'kind' | 'obligation' | 'needIds' | 'section' | 'id';
	from: string;
	to: string;
	/** Word-level diff, for the text fields. */
	parts?: DiffPart[];
}

export interface RequirementsDiff {
	added: RequirementJson[];
	removed: RequirementJson[];
	changed: Array<{ id: string; uid: string; changes: FieldChange[] }>;
	/** Requirements whose content is equal but whose position moved. */
	moved: Array<{ id: string; uid: string; from: number; to: number }>;
	unchanged: number;
}

/** Splits text into words and the whitespace between them, so joining the tokens gives the text back. */
function tokens(s: string): string[] {
	return s.match(/\s+|[^\s]+/g) ?? [];
}

/** Word diff by longest common subsequence; adjacent parts with the same op are merged. */
export function diffWords(a: string, b: string): DiffPart[] {
	const x = tokens(a);
	const y = tokens(b);
	// Large texts: fall back to a whole replacement rather than an O(n·m) table.
	if (x.length * y.length > 4_000_000) {
		return [
			...(a ? [{ op: 'removed' as const, text: a }] : []),
			...(b ? [{ op: 'added' as const, text: b }] : [])
		];
	}
	const n = x.length;
	const m = y.length;
	const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
		}
	}
	const out: DiffPart[] = [];
	const push = (op: DiffPart['op'], text: string) => {
		const last = out[out.length - 1];
		if (last && last.op === op) last.text += text;
		else out.push({ op, text });
	};
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (x[i] === y[j]) {
			push('same', x[i]);
			i++;
			j++;
		} else if (lcs[i + 1][j] >= lcs[i][j + 1]) push('removed', x[i++]);
		else push('added', y[j++]);
	}
	while (i < n) push('removed', x[i++]);
	while (j < m) push('added', y[j++]);
	return out;
}

function matchKey(r: RequirementJson): string {
	return r.uid ? `u:${r.uid}` : `k:${r.id}`;
}

/** What changed from `a` to `b`. */
export function diffRequirements(a: RequirementsJson, b: RequirementsJson): RequirementsDiff {
	const before = new Map(a.requirements.map((r, i) => [matchKey(r), { r, i }]));
	const after = new Map(b.requirements.map((r, i) => [matchKey(r), { r, i }]));
	const sectionTitle = (doc: RequirementsJson, id: string | null) =>
		id ? (doc.sections.find((s) => s.id === id)?.title ?? '') : '';
	const result: RequirementsDiff = { added: [], removed: [], changed: [], moved: [], unchanged: 0 };
	for (const [k, { r }] of before) if (!after.has(k)) result.removed.push(r);
	// Order of positions among the requirements present in both, to report moves.
	const common = b.requirements.filter((r) => before.has(matchKey(r)));
	const commonBefore = a.requirements.filter((r) => after.has(matchKey(r)));
	const posBefore = new Map(commonBefore.map((r, i) => [matchKey(r), i]));
	common.forEach((r, to) => {
		const from = posBefore.get(matchKey(r))!;
		if (from !== to) result.moved.push({ id: r.id, uid: r.uid, from: from + 1, to: to + 1 });
	});
	for (const [k, { r }] of after) {
		const old = before.get(k);
		if (!old) {
			result.added.push(r);
			continue;
		}
		const o = old.r;
		const changes: FieldChange[] = [];
		if (o.id !== r.id) changes.push({ field: 'id', from: o.id, to: r.id });
		// Versions from before the two axes are converted when read, so an old `bor` and a new
		// `function`/`bor` compare as equal rather than as a change of type.
		if (o.kind !== r.kind) changes.push({ field: 'kind', from: o.kind, to: r.kind });
		if (o.obligation !== r.obligation) changes.push({ field: 'obligation', from: o.obligation, to: r.obligation });
		for (const f of ['text', 'rationale', 'verification'] as const) {
			if (o[f] !== r[f]) changes.push({ field: f, from: o[f], to: r[f], parts: diffWords(o[f], r[f]) });
		}
		const na = [...o.needIds].sort().join(',');
		const nb = [...r.needIds].sort().join(',');
		if (na !== nb) changes.push({ field: 'needIds', from: na, to: nb });
		const sa = sectionTitle(a, o.section);
		const sb = sectionTitle(b, r.section);
		if (sa !== sb) changes.push({ field: 'section', from: sa, to: sb });
		if (changes.length) result.changed.push({ id: r.id, uid: r.uid, changes });
		else result.unchanged++;
	}
	return result;
}
