import { join } from 'node:path';
import { KeyguardError } from '../errors.js';
import { showPath, type FileChange } from './applyChanges.js';
import { gitHookBlock, hookScript, type GitHook, type HookValues } from './gitHookBlock.js';
import { readIfExists } from './installHusky.js';
import { bytesToText, detectEol, findBlock, removeBlock, textToBytes } from './text.js';
import { statSync } from 'node:fs';

/** Interpreters keyguard's shell block can live in. */
const SHELL_SHEBANG = /^#!\s*(\S*\/)?(env\s+(-\S+\s+)*)?(sh|bash|dash|zsh|ksh|ash|mksh)(\s|$)/;

/**
 * Plans keyguard's block in a plain git hook. A hook already there keeps every line: the block goes
 * right after its `#!` line, so keyguard runs first and the hook's own code runs after it.
 * An older keyguard block is replaced in place; an identical one leaves the file untouched.
 */
export function planGitHook(root: string, hooksDir: string, hook: GitHook, values: HookValues | null): FileChange {
  const path = join(hooksDir, hook);
  const before = readIfExists(path);
  const shown = showPath(root, path);
  if (before === null) {
    return { path, before, after: Buffer.from(hookScript(hook, values)), mode: 0o755, summary: `${hook} hook calling keyguard` };
  }
  const text = bytesToText(before);
  const firstLine = text.split(/\r?\n/, 1)[0];
  if (firstLine.startsWith('#!') && !SHELL_SHEBANG.test(firstLine)) {
    throw new KeyguardError(`${shown} is not a shell script (${firstLine}); add \`keyguard ${hook === 'pre-push' ? 'pre-push "$@"' : 'check'}\` to it yourself (nothing was changed)`);
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o111) === 0) {
    throw new KeyguardError(`${shown} is not executable, so git does not run it; make it executable or remove it, then run keyguard init again (nothing was changed)`);
  }
  const eol = detectEol(text);
  // The file is edited as latin1 text (one character a byte); the block is UTF-8 (a path may hold any character).
  const block = Buffer.from(gitHookBlock(hook, eol, values), 'utf8').toString('latin1');
  const span = findBlock(text);
  let after: string;
  if (span) {
    after = text.slice(0, span.start) + block + text.slice(span.end);
  } else {
    const at = firstLine.startsWith('#!') ? Math.min(text.length, firstLine.length + eol.length) : 0;
    const head = text.slice(0, at);
    after = head + (head === '' || head.endsWith('\n') ? '' : eol) + block + text.slice(at);
  }
  return { path, before, after: textToBytes(after), summary: `run keyguard first in the existing ${hook} hook` };
}

/** Removes keyguard's block; a hook left with only the `#!/bin/sh` line keyguard wrote is deleted. */
export function planGitUnhook(root: string, hooksDir: string, hook: string): FileChange | null {
  const path = join(hooksDir, hook);
  const before = readIfExists(path);
  if (!before) return null;
  const text = bytesToText(before);
  if (!findBlock(text)) return null;
  const after = removeBlock(text);
  const empty = after.replace(/^#!\/bin\/sh\r?\n?/, '').trim() === '';
  return { path, before, after: empty ? null : textToBytes(after), summary: `remove keyguard's block` };
}
