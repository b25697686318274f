import { KeyguardError } from '../errors.js';

/**
 * Parses `git cat-file --batch` output as it arrives, in pieces of any size: for each object a
 * header line `<sha> <type> <size>`, the content, and a newline. Every reader of blobs (the staged
 * check, the threaded reader, the history reader) feeds its chunks through this one parser.
 */
export interface BatchParser {
  /** Parses a chunk; after a missing object nothing more is read. */
  push(chunk: Uint8Array): void;
}

export function parseCatFileBatch<T extends Uint8Array>(
  /** Memory for one object's content (a Buffer; the threaded reader's own, transferable memory). */
  alloc: (size: number) => T,
  onObject: (content: T) => void,
  onMissing: (headerLine: string) => void,
): BatchParser {
  let header: Uint8Array[] = [];
  let body: T | null = null;
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
