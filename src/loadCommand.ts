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
 * are the same. It also holds the path it was made for: V8 names a cached script's code by the
 * path it was compiled at (in stack traces and profiles), so a bundle that moved (a packed
 * keyguard installed elsewhere) is loaded as require loads it. V8 rejects a cache another V8
 * wrote, and then compiles the source as require does.
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
  const parts = splitCache(cache);
  if (!parts || parts.path !== file || !parts.source.equals(bundle)) return require(file);
  const wrapper = new Script(Module.wrap(bundle.toString('utf8')), { filename: file, cachedData: parts.code }).runInThisContext() as (...args: unknown[]) => void;
  const mod = new Module(file);
  mod.filename = file;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/**
 * A cache file: the length of the path it was made for and of the source (4 bytes each,
 * big-endian), that path (UTF-8), the source, then V8's code cache. Null when it is not one.
 */
export function splitCache(cache: Buffer): { path: string; source: Buffer; code: Buffer } | null {
  if (cache.length < 8) return null;
  const pathLength = cache.readUInt32BE(0);
  const sourceLength = cache.readUInt32BE(4);
  const sourceStart = 8 + pathLength;
  if (sourceStart + sourceLength > cache.length) return null;
  return {
    path: cache.toString('utf8', 8, sourceStart),
    source: cache.subarray(sourceStart, sourceStart + sourceLength),
    code: cache.subarray(sourceStart + sourceLength),
  };
}
