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
  /**
   * Optional: asked at each object's header; an ObjectSink it returns gets that object's content
   * in the pieces git's pipe hands over (no memory for the whole object) instead of `onObject`.
   */
  stream?: (size: number) => ObjectSink | null,
): BatchParser {
  let header: Uint8Array[] = [];
  let body: T | null = null;
  let sink: ObjectSink | null = null;
  let left = 0; // bytes of the streamed object still to come
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
        if (sink) {
          const n = Math.min(left, chunk.length - pos);
          const into = sink;
          left -= n;
          pos += n;
          if (left === 0) {
            sink = null;
            skipNewline = true;
          }
          into.write(chunk.subarray(pos - n, pos));
          if (left === 0) into.end();
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
        } else if ((sink = stream?.(size) ?? null)) {
          left = size;
        } else {
          body = alloc(size);
          filled = 0;
        }
      }
    },
  };
}

/** Where a streamed object's content goes, in order; `end` once all of it was written. */
export interface ObjectSink {
  write(bytes: Uint8Array): void;
  end(): void;
}

/** The error for an object git could not hand over: the scan cannot be complete. */
export function missingObject(headerLine: string): KeyguardError {
  const parts = headerLine.split(' ');
  return new KeyguardError(
    `git could not read object ${parts[0]} (${parts.slice(1).join(' ') || 'no answer'}); the repository may be corrupt or incomplete`,
  );
}
