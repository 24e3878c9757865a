import { describe, expect, it } from 'vitest';
import { closeAction } from './close-codes.ts';
import { CLOSE } from './protocol.ts';
import { liveDocServerUrl, loginUrlFor } from './url.ts';

describe('what the browser does when the live-document server closes the connection', () => {
	it('sends a signed-out user to the login page', () => {
		expect(closeAction(4401)).toBe('sign-in');
	});

	it('stops and says so when access is gone', () => {
		expect(closeAction(4403)).toBe('denied');
		expect(closeAction(4404)).toBe('denied');
	});

	it('reloads the page data and reconnects when access changed', () => {
		expect(closeAction(CLOSE.accessChanged)).toBe('recheck');
		expect(closeAction(4409)).toBe('recheck');
	});

	it('retries after network problems, restarts and going-away closes', () => {
		for (const code of [1000, 1001, 1005, 1006, 1011, 1012, CLOSE.storageFailed]) expect(closeAction(code)).toBe('retry');
	});

	it('gives up on any other deliberate refusal', () => {
		expect(closeAction(CLOSE.badMessage)).toBe('fatal');
		expect(closeAction(4413)).toBe('fatal');
	});
});

describe('live-document URLs', () => {
	it('use ws on http and wss on https, on the page own host and port', () => {
		expect(liveDocServerUrl({ protocol: 'http:', host: 'localhost:4173' })).toBe('ws://localhost:4173/yjs');
		expect(liveDocServerUrl({ protocol: 'https:', host: 'brygga.kommun.se' })).toBe('wss://brygga.kommun.se/yjs');
	});

	it('bring the user back to the same page after login, never to another site', () => {
		expect(loginUrlFor('/initiatives/abc/brief')).toBe('/login?next=%2Finitiatives%2Fabc%2Fbrief');
		expect(loginUrlFor('//evil.example/x')).toBe('/login?next=%2F');
	});
});
