/**
 * Collects Content-Security-Policy violations a page reports (the app's CSP allows no inline
 * scripts; the editor must work within it).
 */
import type { Page } from '@playwright/test';

export function collectCspViolations(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (msg) => {
		if (/content security policy/i.test(msg.text())) violations.push(msg.text());
	});
	page.on('pageerror', (err) => {
		if (/content security policy/i.test(err.message)) violations.push(err.message);
	});
	return violations;
}

/** Collects errors the page logs to the console or throws (uncaught). */
export function collectPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	page.on('pageerror', (err) => errors.push(err.message));
	return errors;
}
