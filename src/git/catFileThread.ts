import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { KeyguardError } from '../errors.js';
import { incomplete, startCatFile } from './catFile.js';

/**
 * readBlobs' list mode with git read on a worker thread: the thread's event loop does nothing but
 * drain git's pipe (startCatFile, as on the main thread) and hand each whole blob over, its memory
 * transferred, not copied, while the main thread judges text. The thread stops reading while more
 * than LIMIT bytes wait unjudged, so memory stays bounded on any commit size. This one file is both
 * sides: bundled into the command that reads, and as dist/catFileThread.js, the thread's code.
 */
const LIMIT = 64 * 1024 * 1024;
/** Well below LIMIT, so the thread never waits on an acknowledgement still unsent. */
const ACK_EVERY = 8 * 1024 * 1024;
const MARK = 'keyguard-cat-file';

type ToMain = { t: 'blob'; buf: Uint8Array } | { t: 'end'; error: string | null };
type ToThread = { t: 'done'; bytes: number } | { t: 'stop' };

export function readBlobsOnThread(cwd: string, shas: string[], onBlob: (index: number, content: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'catFileThread.js'), { workerData: { mark: MARK, cwd, shas } });
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
    worker.on('message', (m: ToMain) => {
      if (m.t === 'end') {
        if (failed || m.error) return finish(failed ?? new KeyguardError(m.error!));
        return finish(index === shas.length ? undefined : incomplete(index, shas.length));
      }
      if (failed) return;
      try {
        onBlob(index++, Buffer.from(m.buf.buffer, m.buf.byteOffset, m.buf.length));
      } catch (e) {
        failed = e as Error;
        worker.postMessage({ t: 'stop' } satisfies ToThread);
        return;
      }
      // Acknowledged in batches: a message per blob costs more than the blob on small files.
      unacked += m.buf.length;
      if (unacked >= ACK_EVERY) {
        worker.postMessage({ t: 'done', bytes: unacked } satisfies ToThread);
        unacked = 0;
      }
    });
    worker.on('error', (e) => finish(failed ?? new KeyguardError(`could not read staged content: ${e.message}`)));
    worker.on('exit', () => finish(failed ?? new KeyguardError('git cat-file reader stopped early; nothing was checked')));
  });
}

if (!isMainThread && (workerData as { mark?: string } | null)?.mark === MARK) {
  const port = parentPort!;
  const { cwd, shas } = workerData as { cwd: string; shas: string[] };
  let waiting = 0;
  const git = startCatFile(cwd, (size) => new Uint8Array(size), (blob) => {
    waiting += blob.length;
    port.postMessage({ t: 'blob', buf: blob } satisfies ToMain, [blob.buffer as ArrayBuffer]);
    if (waiting > LIMIT) git.pause();
  });
  port.on('message', (m: ToThread) => {
    if (m.t === 'stop') return git.stop(new KeyguardError('stopped'));
    waiting -= m.bytes;
    if (waiting <= LIMIT) git.resume();
  });
  git.request(shas.join('\n') + '\n');
  git.end();
  void git.closed.then((e) => {
    port.postMessage({ t: 'end', error: e ? e.message : null } satisfies ToMain);
    port.close();
  });
}
