/**
 * The pilots' contributions to the shared registries of the final report (section `pilots`,
 * order 60) and of method templates (part `pilot_plan`). Imported by `index.ts`, so whoever
 * loads the pilots capability also has its report section and template part.
 */
import { readable, registerReportSection } from '../reports/sections.ts';
import { registerTemplatePart } from '../templates/parts.ts';
import { pilotReportSection } from './report.ts';
import { pilotTemplatePart } from './templates.ts';

registerReportSection({
	key: 'pilots',
	order: 60,
	async build(db, initiativeId, viewer) {
		if (!(await readable(db, viewer, initiativeId, 'pilots'))) return null;
		return pilotReportSection(db, initiativeId, viewer);
	}
});

registerTemplatePart(pilotTemplatePart);
