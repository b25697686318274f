import { Worker } from 'node:worker_threads';
import { KeyguardError } from '../errors.js';
import { gitFailure, gitNotFound } from './runGit.js';

/**
 * The worker's code, kept as plain CommonJS text so it needs no file of its own beside the bundle.
 * It runs `git cat-file --batch` and hands each whole blob over (its memory transferred, not copied).
 * Its event loop does nothing else, so git's output pipe is drained while the main thread judges
 * text: git and the scan overlap on two cores instead of taking turns. It stops reading when
 * more than LIMIT bytes wait unjudged, so memory stays bounded on any commit size.
 */
const WORKER = `
const { spawn } = require('node:child_process');
const { parentPort, workerData } = require('node:worker_threads');
const LIMIT = 64 * 1024 * 1024;
const child = spawn('git', ['cat-file', '--batch'], { cwd: workerData.cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
let header = [];
let body = null;
let filled = 0;
let skipNewline = false;
let waiting = 0;
let stopped = false;
const stderr = [];
function hand(buf) {
  waiting += buf.length;
  parentPort.postMessage({ t: 'blob', buf }, [buf.buffer]);
  if (waiting > LIMIT) child.stdout.pause();
}
parentPort.on('message', (m) => {
  if (m.t === 'done') {
    waiting -= m.bytes;
    if (waiting <= LIMIT) child.stdout.resume();
  } else if (m.t === 'stop') {
    stopped = true;
    child.kill();
  }
});
child.stdout.on('data', (chunk) => {
  let pos = 0;
  while (pos < chunk.length && !stopped) {
    if (skipNewline) { pos++; skipNewline = false; continue; }
    if (body) {
      const n = Math.min(body.length - filled, chunk.length - pos);
      body.set(chunk.subarray(pos, pos + n), filled);
      filled += n;
      pos += n;
      if (filled === body.length) { const done = body; body = null; skipNewline = true; hand(done); }
      continue;
    }
    const nl = chunk.indexOf(10, pos);
    if (nl === -1) { header.push(chunk.subarray(pos)); break; }
    header.push(chunk.subarray(pos, nl));
    pos = nl + 1;
    const line = Buffer.concat(header).toString('utf8');
    header = [];
    const parts = line.split(' ');
    if (parts[1] === 'missing' || parts.length !== 3) {
      parentPort.postMessage({ t: 'missing', line });
      stopped = true;
      child.kill();
      break;
    }
    // Own memory (never Node's shared pool), so it can be transferred.
    body = new Uint8Array(Number(parts[2]));
    filled = 0;
    if (body.length === 0) { const done = body; body = null; skipNewline = true; hand(done); }
  }
});
child.stderr.on('data', (b) => stderr.push(b));
child.on('error', (e) => { stopped = true; parentPort.postMessage({ t: 'spawnError', code: e.code, message: e.message }); });
child.stdin.on('error', () => {});
child.on('close', (code, signal) => parentPort.postMessage({ t: 'close', code, signal, stderr: Buffer.concat(stderr).toString('utf8') }));
child.stdin.end(workerData.shas.join('\\n') + '\\n');
`;

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
    const worker = new Worker(WORKER, { eval: true, workerData: { cwd, shas } });
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
        const parts = m.line.split(' ');
        fail(new KeyguardError(`git could not read object ${parts[0]} (${parts.slice(1).join(' ') || 'no answer'}); the repository may be corrupt`));
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
