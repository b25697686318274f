// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per function,
// the biggest first, and per kind of work. "(idle)" is time spent waiting (for git to hand over
// bytes, for the disk): there the floor is git, not keyguard.
import { basename } from 'node:path';

const KINDS = [
  ['waiting for git/disk', (f, url) => f === '(idle)'],
  ['rule expressions', (f) => f.startsWith('RegExp: ')],
  ['keyword pre-filter', (f, url) => /^(scan|scanText|record|resolve|presence)$/.test(f) && url.includes('/dist/')],
  ['decoding bytes', (f, url) => /^(slice|toString|_copyActual|copy|decode|set)$/.test(f) && /buffer|^$/.test(url)],
  ['garbage collection', (f) => f === '(garbage collector)'],
  ['start-up: loading code', (f, url) => /^compile|wrapSafe|internalModule|realm|loader|esm|modules|openFileHandle|readFileHandle/.test(f) || /loader|realm|esm|modules/.test(url)],
  ['spawning git', (f, url) => /spawn|normalizeSpawnArguments/i.test(f) || url.includes('child_process')],
  ['other keyguard code', (f, url) => url.includes('/dist/')],
  ['Node runtime (bootstrap, streams, I/O)', () => true],
];

export function summariseProfile(profile, top = 8) {
  const self = new Map();
  const kinds = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (deltas[i + 1] ?? 0) / 1000; // the sample's time runs until the next sample
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = url ? `${functionName || '(anonymous)'} ${basename(url)}:${lineNumber + 1}` : functionName;
    self.set(name, (self.get(name) ?? 0) + dt);
    const kind = KINDS.find(([, test]) => test(functionName, url))?.[0];
    kinds.set(kind, (kinds.get(kind) ?? 0) + dt);
  }
  const list = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const byKind = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => ({ kind, ms, pct: (100 * ms) / total }));
  return { totalMs: total, byKind, top: list.map(([name, ms]) => ({ name: name.length > 110 ? `${name.slice(0, 107)}...` : name, ms, pct: (100 * ms) / total })) };
}
