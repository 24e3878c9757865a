/**
 * The terms of participation every supplier accepts before its room opens (issue 15): ownership
 * of what is developed in the room, confidentiality, and the equal-treatment statement. The text
 * is versioned by its SHA-256, which the acceptance records (and the journal names), so it can be
 * shown later exactly which words were accepted.
 */
import { createHash } from 'node:crypto';

export interface TermsSection {
	heading: string;
	text: string;
}

/** The terms in Swedish (the binding text) with an English reading aid. */
export const SPRINT_TERMS: { sv: TermsSection[]; en: TermsSection[] } = {
	sv: [
		{
			heading: 'Äganderätt',
			text: 'Det som leverantören tar fram i sitt sprintrum (skisser, prototyper, lösningsidéer) förblir leverantörens. Den upphandlande organisationen får använda lärdomar, behov och testresultat från sprinten för att formulera krav, men inte leverantörens lösning som sådan.'
		},
		{
			heading: 'Sekretess',
			text: 'Rummets innehåll visas bara för leverantörens egna användare och de personer från den upphandlande organisationens team som processledaren har utsett. Ingen annan leverantör får se rummet, vilka som deltar i det eller hur många rum sprinten har. Handlingar kan bli allmänna handlingar; ange vad som är affärshemligheter och varför om ni begär sekretess.'
		},
		{
			heading: 'Likabehandling',
			text: 'Alla deltagande leverantörer får samma underlag vid samma tidpunkt. Svar på frågor publiceras till alla rum utan att den som frågade anges, utom när ett svar bara gäller er egen lösning; skillnader mellan rum motiveras skriftligt och redovisas i paritetsrapporten. Deltagande i sprinten noteras i jävsregistret för en senare upphandling.'
		}
	],
	en: [
		{
			heading: 'Ownership',
			text: 'What the supplier develops in its sprint room (sketches, prototypes, solution ideas) remains the supplier’s. The contracting authority may use lessons, needs and test results from the sprint to write requirements, but not the supplier’s solution as such.'
		},
		{
			heading: 'Confidentiality',
			text: 'The room’s content is shown only to the supplier’s own users and the members of the contracting authority’s team whom the process leader assigned. No other supplier sees the room, who takes part in it or how many rooms the sprint has. Documents may become public records; state which parts are trade secrets and why if you request confidentiality.'
		},
		{
			heading: 'Equal treatment',
			text: 'Every participating supplier receives the same material at the same time. Answers to questions are published to every room without naming who asked, except when an answer concerns only your own solution; differences between rooms are motivated in writing and shown in the parity report. Taking part in the sprint is noted in the conflicts register for a later tender.'
		}
	]
};

/** SHA-256 of the terms as accepted (both languages, canonical JSON). */
export const TERMS_SHA256 = createHash('sha256').update(JSON.stringify(SPRINT_TERMS)).digest('hex');
