/** Adds up the JSON reports of Vitest and Playwright into one closing line. */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
	const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	if ('numPassedTests' in report) {
		// Vitest
		passed += report.numPassedTests;
		failed += report.numFailedTests;
		skipped += report.numPendingTests + (report.numTodoTests ?? 0);
		console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
	} else if (report.stats) {
		// Playwright
		const s = report.stats;
		passed += s.expected + (s.flaky ?? 0);
		failed += s.unexpected;
		skipped += s.skipped;
		console.log(`${file}: ${s.expected + (s.flaky ?? 0)} passed, ${s.unexpected} failed`);
	}
}
console.log(`Total: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
