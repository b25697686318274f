import { KeyguardError } from '../errors.js';
import { gitFailure, gitNotFound, spawnGit } from './runGit.js';
import { missingObject, parseCatFileBatch } from './parseCatFileBatch.js';

/**
 * One long-lived `git cat-file --batch` that many reads share, for sources that discover what
 * to read as they go (history: commit after commit). Requests are answered in the order made;
 * each read is a promise, so a caller can keep several in flight. A missing object or a git
 * failure rejects every pending read: never a silent skip.
 */
export interface BlobReader {
  read(sha: string): Promise<Buffer>;
  /** Ends the process once every pending read is answered. */
  close(): Promise<void>;
  /** Bytes of object content handed over so far. */
  bytesRead(): number;
}

interface Pending {
  sha: string;
  resolve(b: Buffer): void;
  reject(e: Error): void;
}

/** The process starts with the first read: a history whose diffs are all text never needs one. */
export function openBlobReader(cwd: string): BlobReader {
  let reader: BlobReader | null = null;
  return {
    read(sha) {
      reader ??= startBlobReader(cwd);
      return reader.read(sha);
    },
    close: () => (reader ? reader.close() : Promise.resolve()),
    bytesRead: () => reader?.bytesRead() ?? 0,
  };
}

function startBlobReader(cwd: string): BlobReader {
  const args = ['cat-file', '--batch'];
  const child = spawnGit(args, cwd);
  const pending: Pending[] = [];
  const stderr: Buffer[] = [];
  let failed: Error | undefined;
  let total = 0;
  const fail = (e: Error) => {
    if (failed) return;
    failed = e;
    for (const p of pending.splice(0)) p.reject(e);
    child.kill();
  };
  const parser = parseCatFileBatch(
    (size) => Buffer.allocUnsafe(size),
    (content) => {
      total += content.length;
      pending.shift()?.resolve(content);
    },
    (line) => fail(missingObject(line)),
  );
  child.stdout!.on('data', (chunk: Buffer) => {
    if (!failed) parser.push(chunk);
  });
  child.stderr!.on('data', (b: Buffer) => stderr.push(b));
  child.on('error', (e) => fail(gitNotFound(e)));
  child.stdin!.on('error', () => {}); // git exiting early surfaces through 'close'
  const closed = new Promise<void>((resolve) => {
    child.on('close', (code, signal) => {
      if (!failed && code !== 0) fail(gitFailure(args, code, signal, Buffer.concat(stderr).toString('utf8')));
      if (!failed && pending.length > 0) fail(new KeyguardError(`git cat-file stopped with ${pending.length} objects unread; nothing was checked`));
      resolve();
    });
  });

  return {
    read(sha) {
      if (failed) return Promise.reject(failed);
      return new Promise<Buffer>((resolve, reject) => {
        pending.push({ sha, resolve, reject });
        child.stdin!.write(`${sha}\n`);
      });
    },
    async close() {
      child.stdin!.end();
      await closed;
      if (failed) throw failed;
    },
    bytesRead: () => total,
  };
}
