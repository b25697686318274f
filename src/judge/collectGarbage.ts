/**
 * A full garbage collection, asked for while a big file is judged piece by piece. Each piece is a
 * string of 1–2 MB that outlives a young-generation collection (it is being read while the
 * detector allocates), so it moves to the large-object space, which only a full collection frees;
 * V8 puts that off until the heap has grown by tens of megabytes, and on a 50 MB file the dead
 * pieces were most of keyguard's peak memory (issue 16). One collection of a small live heap costs
 * a few milliseconds. Where `gc` cannot be had, nothing happens: only memory is at stake.
 */
let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      // Loaded here, not at start-up: only a big file needs them (node:v8 costs ~1 ms to load).
      const { setFlagsFromString } = require('node:v8') as typeof import('node:v8');
      const { runInNewContext } = require('node:vm') as typeof import('node:vm');
      // The flag exposes `gc` in contexts created after it is set; the main one stays as it was.
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
