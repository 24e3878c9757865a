import { describe as group, expect, it } from 'vitest';
import { describe, registeredActions, type Lookup } from './events.ts';

const WS = '11111111-1111-4111-8111-111111111111';
const OPEN_WS = '22222222-2222-4222-8222-222222222222';
const LISA = '33333333-3333-4333-8333-333333333333';
const NORA = '44444444-4444-4444-8444-444444444444';

/** Lisa joined a named workshop; Nora an anonymous one. */
const workshops: Record<string, { title: string; anonymous: boolean }> = {
	[WS]: { title: 'Behovsworkshop', anonymous: true },
	[OPEN_WS]: { title: 'Öppen verkstad', anonymous: false }
};
const guests: Record<string, { displayName: string; anonymous: boolean }> = {
	[LISA]: { displayName: 'Lisa förskollärare', anonymous: false },
	[NORA]: { displayName: 'Nora Nilsson', anonymous: true }
};
const lookup: Lookup = { workshop: (id) => workshops[id], guest: (id) => guests[id] };

const maria = 'Maria Lind';

group('journal sentences', () => {
	it('tells who moved a workshop from one phase to another, in Swedish and English', () => {
		const row = { action: 'workshop.phase_changed', actorLabel: maria, data: { workshopId: WS, from: 'collect', to: 'cluster' } };
		expect(describe(row, 'sv', lookup).text).toBe('Maria Lind flyttade workshoppen ”Behovsworkshop” från Samla till Gruppera.');
		expect(describe(row, 'en', lookup).text).toMatch(/^Maria Lind moved the workshop “Behovsworkshop” from \S+ to \S+\.$/);
	});

	it('names the initiative phases and roles in words, not codes', () => {
		expect(describe({ action: 'initiative.phase_changed', actorLabel: maria, data: { from: 'initiate', to: 'needs' } }, 'sv').text).toBe(
			'Maria Lind flyttade initiativet från Initiera till Behov.'
		);
		expect(describe({ action: 'initiative.phase_changed', actorLabel: maria, data: { from: 'initiate', to: 'needs' } }, 'en').text).toBe(
			'Maria Lind moved the initiative from Initiate to Needs.'
		);
		const role = describe(
			{ action: 'member.role_changed', actorLabel: maria, data: { name: 'Ahmed Ali', from: { role: 'team', label: 'needs_owner' }, to: { role: 'observer', label: null } } },
			'sv'
		);
		expect(role.text).toBe('Maria Lind ändrade rollen för Ahmed Ali från teammedlem (behovsägare) till observatör.');
	});

	it('writes the chosen procedure with the amount in Swedish format and lists the reasoning as details', () => {
		const d = describe(
			{
				action: 'procedure.chosen',
				actorLabel: maria,
				data: { procedure: 'innovation_partnership', fit: 'good', estimatedValueSek: 450000, purchaseKind: 'services', reasoning: 'Inget finns på marknaden.', thresholds: [] }
			},
			'sv'
		);
		// Intl separates thousands with a no-break space, so the amount never wraps.
		expect(d.text.replaceAll('\u00a0', ' ')).toBe('Maria Lind valde förfarandet Innovationspartnerskap för ett uppskattat värde av 450 000 kr.');
		expect(d.details).toContainEqual({ label: 'Motivering', value: 'Inget finns på marknaden.' });
		expect(d.details).toContainEqual({ label: 'Slag av inköp', value: 'Tjänster' });
	});

	it('names a guest of a named workshop as "Gäst (name)"', () => {
		const d = describe({ action: 'workshop.guest_joined', actorLabel: `guest:${LISA}`, data: { workshopId: OPEN_WS, guestId: LISA } }, 'sv', lookup);
		expect(d.text).toBe('Gäst (Lisa förskollärare) gick med i workshoppen ”Öppen verkstad”.');
		expect(d.actor).toBe('Gäst (Lisa förskollärare)');
		expect(describe({ action: 'workshop.guest_joined', actorLabel: `guest:${LISA}`, data: { workshopId: OPEN_WS, guestId: LISA } }, 'en', lookup).text).toBe(
			'Guest (Lisa förskollärare) joined the workshop “Öppen verkstad”.'
		);
	});

	it('never names a guest of an anonymous workshop, in the sentence, the actor or the details', () => {
		for (const locale of ['sv', 'en'] as const) {
			const d = describe({ action: 'workshop.guest_joined', actorLabel: `guest:${NORA}`, data: { workshopId: WS, guestId: NORA } }, locale, lookup);
			expect(JSON.stringify(d)).not.toContain('Nora');
			expect(d.actor).toBe(locale === 'sv' ? 'Anonym deltagare' : 'Anonymous participant');
		}
		expect(describe({ action: 'workshop.guest_joined', actorLabel: `guest:${NORA}`, data: { workshopId: WS, guestId: NORA } }, 'sv', lookup).text).toBe(
			'Anonym deltagare gick med i workshoppen ”Behovsworkshop”.'
		);
	});

	it('shows a guest it cannot look up as a guest, never as a raw id', () => {
		const d = describe({ action: 'workshop.guest_joined', actorLabel: 'guest:55555555-5555-4555-8555-555555555555', data: {} }, 'sv');
		expect(d.text).toBe('En gäst gick med i en workshop.');
		expect(d.actor).toBe('En gäst');
	});

	it('calls the system "Systemet"', () => {
		const d = describe({ action: 'conflict.barred', actorLabel: 'system', data: { user: 'Sara Ek', organisation: 'Innoved AB', evidence: ['requirements.x'] } }, 'sv');
		expect(d.actor).toBe('Systemet');
		expect(d.text).toBe('Sara Ek på Innoved AB har bidragit till kravställningen: organisationen spärrades från att lämna anbud.');
		expect(d.details).toEqual([{ label: 'Underlag', value: 'kravställningen' }]);
	});

	it('reads an unregistered event as a sentence with labelled details, never JSON or ids', () => {
		const d = describe({ action: 'brief.edited', actorLabel: maria, data: { sectionCount: 3, byId: '11111111-1111-4111-8111-111111111111', note: 'Mål' } }, 'sv');
		expect(d.text).toBe('Maria Lind registrerade händelsen brief.edited.');
		expect(d.details).toEqual([
			{ label: 'Section count', value: '3' },
			{ label: 'Note', value: 'Mål' }
		]);
		for (const detail of d.details) expect(detail.value).not.toMatch(/[{}]/);
	});

	it('still gives a sentence when an old row lacks the fields a sentence expects', () => {
		for (const action of registeredActions()) {
			for (const locale of ['sv', 'en'] as const) {
				const d = describe({ action, actorLabel: maria, data: {} }, locale);
				expect(d.text.length, action).toBeGreaterThan(5);
				expect(d.text, action).not.toMatch(/undefined|\[object/);
			}
		}
	});
});
