import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';

describe('the JSON logger', () => {
	it('keeps the line’s own level, event and pid when a field has the same name', () => {
		const lines: string[] = [];
		createLogger('debug', (l) => lines.push(l)).debug('collab.connected', { level: 'write', event: 'x', pid: 1, doc: 'd' });
		const line = JSON.parse(lines[0]);
		expect(line).toMatchObject({ level: 'debug', event: 'collab.connected', pid: process.pid, doc: 'd', field_level: 'write', field_event: 'x', field_pid: 1 });
	});

	it('redacts secrets and drops lines below its minimum level', () => {
		const lines: string[] = [];
		const log = createLogger('info', (l) => lines.push(l));
		log.debug('quiet');
		log.info('auth.login', { password: 'hemligt', sessionToken: 't' });
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toMatchObject({ password: '[redacted]', sessionToken: '[redacted]' });
	});
});
