import { join } from 'node:path';
import { KeyguardError } from '../errors.js';
import { showPath, type FileChange } from './applyChanges.js';
import { gitHookBlock, hookScript, type HookScript, type HookValues } from './gitHookBlock.js';
import { readIfExists } from './installHusky.js';
import { redactLine } from './redactLine.js';
import { bytesToText, detectEol, findBlock, removeBlock, textToBytes } from './text.js';
import { statSync } from 'node:fs';

/** Interpreters keyguard's shell block can live in. */
const SHELL_SHEBANG = /^#!\s*(\S*\/)?(env\s+(-\S+\s+)*)?(sh|bash|dash|zsh|ksh|ash|mksh)(\s|$)/;

/**
 * Plans keyguard's block in a plain git hook. A hook already there keeps every line: the block goes
 * right after its `#!` line, so keyguard runs first and the hook's own code runs after it.
 * An older keyguard block is replaced in place; an identical one leaves the file untouched.
 */
export function planGitHook(root: string, hooksDir: string, hook: HookScript, values: HookValues | null): FileChange {
  const path = join(hooksDir, hook);
  const before = readIfExists(path);
  const shown = showPath(root, path);
  if (before === null) {
    return { path, before, after: Buffer.from(hookScript(hook, values)), mode: 0o755, summary: `${hook} hook calling keyguard` };
  }
  const text = bytesToText(before);
  const firstLine = text.split(/\r?\n/, 1)[0];
  if (firstLine.startsWith('#!') && !SHELL_SHEBANG.test(firstLine)) {
    throw new KeyguardError(`${shown} is not a shell script (${redactLine(shown, firstLine)}); add \`keyguard ${hook === 'pre-push' ? 'pre-push "$@"' : 'check'}\` to it yourself (nothing was changed)`);
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o111) === 0) {
    throw new KeyguardError(`${shown} is not executable, so git does not run it; make it executable or remove it, then run keyguard init again (nothing was changed)`);
  }
  const eol = detectEol(text);
  // The file is edited as latin1 text (one character a byte); the block is UTF-8 (a path may hold any character).
  const span = findBlock(text);
  // A block put into the user's own hook says so on its first line: uninstall then never deletes
  // the file, even when the user's part was only `#!/bin/sh`.
  const mark = span ? inserted(text.slice(span.start, span.end)) : true;
  const block = markInserted(Buffer.from(gitHookBlock(hook, eol, values), 'utf8').toString('latin1'), mark);
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
  const span = findBlock(text)!;
  const after = removeBlock(text);
  // Deleted only when keyguard created the file: its block is unmarked and nothing but keyguard's `#!` line remains.
  const created = !inserted(text.slice(span.start, span.end)) && /^(#!\/bin\/sh\r?\n?)?$/.test(after);
  return { path, before, after: created ? null : textToBytes(after), summary: `remove keyguard's block` };
}

const INSERTED = ' (in an existing hook)';

function inserted(block: string): boolean {
  return block.split('\n', 1)[0].replace(/\r$/, '').endsWith(INSERTED);
}

function markInserted(block: string, mark: boolean): string {
  if (!mark) return block;
  const nl = block.indexOf('\n');
  const cr = block[nl - 1] === '\r' ? 1 : 0;
  return block.slice(0, nl - cr) + INSERTED + block.slice(nl - cr);
}
