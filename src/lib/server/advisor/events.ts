/** Journal sentences for the procedure decision and the dated thresholds behind it. */
import { m } from '#lib/paraglide/messages.js';
import { registerEvents, type Say } from '../audit/format.ts';

type Message = (i?: object, o?: { locale?: 'sv' | 'en' }) => string;
const messages = m as unknown as Record<string, Message | undefined>;

/** A message by key suffix (`adv_proc_` + `negotiated`), or the raw value when there is none. */
function named(prefix: string, value: unknown, s: Say): string {
	const key = s.str(value);
	return messages[`${prefix}${key}`]?.({}, { locale: s.locale }) ?? key;
}

function thresholdName(value: unknown, s: Say): string {
	return s.str(value) === 'eu_threshold' ? m.adv_threshold_eu({}, { locale: s.locale }) : m.adv_threshold_direct_award({}, { locale: s.locale });
}

function thresholdDetails(t: Record<string, unknown>, s: Say) {
	return [
		{ label: s.t('Gräns', 'Limit'), value: thresholdName(t.name, s) },
		{ label: s.t('Belopp', 'Amount'), value: s.sek(t.sek) },
		{ label: s.t('Gäller från', 'Valid from'), value: s.date(t.validFrom) },
		t.validTo ? { label: s.t('Gäller till', 'Valid to'), value: s.date(t.validTo) } : null,
		t.purchaseKind ? { label: s.t('Slag av inköp', 'Kind of purchase'), value: named('adv_kind_', t.purchaseKind, s) } : null,
		t.buyerKind ? { label: s.t('Upphandlande organisation', 'Contracting authority'), value: named('adv_buyer_', t.buyerKind, s) } : null,
		t.source ? { label: s.t('Källa', 'Source'), value: s.str(t.source) } : null
	];
}

registerEvents({
	kinds: { procedure: { sv: 'Val av förfarande', en: 'Choice of procedure' }, threshold: { sv: 'Beloppsgränser', en: 'Thresholds' } },
	events: {
		'procedure.chosen': {
			sv: (d, s) => `${s.actor} valde förfarandet ${named('adv_proc_', d.procedure, s)} för ett uppskattat värde av ${s.sek(d.estimatedValueSek)}`,
			en: (d, s) => `${s.actor} chose the procedure ${named('adv_proc_', d.procedure, s)} for an estimated value of ${s.sek(d.estimatedValueSek)}`,
			details: (d, s) => [
				{ label: s.t('Bedömning', 'Assessment'), value: named('adv_fit_', d.fit, s) },
				{ label: s.t('Slag av inköp', 'Kind of purchase'), value: named('adv_kind_', d.purchaseKind, s) },
				{ label: s.t('Motivering', 'Reasoning'), value: s.str(d.reasoning) },
				d.directAwardReason ? { label: s.t('Skäl för direktupphandling', 'Reason for direct award'), value: s.str(d.directAwardReason) } : null,
				...(Array.isArray(d.thresholds) ? d.thresholds : []).map((t) => {
					const th = (t ?? {}) as Record<string, unknown>;
					return {
						label: thresholdName(th.name, s),
						value: s.t(`${s.sek(th.sek)}, gäller från ${s.date(th.validFrom)}`, `${s.sek(th.sek)}, valid from ${s.date(th.validFrom)}`)
					};
				})
			]
		},
		'threshold.created': {
			sv: (d, s) => `${s.actor} lade till beloppsgränsen ${thresholdName(d.name, s)} på ${s.sek(d.sek)} från ${s.date(d.validFrom)}`,
			en: (d, s) => `${s.actor} added the threshold ${thresholdName(d.name, s)} of ${s.sek(d.sek)} from ${s.date(d.validFrom)}`,
			details: (d, s) => thresholdDetails(d, s)
		},
		'threshold.updated': {
			sv: (d, s) => `${s.actor} ändrade beloppsgränsen ${thresholdName(((d.after ?? {}) as Record<string, unknown>).name, s)}`,
			en: (d, s) => `${s.actor} changed the threshold ${thresholdName(((d.after ?? {}) as Record<string, unknown>).name, s)}`,
			details: (d, s) => {
				const before = (d.before ?? {}) as Record<string, unknown>;
				const after = (d.after ?? {}) as Record<string, unknown>;
				return [
					{ label: s.t('Belopp', 'Amount'), value: `${s.sek(before.sek)} → ${s.sek(after.sek)}` },
					{ label: s.t('Gäller från', 'Valid from'), value: `${s.date(before.validFrom)} → ${s.date(after.validFrom)}` },
					{ label: s.t('Gäller till', 'Valid to'), value: `${before.validTo ? s.date(before.validTo) : '–'} → ${after.validTo ? s.date(after.validTo) : '–'}` },
					after.source ? { label: s.t('Källa', 'Source'), value: s.str(after.source) } : null
				];
			}
		},
		'threshold.deleted': {
			sv: (d, s) => `${s.actor} tog bort beloppsgränsen ${thresholdName(d.name, s)} på ${s.sek(d.sek)} från ${s.date(d.validFrom)}`,
			en: (d, s) => `${s.actor} removed the threshold ${thresholdName(d.name, s)} of ${s.sek(d.sek)} from ${s.date(d.validFrom)}`,
			details: (d, s) => thresholdDetails(d, s)
		}
	}
});
