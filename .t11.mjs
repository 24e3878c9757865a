import fs from 'node:fs';
const prof = JSON.parse(fs.readFileSync(process.argv[2]));
const self = new Map();
const dt = prof.timeDeltas; const samples = prof.samples;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (let i = 0; i < samples.length; i++) counts.set(samples[i], (counts.get(samples[i]) ?? 0) + (dt[i] ?? 0));
let total = 0;
for (const [id, t] of counts) { const n = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); total += t; }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log('total ms', (total / 1000).toFixed(0));
for (const [k, t] of top) console.log((t / 1000).toFixed(0).padStart(7), k);
