/**
 * Every journal action written anywhere in the source must have a registered sentence: a
 * lawyer reading the journal of a closed initiative should never meet a bare event code.
 * The scan reads the code as text, so an action added in any module (or merged from another
 * branch) without a sentence fails here, naming the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFLICT_LEVELS, PROPOSAL_STATUSES } from '../db/schema/index.ts';
import { isRegistered, kindName, registeredActions } from './events.ts';

const ROOT = join(import.meta.dirname, '../../../..');

/** Actions built at run time: the template as written → every value it can take. */
const DYNAMIC: Record<string, string[]> = {
	'conflict.${e.level}': CONFLICT_LEVELS.map((l) => `conflict.${l}`),
	'requirements.proposal_${status}': PROPOSAL_STATUSES.filter((s) => s !== 'open').map((s) => `requirements.proposal_${s}`)
};

function sourceFiles(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		if (name === 'node_modules' || name === 'paraglide' || name.startsWith('.')) continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) sourceFiles(path, out);
		else if (/\.(ts|js|svelte)$/.test(name) && !/\.(spec|test|e2e)\.ts$/.test(name)) out.push(path);
	}
	return out;
}

interface Found {
	action: string;
	where: string;
}

/** `action: 'x.y'`, `action: cond ? 'x.a' : 'x.b'` and `action: \`x.${…}\`` in journal writes. */
function writtenActions(): { found: Found[]; unknownTemplates: string[] } {
	const found: Found[] = [];
	const unknownTemplates: string[] = [];
	for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'server'))]) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\baction:\s*(`[^`]*`|[^,}\n]+)/g)) {
			const expr = m[1];
			const where = `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`;
			for (const lit of expr.matchAll(/'([a-z][a-z_]*\.[a-z][a-z_.]*)'|"([a-z][a-z_]*\.[a-z][a-z_.]*)"/g)) {
				found.push({ action: lit[1] ?? lit[2], where });
			}
			for (const tpl of expr.matchAll(/`([a-z][a-z_]*\.[^`]*)`/g)) {
				if (!tpl[1].includes('${')) found.push({ action: tpl[1], where });
				else if (DYNAMIC[tpl[1]]) for (const action of DYNAMIC[tpl[1]]) found.push({ action, where });
				else unknownTemplates.push(`${where}: \`${tpl[1]}\``);
			}
		}
	}
	return { found, unknownTemplates };
}

describe('journal sentences for every action', () => {
	const { found, unknownTemplates } = writtenActions();

	it('finds the journal writes in the source (the scan itself works)', () => {
		expect(found.length).toBeGreaterThan(30);
		expect(found.map((f) => f.action)).toContain('workshop.phase_changed');
		expect(found.map((f) => f.action)).toContain('conflict.barred');
		expect(found.map((f) => f.action)).toContain('user.enabled');
	});

	it('has a registered Swedish and English sentence for every action written', () => {
		const missing = found.filter((f) => !isRegistered(f.action)).map((f) => `${f.action} (${f.where})`);
		expect(missing, 'register these in the capability’s events.ts (see src/lib/server/audit/events.ts)').toEqual([]);
	});

	it('knows every value of an action built at run time', () => {
		expect(unknownTemplates, 'add the template and its values to DYNAMIC in this test').toEqual([]);
	});

	it('names every kind of event for the filter, in both languages', () => {
		const kinds = new Set(registeredActions().map((a) => a.split('.')[0]));
		for (const kind of kinds) {
			expect(kindName(kind, 'sv'), kind).not.toBe(kind);
			expect(kindName(kind, 'en'), kind).not.toBe(kind);
		}
	});
});
