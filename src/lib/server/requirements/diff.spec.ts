import { describe, expect, it } from 'vitest';
import { diffRequirements, diffWords } from './diff.ts';
import type { RequirementJson, RequirementsJson } from '../../shapes/requirements.ts';

const req = (uid: string, id: string, text: string, extra: Partial<RequirementJson> = {}): RequirementJson => ({
	uid, id, text, kind: 'function', obligation: 'ska', rationale: '', needIds: [], verification: '', section: null, ...extra
});
const doc = (...requirements: RequirementJson[]): RequirementsJson => ({ sections: [], requirements });

describe('word diff', () => {
	it('marks removed and added words and keeps the rest', () => {
		const parts = diffWords('Systemet ska larma inom 5 minuter', 'Systemet ska larma inom 2 minuter');
		expect(parts.filter((p) => p.op !== 'same')).toEqual([
			{ op: 'removed', text: '5' },
			{ op: 'added', text: '2' }
		]);
		expect(parts.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe('Systemet ska larma inom 5 minuter');
		expect(parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe('Systemet ska larma inom 2 minuter');
	});

	it('handles empty texts on either side', () => {
		expect(diffWords('', 'ny text')).toEqual([{ op: 'added', text: 'ny text' }]);
		expect(diffWords('gammal', '')).toEqual([{ op: 'removed', text: 'gammal' }]);
	});
});

describe('requirements diff', () => {
	it('reports added, removed, changed and unchanged requirements by their stable uid', () => {
		const a = doc(req('u1', 'K1', 'Larm inom 5 minuter'), req('u2', 'K2', 'Fungerar på mobil'), req('u3', 'K3', 'Loggar händelser'));
		const b = doc(req('u1', 'K1', 'Larm inom 2 minuter'), req('u3', 'K3', 'Loggar händelser'), req('u4', 'K4', 'Tillgänglig enligt WCAG 2.1 AA', { kind: 'usability' }));
		const d = diffRequirements(a, b);
		expect(d.added.map((r) => r.id)).toEqual(['K4']);
		expect(d.removed.map((r) => r.id)).toEqual(['K2']);
		expect(d.changed).toHaveLength(1);
		expect(d.changed[0].id).toBe('K1');
		expect(d.changed[0].changes.map((c) => c.field)).toEqual(['text']);
		expect(d.unchanged).toBe(1);
	});

	it('reports both axes of the type, need links and moves', () => {
		const a = doc(req('u1', 'K1', 'A'), req('u2', 'K2', 'B'));
		const b = doc(req('u2', 'K2', 'B', { needIds: ['n1'] }), req('u1', 'K1', 'A', { obligation: 'bor', kind: 'performance' }));
		const d = diffRequirements(a, b);
		expect(d.changed.find((c) => c.id === 'K1')!.changes).toEqual([
			{ field: 'kind', from: 'function', to: 'performance' },
			{ field: 'obligation', from: 'ska', to: 'bor' }
		]);
		expect(d.changed.find((c) => c.id === 'K2')!.changes).toEqual([{ field: 'needIds', from: '', to: 'n1' }]);
		expect(d.moved).toEqual([
			{ id: 'K2', uid: 'u2', from: 2, to: 1 },
			{ id: 'K1', uid: 'u1', from: 1, to: 2 }
		]);
	});

	it('finds nothing between a version and itself', () => {
		const a = doc(req('u1', 'K1', 'A'));
		expect(diffRequirements(a, a)).toEqual({ added: [], removed: [], changed: [], moved: [], unchanged: 1 });
	});
});
