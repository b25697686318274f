import { spawn, type ChildProcess } from 'node:child_process';
import { KeyguardError } from '../errors.js';

export interface GitResult {
  stdout: Buffer;
  code: number;
  stderr: string;
}

/** Starts git; a missing git binary becomes one clear error instead of a spawn crash. */
export function spawnGit(args: string[], cwd: string): ChildProcess {
  return spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
}

export function gitFailure(args: string[], code: number | null, signal: NodeJS.Signals | null, stderr: string): KeyguardError {
  const lines = stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  // The reason is git's last fatal/error line: hint lines may follow it (e.g. "dubious ownership"
  // ends with the indented `git config … safe.directory` command), and alone they say nothing.
  let at = lines.length - 1;
  while (at > 0 && !/^(fatal|error): /.test(lines[at])) at--;
  if (!/^(fatal|error): /.test(lines[at] ?? '')) at = lines.length - 1;
  let detail = at >= 0 ? lines[at].replace(/^(fatal|error): /, '') : signal ? `killed by ${signal}` : `exit code ${code}`;
  const command = lines.slice(at + 1).find((l) => /^\s+git /.test(l));
  if (command) detail += ` (git suggests: ${command.trim()})`;
  return new KeyguardError(`git ${args.find((a) => !a.startsWith('-')) ?? ''} failed: ${detail}`);
}

export function gitNotFound(err: NodeJS.ErrnoException): KeyguardError {
  return err.code === 'ENOENT'
    ? new KeyguardError('git was not found on PATH; install git and try again')
    : new KeyguardError(`could not run git: ${err.message}`);
}

/**
 * Runs git to completion and returns its output. Exit codes listed in `okCodes` are answers,
 * not failures (rev-parse --verify answers 1 for "no such revision").
 */
export function runGit(args: string[], cwd: string, okCodes: number[] = [0], input?: string | Buffer): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, cwd);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.stdin!.on('error', () => {}); // git exiting early surfaces through 'close'
    child.stdin!.end(input);
    child.on('error', (e) => reject(gitNotFound(e)));
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === null || !okCodes.includes(code)) return reject(gitFailure(args, code, signal, stderr));
      resolve({ stdout: Buffer.concat(out), code, stderr });
    });
  });
}
