import { spawn } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import { parseCatFileBatch } from './parseCatFileBatch.js';

/**
 * The reading thread of readBlobsThreaded (blobReaderThread.ts): runs `git cat-file --batch` and
 * hands each whole blob over, its memory transferred, not copied. Its event loop does nothing
 * else, so git's pipe is drained while the main thread judges text. It stops reading while more
 * than LIMIT bytes wait unjudged, so memory stays bounded on any commit size.
 */
const LIMIT = 64 * 1024 * 1024;
const port = parentPort!;
const { cwd, shas } = workerData as { cwd: string; shas: string[] };

const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
let waiting = 0;
const stderr: Buffer[] = [];

const parser = parseCatFileBatch(
  // Own memory (never Node's shared pool), so it can be transferred.
  (size) => new Uint8Array(size),
  (blob) => {
    waiting += blob.length;
    port.postMessage({ t: 'blob', buf: blob }, [blob.buffer as ArrayBuffer]);
    if (waiting > LIMIT) child.stdout.pause();
  },
  (line) => {
    port.postMessage({ t: 'missing', line });
    child.kill();
  },
);

port.on('message', (m: { t: 'done'; bytes: number } | { t: 'stop' }) => {
  if (m.t === 'done') {
    waiting -= m.bytes;
    if (waiting <= LIMIT) child.stdout.resume();
  } else {
    child.kill();
  }
});
child.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
child.stderr.on('data', (b: Buffer) => stderr.push(b));
child.on('error', (e: NodeJS.ErrnoException) => port.postMessage({ t: 'spawnError', code: e.code, message: e.message }));
child.stdin.on('error', () => {});
child.on('close', (code, signal) => port.postMessage({ t: 'close', code, signal, stderr: Buffer.concat(stderr).toString('utf8') }));
child.stdin.end(shas.join('\n') + '\n');
