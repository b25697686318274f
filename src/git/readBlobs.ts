import { KeyguardError } from '../errors.js';
import { gitFailure, gitNotFound, spawnGit } from './runGit.js';
import { missingObject, parseCatFileBatch } from './parseCatFileBatch.js';

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
    const stderr: Buffer[] = [];
    const parser = parseCatFileBatch(
      (size) => Buffer.allocUnsafe(size),
      (content) => {
        try {
          onBlob(index++, content);
        } catch (e) {
          fail(e as Error);
        }
      },
      (line) => fail(missingObject(line)),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!failed) parser.push(chunk);
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
