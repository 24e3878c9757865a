/**
 * A worker thread of `bench/workshop.ts` holding a share of the participants' boards (real
 * y-websocket connections). 150 boards in the driving thread meant every card was applied 150
 * times in a row on one event loop before the driver could read the next answer or board: the
 * driver's own delay showed up as server latency. Split over threads, the boards are applied in
 * parallel where cores are free, and each observation is timestamped on the thread that made it.
 *
 * Messages in: `{ cmd: 'observe', phase: 'collect' | 'vote' }`, `{ cmd: 'closed' }`, `{ cmd: 'stop' }`.
 * Messages out: `{ cmd: 'synced' }`, `{ cmd: 'observing' }`, `{ cmd: 'seen', keys, ats }` (ats: `timeOrigin + now()`, ms,
 * comparable across threads), `{ cmd: 'closed', count }`, `{ cmd: 'stopped' }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { liveClient } from '../tests/helpers/live.ts';

process.setMaxListeners(0);
const { boards, docName } = workerData as { boards: Array<{ url: string; cookie: string }>; docName: string };
const port = parentPort!;
const clients = boards.map((b) => liveClient(b.url, docName, { cookie: b.cookie }));
const now = () => performance.timeOrigin + performance.now();

// Observations are sent in small batches; their time is taken when the board made them.
let keys: string[] = [];
let ats: number[] = [];
let flush: NodeJS.Timeout | null = null;
function seen(key: string) {
	keys.push(key);
	ats.push(now());
	flush ??= setTimeout(() => {
		flush = null;
		port.postMessage({ cmd: 'seen', keys, ats });
		keys = [];
		ats = [];
	}, 5);
}

function observe(phase: 'collect' | 'vote') {
	for (const c of clients) {
		if (phase === 'collect') {
			c.doc.getMap('cards').observe((e) => {
				for (const [key, change] of e.changes.keys) if (change.action === 'add') seen(key);
			});
		} else {
			// A board shows vote k on a target once its count reaches k: two votes committed together
			// may move the count by two in one change, which shows both.
			const tally = c.doc.getMap<number>('tally');
			const shown = new Map<string, number>();
			tally.observe((e) => {
				for (const key of e.keysChanged) {
					const n = tally.get(key) ?? 0;
					for (let k = (shown.get(key) ?? 0) + 1; k <= n; k++) seen(`${key}:${k}`);
					shown.set(key, Math.max(n, shown.get(key) ?? 0));
				}
			});
		}
	}
}

port.on('message', (msg: { cmd: string; phase?: 'collect' | 'vote' }) => {
	if (msg.cmd === 'observe') {
		observe(msg.phase!);
		port.postMessage({ cmd: 'observing' });
	}
	else if (msg.cmd === 'closed') port.postMessage({ cmd: 'closed', count: clients.filter((c) => c.closes.some((x) => x.code >= 4400 && x.code < 4500)).length });
	else if (msg.cmd === 'stop') {
		for (const c of clients) c.destroy();
		port.postMessage({ cmd: 'stopped' });
	}
});
await Promise.all(clients.map((c) => c.synced));
port.postMessage({ cmd: 'synced' });
