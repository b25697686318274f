import { KeyguardError } from '../errors.js';
import { gitFailure, gitNotFound, spawnGit } from './runGit.js';

/** From this many objects on, git is read on a worker thread (starting one costs ~20 ms). */
const THREADED_FROM = 200;

/**
 * Reads many objects through one `git cat-file --batch`, in the order asked, handing each to
 * `onBlob` as soon as it is complete. Every object asked for must arrive: a missing object or a
 * git failure is an error, never a silent skip.
 */
export function readBlobs(cwd: string, shas: string[], onBlob: (index: number, content: Buffer) => void): Promise<void> {
  if (shas.length === 0) return Promise.resolve();
  if (shas.length >= THREADED_FROM && !process.env.KEYGUARD_NO_THREADS) {
    // Loaded only here: a small commit never pays for loading worker_threads.
    return import('./blobReaderThread.js').then((m) => m.readBlobsThreaded(cwd, shas, onBlob));
  }
  return new Promise((resolve, reject) => {
    const args = ['cat-file', '--batch'];
    const child = spawnGit(args, cwd);
    let failed: Error | undefined;
    const fail = (e: Error) => {
      if (!failed) failed = e;
      child.kill();
    };

    let index = 0;
    let header: Buffer[] = [];
    let body: Buffer | null = null;
    let filled = 0;
    let skipNewline = false;
    const stderr: Buffer[] = [];

    child.stdout!.on('data', (chunk: Buffer) => {
      let pos = 0;
      while (pos < chunk.length && !failed) {
        if (skipNewline) {
          pos++;
          skipNewline = false;
          continue;
        }
        if (body) {
          const n = Math.min(body.length - filled, chunk.length - pos);
          chunk.copy(body, filled, pos, pos + n);
          filled += n;
          pos += n;
          if (filled === body.length) {
            const done = body;
            body = null;
            skipNewline = true;
            try {
              onBlob(index++, done);
            } catch (e) {
              fail(e as Error);
            }
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
          fail(new KeyguardError(`git could not read object ${parts[0]} (${parts.slice(1).join(' ') || 'no answer'}); the repository may be corrupt`));
          break;
        }
        body = Buffer.allocUnsafe(Number(parts[2]));
        filled = 0;
        if (body.length === 0) {
          body = null;
          skipNewline = true;
          try {
            onBlob(index++, Buffer.alloc(0));
          } catch (e) {
            fail(e as Error);
          }
        }
      }
    });
    child.stderr!.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', (e) => fail(gitNotFound(e)));
    child.stdin!.on('error', () => {}); // git exiting early surfaces through 'close'
    child.on('close', (code, signal) => {
      if (failed) return reject(failed);
      if (code !== 0) return reject(gitFailure(args, code, signal, Buffer.concat(stderr).toString('utf8')));
      if (index !== shas.length) {
        return reject(new KeyguardError(`git cat-file stopped after ${index} of ${shas.length} objects; nothing was checked`));
      }
      resolve();
    });
    child.stdin!.end(shas.join('\n') + '\n');
  });
}
