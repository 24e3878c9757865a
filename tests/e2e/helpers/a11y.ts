/**
 * Accessibility check for every page a journey visits: axe-core with the WCAG 2.0/2.1 A and AA
 * rules (Swedish law, lag 2018:1937, requires WCAG 2.1 AA). Serious and critical violations
 * fail the test; minor and moderate ones are attached to the report for follow-up.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
	await page.waitForLoadState('load');
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const other = results.violations.filter((v) => !blocking.includes(v));
	if (other.length) {
		await test.info().attach(`axe-minor-${new URL(page.url()).pathname}`, {
			body: JSON.stringify(other.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })), null, 2),
			contentType: 'application/json'
		});
	}
	const summary = blocking.map(
		(v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`
	);
	expect(summary, `axe found serious or critical WCAG 2.1 AA violations on ${what}`).toEqual([]);
}
