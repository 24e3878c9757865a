/** Journal sentences for accounts and sign-in (the platform chain, not an initiative's). */
import { registerEvents } from '../audit/format.ts';

const ORG_KINDS: Record<string, [string, string]> = { buyer: ['upphandlande organisation', 'contracting authority'], supplier: ['leverantör', 'supplier'] };

registerEvents({
	kinds: { user: { sv: 'Konton', en: 'Accounts' } },
	events: {
		'organisation.registered': {
			sv: (d, s) => `${s.actor} registrerade organisationen ${s.str(d.name)} (${ORG_KINDS[s.str(d.kind)]?.[0] ?? s.str(d.kind)})`,
			en: (d, s) => `${s.actor} registered the organisation ${s.str(d.name)} (${ORG_KINDS[s.str(d.kind)]?.[1] ?? s.str(d.kind)})`,
			details: (d, s) => [{ label: s.t('Organisationsnummer', 'Organisation number'), value: s.str(d.orgNumber) }]
		},
		'user.signed_up': {
			sv: (_d, s) => `${s.actor} skapade ett konto`,
			en: (_d, s) => `${s.actor} created an account`,
			details: (d, s) => [
				{ label: s.t('Organisationens administratör', 'Organisation administrator'), value: s.yesNo(d.orgAdmin) },
				{ label: s.t('Plattformsadministratör', 'Platform administrator'), value: s.yesNo(d.platformAdmin) }
			]
		},
		'user.joined_by_invitation': {
			sv: (_d, s) => `${s.actor} skapade ett konto via en inbjudan från en kollega`,
			en: (_d, s) => `${s.actor} created an account through a colleague's invitation`,
			details: (d, s) => [{ label: s.t('Organisationens administratör', 'Organisation administrator'), value: s.yesNo(d.orgAdmin) }]
		},
		'user.password_changed': {
			sv: (d, s) => `${s.actor} bytte lösenord; ${s.num(d.endedSessions)} andra inloggningar avslutades`,
			en: (d, s) => `${s.actor} changed their password; ${s.num(d.endedSessions)} other sessions were ended`,
			details: () => []
		},
		'user.renamed': {
			sv: (d, s) => `${s.str(d.from)} bytte namn till ${s.str(d.to)}`,
			en: (d, s) => `${s.str(d.from)} changed their name to ${s.str(d.to)}`,
			details: () => []
		},
		'user.disabled': {
			sv: (d, s) => `${s.actor} stängde av kontot för ${s.str(d.name)}`,
			en: (d, s) => `${s.actor} disabled the account of ${s.str(d.name)}`,
			details: (d, s) => [{ label: s.t('E-post', 'Email'), value: s.str(d.email) }]
		},
		'user.enabled': {
			sv: (d, s) => `${s.actor} aktiverade kontot för ${s.str(d.name)} igen`,
			en: (d, s) => `${s.actor} enabled the account of ${s.str(d.name)} again`,
			details: (d, s) => [{ label: s.t('E-post', 'Email'), value: s.str(d.email) }]
		},
		'user.password_reset_requested': {
			sv: (d, s) => `${s.actor} bad om en länk för nytt lösenord (giltig till ${s.dateTime(d.expiresAt)})`,
			en: (d, s) => `${s.actor} asked for a new-password link (valid until ${s.dateTime(d.expiresAt)})`,
			details: () => []
		},
		'user.password_reset_link_created': {
			sv: (d, s) => `${s.actor} skapade en länk för nytt lösenord åt ${s.str(d.name)} (giltig till ${s.dateTime(d.expiresAt)})`,
			en: (d, s) => `${s.actor} made a new-password link for ${s.str(d.name)} (valid until ${s.dateTime(d.expiresAt)})`,
			details: (d, s) => [{ label: s.t('E-post', 'Email'), value: s.str(d.email) }]
		},
		'user.password_reset': {
			sv: (_d, s) => `${s.actor} valde ett nytt lösenord via en återställningslänk; alla inloggningar avslutades`,
			en: (_d, s) => `${s.actor} chose a new password through a reset link; all sessions were ended`,
			details: () => []
		}
	}
});
