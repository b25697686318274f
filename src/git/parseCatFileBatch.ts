import { KeyguardError } from '../errors.js';

/**
 * Parses `git cat-file --batch` output as it arrives, in pieces of any size: for each object a
 * header line `<sha> <type> <size>`, the content, and a newline. Every reader of blobs (the staged
 * check, the threaded reader, the history reader) feeds its chunks through this one parser.
 */
export interface BatchParser {
  /** Parses a chunk; false once an object was reported missing (nothing after it is read). */
  push(chunk: Uint8Array): boolean;
}

export function parseCatFileBatch(
  onObject: (content: Uint8Array) => void,
  onMissing: (headerLine: string) => void,
  /** Memory for one object's content: the threaded reader needs its own, transferable memory. */
  alloc: (size: number) => Uint8Array = (size) => Buffer.allocUnsafe(size),
): BatchParser {
  let header: Uint8Array[] = [];
  let body: Uint8Array | null = null;
  let filled = 0;
  let skipNewline = false;
  let stopped = false;

  return {
    push(chunk) {
      let pos = 0;
      while (pos < chunk.length && !stopped) {
        if (skipNewline) {
          pos++;
          skipNewline = false;
          continue;
        }
        if (body) {
          const n = Math.min(body.length - filled, chunk.length - pos);
          body.set(chunk.subarray(pos, pos + n), filled);
          filled += n;
          pos += n;
          if (filled === body.length) {
            const done = body;
            body = null;
            skipNewline = true;
            onObject(done);
          }
          continue;
        }
        const nl = chunk.indexOf(10, pos);
        if (nl === -1) {
          header.push(chunk.subarray(pos));
          break;
        }
        header.push(chunk.subarray(pos, nl));
        pos = nl + 1;
        const line = Buffer.concat(header).toString('utf8');
        header = [];
        const parts = line.split(' ');
        if (parts[1] === 'missing' || parts.length !== 3) {
          stopped = true;
          onMissing(line);
          break;
        }
        const size = Number(parts[2]);
        if (size === 0) {
          skipNewline = true;
          onObject(alloc(0));
        } else {
          body = alloc(size);
          filled = 0;
        }
      }
      return !stopped;
    },
  };
}

/** The error for an object git could not hand over: the scan cannot be complete. */
export function missingObject(headerLine: string): KeyguardError {
  const parts = headerLine.split(' ');
  return new KeyguardError(
    `git could not read object ${parts[0]} (${parts.slice(1).join(' ') || 'no answer'}); the repository may be corrupt or incomplete`,
  );
}
