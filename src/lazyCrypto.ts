/**
 * node:crypto, loaded when first used: loading it costs a one-file check ~6 ms of its start-up,
 * and a check that finds nothing hashes nothing. (process.getBuiltinModule is Node 20.16+; the
 * bundle's require serves older ones.)
 */
type Crypto = typeof import('node:crypto');
let loaded: Crypto | undefined;

export function nodeCrypto(): Crypto {
  loaded ??= (process.getBuiltinModule as ((id: 'node:crypto') => Crypto) | undefined)?.('node:crypto') ?? (require('node:crypto') as Crypto);
  return loaded;
}
