import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a command's bundle (dist/NAME.js) as require would, with the V8 code cache the build
 * wrote beside it (NAME.js.cache, scripts/build.mjs): the hook's `check` then neither parses nor
 * compiles ~400 KB of code on every commit (a third of loading it). A cache is code: paired with
 * an edited bundle (patched in node_modules, say) it would run what is no longer there. So the
 * cache file holds the very source it was made from, compared byte for byte with the bundle (a
 * memcmp, where hashing the bundle would cost what the cache saves), and is used only when they
 * are the same. V8 itself rejects a cache another V8 wrote, and then compiles the source as
 * require does. Without a cache, or with another source: require.
 */
export function loadCommand(name: string): unknown {
  const file = join(__dirname, `${name}.js`);
  let cache: Buffer;
  let bundle: Buffer;
  try {
    cache = readFileSync(`${file}.cache`);
    bundle = readFileSync(file);
  } catch {
    return require(file);
  }
  const { source, code } = splitCache(cache);
  if (!source.equals(bundle)) return require(file);
  const wrapper = new Script(Module.wrap(bundle.toString('utf8')), { filename: file, cachedData: code }).runInThisContext() as (...args: unknown[]) => void;
  const mod = new Module(file);
  mod.filename = file;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/** A cache file: the source's length (4 bytes, big-endian), the source, then V8's code cache. */
export function splitCache(cache: Buffer): { source: Buffer; code: Buffer } {
  const length = cache.length >= 4 ? cache.readUInt32BE(0) : 0;
  if (length + 4 > cache.length) return { source: Buffer.alloc(0), code: Buffer.alloc(0) };
  return { source: cache.subarray(4, 4 + length), code: cache.subarray(4 + length) };
}
