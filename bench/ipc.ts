/**
 * The measurement channel of a benchmark server process: `{cmd:'mem'}` answers the heap after
 * a full GC, `{cmd:'cpu'}` answers the CPU time used so far *without* a GC — a forced full GC
 * stalls the process for tens of milliseconds, which must not fall inside a measured window.
 */
export function answerMeasurements(): void {
	process.on('message', (msg: { cmd: string }) => {
		if (msg.cmd === 'mem') {
			globalThis.gc?.();
			globalThis.gc?.();
		}
		if (msg.cmd === 'mem' || msg.cmd === 'cpu') process.send!({ mem: process.memoryUsage(), cpu: process.cpuUsage() });
	});
}
