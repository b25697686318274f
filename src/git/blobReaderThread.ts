import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { KeyguardError } from '../errors.js';
import { gitFailure, gitNotFound } from './runGit.js';
import { missingObject } from './parseCatFileBatch.js';

/** Well below the worker's 64 MB limit, so it never waits on an acknowledgement still unsent. */
const ACK_EVERY = 8 * 1024 * 1024;

type Message =
  | { t: 'blob'; buf: Uint8Array }
  | { t: 'missing'; line: string }
  | { t: 'spawnError'; code?: string; message: string }
  | { t: 'close'; code: number | null; signal: NodeJS.Signals | null; stderr: string };

/** readBlobs' contract (every object, in order, or an error), with git read on a worker thread. */
export function readBlobsThreaded(cwd: string, shas: string[], onBlob: (index: number, content: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // The thread's code is readBlobsWorker.ts, bundled beside the command that loads this file.
    const worker = new Worker(join(__dirname, 'readBlobsWorker.js'), { workerData: { cwd, shas } });
    let index = 0;
    let unacked = 0;
    let failed: Error | undefined;
    let settled = false;
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (e) reject(e);
      else resolve();
    };
    const fail = (e: Error) => {
      if (failed) return;
      failed = e;
      worker.postMessage({ t: 'stop' });
    };
    worker.on('message', (m: Message) => {
      if (m.t === 'blob') {
        if (failed) return;
        try {
          onBlob(index++, Buffer.from(m.buf.buffer, m.buf.byteOffset, m.buf.length));
        } catch (e) {
          fail(e as Error);
          return;
        }
        // Acknowledged in batches: a message per blob costs more than the blob on small files.
        unacked += m.buf.length;
        if (unacked >= ACK_EVERY) {
          worker.postMessage({ t: 'done', bytes: unacked });
          unacked = 0;
        }
      } else if (m.t === 'missing') {
        fail(missingObject(m.line));
      } else if (m.t === 'spawnError') {
        fail(gitNotFound(Object.assign(new Error(m.message), { code: m.code })));
        finish(failed);
      } else {
        if (failed) return finish(failed);
        if (m.code !== 0) return finish(gitFailure(['cat-file', '--batch'], m.code, m.signal, m.stderr));
        if (index !== shas.length) {
          return finish(new KeyguardError(`git cat-file stopped after ${index} of ${shas.length} objects; nothing was checked`));
        }
        finish();
      }
    });
    worker.on('error', (e) => finish(failed ?? new KeyguardError(`could not read staged content: ${e.message}`)));
    worker.on('exit', () => finish(failed ?? new KeyguardError('git cat-file reader stopped early; nothing was checked')));
  });
}
