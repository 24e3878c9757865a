import { describe, expect, it } from 'vitest';
import { PEER_COLORS, colorFor, listNames, peersFrom } from './presence.ts';

const states = (entries: Array<[number, Record<string, unknown>]>) => new Map(entries);

describe('presence', () => {
	it('lists the other people present and leaves out our own connection', () => {
		const peers = peersFrom(
			states([
				[1, { user: { name: 'Maria Lind', color: '#0b4f6c' } }],
				[2, { user: { name: 'Ahmed Karimi', color: '#8a3b00' } }]
			]),
			1
		);
		expect(peers).toEqual([{ clientId: 2, name: 'Ahmed Karimi', color: '#8a3b00' }]);
	});

	it('shows a person with two tabs open once', () => {
		const peers = peersFrom(
			states([
				[7, { user: { name: 'Eva Berg' } }],
				[3, { user: { name: 'Eva Berg' } }]
			]),
			99
		);
		expect(peers.map((p) => [p.clientId, p.name])).toEqual([[3, 'Eva Berg']]);
	});

	it('ignores entries the server has not stamped with a name, and trims long names', () => {
		const peers = peersFrom(
			states([
				[1, {}],
				[2, { user: { name: '   ' } }],
				[3, { user: { name: 42 } }],
				[4, { cursor: null }],
				[5, { user: { name: 'x'.repeat(200) } }]
			]),
			0
		);
		expect(peers).toHaveLength(1);
		expect(peers[0].name).toHaveLength(80);
	});

	it('never passes on a colour that is not a plain hex colour', () => {
		const [peer] = peersFrom(states([[2, { user: { name: 'Bo', color: 'red;background:url(x)' } }]]), 1);
		expect(PEER_COLORS).toContain(peer.color);
	});

	it('sorts people by name the Swedish way', () => {
		const peers = peersFrom(
			states([
				[1, { user: { name: 'Östen' } }],
				[2, { user: { name: 'Åsa' } }],
				[3, { user: { name: 'Anna' } }]
			]),
			0
		);
		expect(peers.map((p) => p.name)).toEqual(['Anna', 'Åsa', 'Östen']);
	});

	it('gives an id the same colour every time', () => {
		expect(colorFor('user-1')).toBe(colorFor('user-1'));
		expect(PEER_COLORS).toContain(colorFor('anything'));
	});

	it('joins names with "och" in Swedish and "and" in English', () => {
		expect(listNames(['Anna', 'Bo', 'Cecilia'], 'sv')).toBe('Anna, Bo och Cecilia');
		expect(listNames(['Anna', 'Bo'], 'en')).toBe('Anna and Bo');
		expect(listNames(['Anna'], 'sv')).toBe('Anna');
	});
});
