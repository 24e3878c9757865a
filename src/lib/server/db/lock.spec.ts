import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { lockDataDir } from './index.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-lock-'));
	dirs.push(d);
	return d;
}

describe('the DATA_DIR lock (one process per embedded database)', () => {
	it('refuses a folder that a live process holds, naming the process and the way out', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'brygga.pid'), String(process.ppid));
		expect(() => lockDataDir(dir)).toThrow(/in use by another Brygga process \(pid \d+\).*DATABASE_URL.*REDIS_URL/);
	});

	it('takes over a folder whose process died, and releases it again', () => {
		const dir = tempDir();
		// The pid of a process that has exited.
		const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
		fs.writeFileSync(path.join(dir, 'brygga.pid'), dead);
		const release = lockDataDir(dir);
		expect(fs.readFileSync(path.join(dir, 'brygga.pid'), 'utf8')).toBe(String(process.pid));
		release();
		expect(fs.existsSync(path.join(dir, 'brygga.pid'))).toBe(false);
	});
});
