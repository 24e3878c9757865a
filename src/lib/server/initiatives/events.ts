/** Journal sentences for initiatives, their organisations, members and invitations. */
import { registerEvents } from '../audit/format.ts';

registerEvents({
	kinds: {
		initiative: { sv: 'Initiativet', en: 'The initiative' },
		organisation: { sv: 'Organisationer', en: 'Organisations' },
		invitation: { sv: 'Inbjudningar', en: 'Invitations' },
		member: { sv: 'Medlemmar', en: 'Members' }
	},
	events: {
		'initiative.created': {
			sv: (d, s) => `${s.actor} skapade initiativet ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} created the initiative ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Titel', 'Title'), value: s.str(d.title) },
				d.estimatedValueSek != null && { label: s.t('Uppskattat värde', 'Estimated value'), value: s.sek(d.estimatedValueSek) },
				d.demo === true && { label: s.t('Demodata', 'Demo data'), value: s.yesNo(true) }
			]
		},
		'initiative.updated': {
			sv: (d, s) => `${s.actor} ändrade initiativets ${s.list(changedFields(d, s))}`,
			en: (d, s) => `${s.actor} changed the initiative's ${s.list(changedFields(d, s))}`,
			details: (d, s) => {
				const title = d.title as { from?: unknown; to?: unknown } | undefined;
				const value = d.estimatedValueSek as { from?: unknown; to?: unknown } | undefined;
				return [
					title && { label: s.t('Titel', 'Title'), value: `${s.q(title.from)} → ${s.q(title.to)}` },
					value && { label: s.t('Uppskattat värde', 'Estimated value'), value: `${s.sek(value.from)} → ${s.sek(value.to)}` },
					d.descriptionChanged === true && { label: s.t('Beskrivning', 'Description'), value: s.t('ändrad (texten finns i initiativet)', 'changed (the text is in the initiative)') }
				];
			}
		},
		'initiative.phase_changed': {
			sv: (d, s) => `${s.actor} flyttade initiativet från ${s.phase(d.from)} till ${s.phase(d.to)}`,
			en: (d, s) => `${s.actor} moved the initiative from ${s.phase(d.from)} to ${s.phase(d.to)}`,
			details: () => []
		},
		'organisation.added': {
			sv: (d, s) => `${s.actor} lade till organisationen ${s.str(d.name)} i initiativet`,
			en: (d, s) => `${s.actor} added the organisation ${s.str(d.name)} to the initiative`,
			details: (d, s) => [{ label: s.t('Organisationsnummer', 'Organisation number'), value: s.str(d.orgNumber) }]
		},
		'organisation.invited': {
			sv: (d, s) => `${s.actor} bjöd in ${s.str(d.name)} att äga initiativet tillsammans`,
			en: (d, s) => `${s.actor} invited ${s.str(d.name)} to own the initiative jointly`,
			details: (d, s) => [{ label: s.t('Organisationsnummer', 'Organisation number'), value: s.str(d.orgNumber) }]
		},
		'organisation.invitation_accepted': {
			sv: (d, s) => `${s.actor} godkände för ${s.str(d.name)} att äga initiativet tillsammans`,
			en: (d, s) => `${s.actor} accepted, for ${s.str(d.name)}, to own the initiative jointly`,
			details: () => []
		},
		'organisation.invitation_declined': {
			sv: (d, s) => `${s.actor} avböjde för ${s.str(d.name)} att äga initiativet`,
			en: (d, s) => `${s.actor} declined, for ${s.str(d.name)}, to own the initiative`,
			details: () => []
		},
		'invitation.created': {
			sv: (d, s) => `${s.actor} bjöd in ${s.str(d.email)} som ${s.role(d.role, d.label).toLowerCase()}`,
			en: (d, s) => `${s.actor} invited ${s.str(d.email)} as ${s.role(d.role, d.label).toLowerCase()}`,
			details: (d, s) => [
				{ label: s.t('E-post', 'Email'), value: s.str(d.email) },
				{ label: s.t('Roll', 'Role'), value: s.role(d.role, d.label) },
				d.supplier === true && { label: s.t('Leverantörsexpert', 'Supplier expert'), value: s.t('ja – organisationen spärras från anbud', 'yes – the organisation is barred from tendering') }
			]
		},
		'invitation.accepted': {
			sv: (d, s) => `${s.actor} tog emot inbjudan och gick med som ${s.role(d.role, d.label).toLowerCase()}`,
			en: (d, s) => `${s.actor} accepted the invitation and joined as ${s.role(d.role, d.label).toLowerCase()}`,
			details: (d, s) => [
				{ label: s.t('E-post', 'Email'), value: s.str(d.email) },
				d.alreadyMember === true && { label: s.t('Redan medlem', 'Already a member'), value: s.yesNo(true) }
			]
		},
		'invitation.revoked': {
			sv: (d, s) => `${s.actor} drog tillbaka inbjudan till ${s.str(d.email)}`,
			en: (d, s) => `${s.actor} revoked the invitation to ${s.str(d.email)}`,
			details: () => []
		},
		'member.added': {
			sv: (d, s) => `${s.actor} lade till ${s.str(d.name)} som ${s.role(d.role, d.label).toLowerCase()}`,
			en: (d, s) => `${s.actor} added ${s.str(d.name)} as ${s.role(d.role, d.label).toLowerCase()}`,
			details: () => []
		},
		'member.role_changed': {
			sv: (d, s) => `${s.actor} ändrade rollen för ${s.str(d.name)} från ${roleOf(d.from, s)} till ${roleOf(d.to, s)}`,
			en: (d, s) => `${s.actor} changed the role of ${s.str(d.name)} from ${roleOf(d.from, s)} to ${roleOf(d.to, s)}`,
			details: () => []
		},
		'member.removed': {
			sv: (d, s) => `${s.actor} tog bort ${s.str(d.name)} (${s.role(d.role, d.label).toLowerCase()}) från initiativet`,
			en: (d, s) => `${s.actor} removed ${s.str(d.name)} (${s.role(d.role, d.label).toLowerCase()}) from the initiative`,
			details: () => []
		}
	}
});

function roleOf(v: unknown, s: import('../audit/format.ts').Say): string {
	const r = (v ?? {}) as { role?: unknown; label?: unknown };
	return s.role(r.role, r.label).toLowerCase();
}

function changedFields(d: Record<string, unknown>, s: import('../audit/format.ts').Say): string[] {
	const fields = [
		d.title ? s.t('titel', 'title') : '',
		d.estimatedValueSek ? s.t('uppskattade värde', 'estimated value') : '',
		d.descriptionChanged ? s.t('beskrivning', 'description') : ''
	].filter(Boolean);
	return fields.length ? fields : [s.t('uppgifter', 'details')];
}
