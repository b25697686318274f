import { KeyguardError } from '../errors.js';
import { gitFailure, gitNotFound, spawnGit } from './runGit.js';
import { missingObject, parseCatFileBatch, type ObjectSink } from './parseCatFileBatch.js';

/**
 * Every blob keyguard reads comes through `git cat-file --batch`, and this file is the one place
 * that process is started, fed, drained and judged finished. Its modes:
 * - readBlobs: a known list of objects (the index, a tree), on this thread or — for hundreds of
 *   objects — on a worker thread (catFileThread.ts), so git's pipe is drained while text is judged;
 * - openBlobReader: long-lived, one read at a time as a source discovers what it needs (history).
 * Every object asked for must arrive: a missing object or a git failure is an error, never a skip.
 */
export interface CatFileProcess {
  /** Asks for objects, one id per line. */
  request(lines: string): void;
  /** No more requests: git exits once it has answered them. */
  end(): void;
  pause(): void;
  resume(): void;
  /** Stops git at once (the caller already has its error). */
  stop(error: Error): void;
  /** Settles when git has exited: null when every request was answered, else the error to report. */
  closed: Promise<Error | null>;
}

export function startCatFile<T extends Uint8Array>(
  cwd: string,
  /** Memory for one object (a Buffer; the worker thread's own, transferable memory). */
  alloc: (size: number) => T,
  onObject: (content: T) => void,
  /** Objects to hand over in pieces as they arrive (parseCatFileBatch's `stream`). */
  stream?: (size: number) => ObjectSink | null,
): CatFileProcess {
  const args = ['cat-file', '--batch'];
  const child = spawnGit(args, cwd);
  const stderr: Buffer[] = [];
  let failed: Error | null = null;
  const stop = (e: Error) => {
    failed ??= e;
    child.kill();
  };
  const parser = parseCatFileBatch(
    alloc,
    (content) => {
      try {
        onObject(content);
      } catch (e) {
        stop(e as Error);
      }
    },
    (line) => stop(missingObject(line)),
    stream &&
      ((size) => {
        try {
          const sink = stream(size);
          // A sink that throws stops git, as onObject does; nothing after reaches it.
          return sink && {
            write: (bytes) => {
              if (failed) return;
              try {
                sink.write(bytes);
              } catch (e) {
                stop(e as Error);
              }
            },
            end: () => {
              if (failed) return;
              try {
                sink.end();
              } catch (e) {
                stop(e as Error);
              }
            },
          };
        } catch (e) {
          stop(e as Error);
          return null;
        }
      }),
  );
  child.stdout!.on('data', (chunk: Buffer) => {
    if (!failed) parser.push(chunk);
  });
  child.stderr!.on('data', (b: Buffer) => stderr.push(b));
  child.stdin!.on('error', () => {}); // git exiting early surfaces through 'close'
  const closed = new Promise<Error | null>((resolve) => {
    child.on('error', (e) => {
      stop(gitNotFound(e));
      resolve(failed);
    });
    child.on('close', (code, signal) => {
      if (!failed && code !== 0) failed = gitFailure(args, code, signal, Buffer.concat(stderr).toString('utf8'));
      resolve(failed);
    });
  });
  return {
    request: (lines) => void child.stdin!.write(lines),
    end: () => void child.stdin!.end(),
    pause: () => void child.stdout!.pause(),
    resume: () => void child.stdout!.resume(),
    stop,
    closed,
  };
}

/** From this many objects on, git is read on a worker thread (starting one costs ~20 ms). */
const THREADED_FROM = 200;

/** The error for a reader that ended before handing over everything asked for. */
export function incomplete(got: number, wanted: number): KeyguardError {
  return new KeyguardError(`git cat-file stopped after ${got} of ${wanted} objects; nothing was checked`);
}

/**
 * Reads a known list of objects, handing each to `onBlob` in the order asked, as soon as it is
 * whole — or, when `stream(index, size)` returns a sink for it, in pieces as git writes them (a
 * big file is then never held whole). Pieces come only when git is read on this thread: on the
 * worker thread every object is whole.
 */
export async function readBlobs(
  cwd: string,
  shas: string[],
  onBlob: (index: number, content: Buffer) => void,
  stream?: (index: number, size: number) => ObjectSink | null,
): Promise<void> {
  if (shas.length === 0) return;
  if (shas.length >= THREADED_FROM && !process.env.KEYGUARD_NO_THREADS) {
    // Loaded only here: a small commit never pays for loading worker_threads.
    return (await import('./catFileThread.js')).readBlobsOnThread(cwd, shas, onBlob);
  }
  let index = 0;
  const git = startCatFile(
    cwd,
    (size) => Buffer.allocUnsafe(size),
    (content) => onBlob(index++, content),
    stream &&
      ((size) => {
        const sink = stream(index, size);
        return sink && { write: (bytes) => sink.write(bytes), end: () => (index++, sink.end()) };
      }),
  );
  git.request(shas.join('\n') + '\n');
  git.end();
  const error = await git.closed;
  if (error) throw error;
  if (index !== shas.length) throw incomplete(index, shas.length);
}

export interface BlobReader {
  read(sha: string): Promise<Buffer>;
  /** Ends the process once every pending read is answered. */
  close(): Promise<void>;
  /** Bytes of object content handed over so far. */
  bytesRead(): number;
}

/**
 * A long-lived reader for sources that discover what to read as they go. Reads are answered in
 * the order made, so several can be in flight. The process starts with the first read: a history
 * whose diffs are all text never needs one. A failure rejects every pending read.
 */
export function openBlobReader(cwd: string): BlobReader {
  let git: CatFileProcess | null = null;
  const pending: { resolve(b: Buffer): void; reject(e: Error): void }[] = [];
  let failed: Error | null = null;
  let total = 0;
  const failAll = (e: Error) => {
    failed ??= e;
    for (const p of pending.splice(0)) p.reject(failed);
  };
  const start = () => {
    const p = startCatFile(cwd, (size) => Buffer.allocUnsafe(size), (content) => {
      total += content.length;
      pending.shift()?.resolve(content);
    });
    void p.closed.then((e) => {
      if (e) failAll(e);
      else if (pending.length > 0) failAll(new KeyguardError(`git cat-file stopped with ${pending.length} objects unread; nothing was checked`));
    });
    return p;
  };
  return {
    read(sha) {
      if (failed) return Promise.reject(failed);
      git ??= start();
      const proc = git;
      return new Promise<Buffer>((resolve, reject) => {
        pending.push({ resolve, reject });
        proc.request(`${sha}\n`);
      });
    },
    async close() {
      if (!git) return;
      git.end();
      await git.closed;
      if (failed) throw failed;
    },
    bytesRead: () => total,
  };
}
