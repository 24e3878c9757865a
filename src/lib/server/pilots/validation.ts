/** Request bodies of pilots, validated with zod (Swedish messages: they reach the forms). */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';
import { ACTIVITY_STATUSES, DIRECTIONS, PILOT_DECISIONS, PILOT_KINDS, PILOT_ROUTES } from '../db/schema/pilots.ts';
import { MARKET_SITUATIONS } from '../advisor/advise.ts';
import { isIsoDate } from './numbers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (what: string) => z.string().regex(UUID, `${what} är inte ett giltigt id.`).transform((v) => v.toLowerCase());
const line = (max: number, what: string) => lineText({ error: `${what} måste vara text.` }).trim().max(max, `${what} får vara högst ${max} tecken.`);
const text = (max: number, what: string) => multilineText({ error: `${what} måste vara text.` }).trim().max(max, `${what} får vara högst ${max} tecken.`);
const day = (what: string) => z.string({ error: `${what} måste vara ett datum.` }).refine(isIsoDate, `${what} ska skrivas ÅÅÅÅ-MM-DD.`);
const sek = z.number({ error: 'Ange beloppet i kronor.' }).int('Ange ett heltal i kronor.').min(0, 'Beloppet kan inte vara negativt.').max(100_000_000_000, 'Beloppet är orimligt stort.');
/** Measured values: finite numbers within a range any indicator of a municipality fits in. */
const measure = (what: string) => z.number({ error: `${what} måste vara ett tal.` }).min(-1e12, `${what} är för litet.`).max(1e12, `${what} är för stort.`);

export const createPilotSchema = z
	.object({
		title: line(200, 'Rubriken').min(1, 'Ge piloten en rubrik.'),
		organisationIds: z.array(uuid('Leverantören')).min(1, 'Välj minst en leverantör.').max(10, 'Högst 10 leverantörer.'),
		kind: z.enum(PILOT_KINDS, { error: 'Välj serie eller parallell.' }),
		valueSek: sek,
		needIds: z.array(uuid('Behovet')).max(50, 'Högst 50 behov.'),
		decisionMakers: z.array(uuid('Beslutsfattaren')).min(1, 'Ange minst en beslutsfattare.').max(10, 'Högst 10 beslutsfattare.').optional(),
		directAwardReason: text(4000, 'Motiveringen').optional(),
		/** How the pilot is bought (default: direct award, the usual way for a pilot, seed 000). */
		route: z.enum(PILOT_ROUTES, { error: 'Okänt sätt att köpa piloten.' }).optional(),
		startDate: day('Startdatum').optional(),
		endDate: day('Slutdatum').optional(),
		gateDate: day('Beslutsdatum').optional()
	})
	.strict();
export type CreatePilot = z.infer<typeof createPilotSchema>;

const activity = z.object({
	id: line(64, 'Id').optional(),
	title: line(300, 'Aktiviteten').min(1, 'Beskriv aktiviteten.'),
	start: day('Startdatum'),
	end: day('Slutdatum').nullable().optional(),
	owner: line(200, 'Ansvarig').default(''),
	status: z.enum(ACTIVITY_STATUSES, { error: 'Okänd status.' }).default('planned')
});
const score = (what: string) => z.number({ error: `${what} anges 1–5.` }).int(`${what} anges 1–5.`).min(1, `${what} anges 1–5.`).max(5, `${what} anges 1–5.`);
const risk = z.object({
	id: line(64, 'Id').optional(),
	risk: line(500, 'Risken').min(1, 'Beskriv risken.'),
	likelihood: score('Sannolikheten'),
	impact: score('Konsekvensen'),
	mitigation: text(2000, 'Åtgärden').default(''),
	owner: line(200, 'Ansvarig').default('')
});

/** The structured parts of the plan: dates, timeline activities and risks. */
export const planSchema = z
	.object({
		startDate: day('Startdatum').nullable().optional(),
		endDate: day('Slutdatum').nullable().optional(),
		gateDate: day('Beslutsdatum').nullable().optional(),
		activities: z.array(activity).max(100, 'Högst 100 aktiviteter.').optional(),
		risks: z.array(risk).max(100, 'Högst 100 risker.').optional()
	})
	.strict();
export type PlanInput = z.infer<typeof planSchema>;

export const pointSchema = z.object({
	id: uuid('Mätpunkten').optional(),
	needId: uuid('Behovet').nullable().optional(),
	name: line(200, 'Mätpunktens namn').min(1, 'Ge mätpunkten ett namn.'),
	unit: line(50, 'Enheten'),
	direction: z.enum(DIRECTIONS, { error: 'Ange om högre (up) eller lägre (down) är bättre.' }),
	baseline: z
		.object({ value: measure('Utgångsvärdet'), date: day('Datum för utgångsvärdet'), source: line(300, 'Källan').default('') })
		.nullable()
		.optional(),
	target: measure('Målvärdet'),
	method: text(1000, 'Mätmetoden').optional(),
	frequency: line(200, 'Mätfrekvensen').optional(),
	responsible: line(200, 'Ansvarig').optional(),
	supplierReports: z.boolean({ error: 'Ange sant eller falskt.' }).optional()
});
export const pointsSchema = z.object({ points: z.array(pointSchema).max(30, 'Högst 30 mätpunkter.') }).strict();
export type PointInput = z.infer<typeof pointSchema>;

export const valueSchema = z.object({
	pointId: uuid('Mätpunkten'),
	date: day('Datumet'),
	value: measure('Värdet'),
	note: text(500, 'Anteckningen').optional()
});
export const valuesSchema = z.object({ values: z.array(valueSchema).min(1, 'Skicka minst ett värde.').max(2000, 'Högst 2000 värden per gång.') }).strict();
export type ValueInput = z.infer<typeof valueSchema>;

export const confirmSchema = z.object({ valueIds: z.array(uuid('Värdet')).min(1, 'Välj minst ett värde.').max(2000) }).strict();

export const decisionSchema = z
	.object({
		decision: z.enum(PILOT_DECISIONS, { error: 'Välj skala upp, ny pilot eller avsluta.' }),
		motivation: text(4000, 'Motiveringen').min(1, 'Motivera beslutet.'),
		reason: text(2000, 'Skälet').optional()
	})
	.strict();
export type DecisionInput = z.infer<typeof decisionSchema>;

export const scaleUpSchema = z
	.object({
		organisationRequirements: text(4000, 'Vad uppskalningen kräver'),
		costSek: sek,
		municipalities: z.array(line(200, 'Kommunens namn').min(1, 'Ange kommunens namn.')).max(50, 'Högst 50 kommuner.'),
		marketSituation: z.enum(MARKET_SITUATIONS, { error: 'Okänt marknadsläge.' }).optional()
	})
	.strict();
export type ScaleUpInput = z.infer<typeof scaleUpSchema>;
