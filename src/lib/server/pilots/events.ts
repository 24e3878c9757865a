/** Journal sentences for pilots. A changed value keeps both the old and the new figure. */
import { registerEvents } from '../audit/format.ts';

const DECISION: Record<string, [string, string]> = {
	scale: ['skala upp', 'scale up'],
	repeat: ['genomföra en ny pilot', 'run another pilot'],
	stop: ['avsluta', 'stop']
};
const decision = (d: Record<string, unknown>, i: 0 | 1) => (typeof d.decision === 'string' && DECISION[d.decision] ? DECISION[d.decision][i] : '');
const KIND: Record<string, [string, string]> = { series: ['i serie', 'in series'], parallel: ['parallell', 'parallel'] };
const kind = (d: Record<string, unknown>, i: 0 | 1) => (typeof d.kind === 'string' && KIND[d.kind] ? KIND[d.kind][i] : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

registerEvents({
	kinds: { pilot: { sv: 'Piloter', en: 'Pilots' } },
	events: {
		'pilot.created': {
			sv: (d, s) => `${s.actor} skapade piloten ${s.q(d.title)} (${kind(d, 0)}, ${s.sek(d.valueSek)})`,
			en: (d, s) => `${s.actor} created the pilot ${s.q(d.title)} (${kind(d, 1)}, ${s.sek(d.valueSek)})`,
			details: (d, s) => [
				{ label: s.t('Leverantörer', 'Suppliers'), value: s.list(list(d.organisations)) },
				{ label: s.t('Sammanlagt av samma slag i år', 'Same kind this year in total'), value: s.sek(d.aggregatedSek) },
				...(d.directAwardReason ? [{ label: s.t('Skäl för direktupphandling', 'Reason for direct award'), value: s.str(d.directAwardReason) }] : []),
				...(list(d.warnings).length ? [{ label: s.t('Varningar', 'Warnings'), value: list(d.warnings).join(', ') }] : [])
			]
		},
		'pilot.plan_updated': {
			sv: (d, s) => `${s.actor} ändrade planen för piloten ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} changed the plan of the pilot ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Aktiviteter', 'Activities'), value: s.num(d.activities) },
				{ label: s.t('Risker', 'Risks'), value: s.num(d.risks) }
			]
		},
		'pilot.points_saved': {
			sv: (d, s) => `${s.actor} sparade mätpunkterna för piloten ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} saved the measurement points of the pilot ${s.q(d.title)}`,
			details: (d, s) => (list(d.removed).length ? [{ label: s.t('Borttagna', 'Removed'), value: s.list(list(d.removed)) }] : [])
		},
		'pilot.values_recorded': {
			sv: (d, s) => `${s.actor} registrerade ${s.num(d.count)} mätvärden i piloten ${s.q(d.title)}${d.source === 'csv' ? ' från en CSV-fil' : ''}${d.supplierReported === true ? ' (leverantörsrapporterade, väntar på bekräftelse)' : ''}`,
			en: (d, s) => `${s.actor} recorded ${s.num(d.count)} measured values in the pilot ${s.q(d.title)}${d.source === 'csv' ? ' from a CSV file' : ''}${d.supplierReported === true ? ' (supplier-reported, awaiting confirmation)' : ''}`,
			details: () => []
		},
		'pilot.value_changed': {
			sv: (d, s) => `${s.actor} ändrade värdet för ${s.q(d.point)} den ${s.date(d.date)} från ${s.num(d.from)} till ${s.num(d.to)} i piloten ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} changed the value of ${s.q(d.point)} on ${s.date(d.date)} from ${s.num(d.from)} to ${s.num(d.to)} in the pilot ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Tidigare värde', 'Old value'), value: `${s.num(d.from)} ${s.str(d.unit)}`.trim() },
				{ label: s.t('Nytt värde', 'New value'), value: `${s.num(d.to)} ${s.str(d.unit)}`.trim() },
				...(d.noteFrom !== d.noteTo ? [{ label: s.t('Anteckning', 'Note'), value: `${s.str(d.noteFrom) || '–'} → ${s.str(d.noteTo) || '–'}` }] : [])
			]
		},
		'pilot.values_confirmed': {
			sv: (d, s) => `${s.actor} bekräftade ${s.num(d.count)} leverantörsrapporterade värden i piloten ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} confirmed ${s.num(d.count)} supplier-reported values in the pilot ${s.q(d.title)}`,
			details: () => []
		},
		'pilot.decided': {
			sv: (d, s) => `${s.actor} beslutade att ${decision(d, 0)} efter piloten ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} decided to ${decision(d, 1)} after the pilot ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Motivering', 'Motivation'), value: s.str(d.motivation) },
				...(d.reason ? [{ label: s.t('Skäl trots saknade utgångsvärden', 'Reason despite missing baselines'), value: s.str(d.reason) }] : []),
				...(list(d.withoutBaseline).length ? [{ label: s.t('Utan utgångsvärde', 'Without baseline'), value: s.list(list(d.withoutBaseline)) }] : [])
			]
		},
		'pilot.created_from_template': {
			sv: (d, s) => `${s.actor} skapade pilotplanen ${s.q(d.title)} från en metodmall (${s.num(d.points)} mätpunkter, ${s.num(d.activities)} aktiviteter, ${s.num(d.risks)} risker)`,
			en: (d, s) => `${s.actor} created the pilot plan ${s.q(d.title)} from a method template (${s.num(d.points)} measurement points, ${s.num(d.activities)} activities, ${s.num(d.risks)} risks)`,
			details: () => []
		},
		'pilot.scale_up_saved': {
			sv: (d, s) => `${s.actor} sparade uppskalningsplanen för piloten ${s.q(d.title)} (${s.sek(d.costSek)})`,
			en: (d, s) => `${s.actor} saved the scale-up plan of the pilot ${s.q(d.title)} (${s.sek(d.costSek)})`,
			details: (d, s) => [
				{ label: s.t('Sammanlagt med piloten', 'Aggregated with the pilot'), value: s.sek(d.totalSek) },
				...(list(d.municipalities).length ? [{ label: s.t('Kommuner som ansluter', 'Joining municipalities'), value: s.list(list(d.municipalities)) }] : []),
				...(list(d.warnings).length ? [{ label: s.t('Varningar', 'Warnings'), value: list(d.warnings).join(', ') }] : [])
			]
		}
	}
});
