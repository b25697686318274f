/**
 * Full garbage collections while a big file is judged piece by piece. Each piece is a string of
 * 1–2 MB that outlives a young-generation collection (it is read while the detector allocates), so
 * it moves to the large-object space, which only a full collection frees; V8 puts that off until
 * the heap has grown by tens of megabytes, and on a 50 MB file those dead pieces were most of
 * keyguard's peak memory (issue 16). A collection costs a few milliseconds, so one is made only
 * once the heap has grown by `growth` bytes since the last. Where `gc` cannot be had, nothing
 * happens: only memory is at stake.
 */
let tools: { gc: () => void; heapSize: () => number } | null | undefined;
let after = 0; // the heap's size after the last collection

export function collectGarbageOver(growth: number): void {
  if (tools === undefined) tools = load();
  if (!tools) return;
  const size = tools.heapSize();
  if (after === 0) after = size;
  if (size - after < growth) return;
  tools.gc();
  after = tools.heapSize();
}

function load(): typeof tools {
  try {
    // Loaded here, not at start-up: only a big file needs them (node:v8 costs ~1 ms to load).
    const v8 = require('node:v8') as typeof import('node:v8');
    const { runInNewContext } = require('node:vm') as typeof import('node:vm');
    // The flag exposes `gc` in contexts created after it is set; the main one stays as it was.
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return null;
    return { gc: gc as () => void, heapSize: () => v8.getHeapStatistics().total_heap_size };
  } catch {
    return null;
  }
}
