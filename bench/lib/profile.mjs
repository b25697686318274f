// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per function,
// the biggest first. "(idle)" is time spent waiting (for git to hand over bytes, for the disk).
import { basename } from 'node:path';

export function summariseProfile(profile, top = 8) {
  const self = new Map();
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
  }
  const list = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs: total, top: list.map(([name, ms]) => ({ name, ms, pct: (100 * ms) / total })) };
}
