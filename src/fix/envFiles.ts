import { existsSync, lstatSync } from 'node:fs';
import { KeyguardError } from '../errors.js';
import { join } from 'node:path';
import { appendLine, bytesToText, detectEol, splitLines, textToBytes } from '../install/text.js';
import { readIfExists } from '../install/installHusky.js';
import type { FileChange } from '../install/applyChanges.js';

/** Files that mark the root of a package: its .env lives beside them. */
const PACKAGE_MARKERS = [
  'package.json', 'pyproject.toml', 'setup.py', 'requirements.txt', 'Pipfile', 'go.mod', 'Gemfile', 'composer.json',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'Cargo.toml',
];

/**
 * The folder (repo-relative, '' for the top) whose .env the program in `path` reads: docker
 * compose reads the one beside the compose file, a workflow's secrets are the repository's,
 * code reads its package's (the nearest folder with a package manifest), else the top.
 */
export function envFolder(root: string, path: string, kind: 'compose' | 'actions' | 'code'): string {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  if (kind === 'compose') return dir;
  if (kind === 'actions') return '';
  for (let d = dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
    if (PACKAGE_MARKERS.some((m) => existsSync(join(root, d, m)))) return d;
    if (d === '') return '';
  }
}

const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** Names a .env-style text defines, with their values where the line's quoting is plain. */
export function parseEnvNames(text: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const line of splitLines(text)) {
    const m = ENV_LINE.exec(line);
    if (!m) continue;
    const raw = m[2].trim();
    let value: string | null;
    if (raw.startsWith("'")) value = raw.endsWith("'") && raw.length > 1 ? raw.slice(1, -1) : null;
    else if (raw.startsWith('"')) value = raw.endsWith('"') && raw.length > 1 && !raw.slice(1, -1).includes('\\') ? raw.slice(1, -1) : null;
    else value = raw.replace(/\s+#.*$/, '');
    out.set(m[1], value);
  }
  return out;
}

/** `NAME=value` quoted so every dotenv reader (node --env-file, python-dotenv, compose) reads the value back exactly. */
export function envLine(name: string, value: string): string | null {
  if (/^[A-Za-z0-9_./:@+=,~%^-]*$/.test(value)) return `${name}=${value}`;
  if (!/['\r\n]/.test(value)) return `${name}='${value}'`;
  return null;
}

export function placeholderLine(name: string): string {
  return `${name}=your-${name.toLowerCase().replace(/_+/g, '-')}-here`;
}

/** One .env-style file to append lines to; existing bytes and line endings are kept. */
export interface EnvFile {
  /** Repo-relative. */
  rel: string;
  abs: string;
  before: Buffer | null;
  names: Map<string, string | null>;
  added: string[];
}

export function openEnvFile(root: string, rel: string): EnvFile {
  const abs = join(root, rel);
  assertRegularOrAbsent(abs, rel);
  const before = readIfExists(abs);
  return { rel, abs, before, names: parseEnvNames(before ? bytesToText(before) : ''), added: [] };
}

export function envFileChange(f: EnvFile, summary: string): FileChange {
  let text = f.before ? bytesToText(f.before) : '';
  const eol = detectEol(text);
  for (const line of f.added) text = appendLine(text, line, eol);
  return { path: f.abs, before: f.before, after: f.added.length ? textToBytes(text) : f.before, summary, mode: 0o600 };
}


/**
 * A .env, .env.example or .gitignore that is a symlink (a cloned repository may hold one) points
 * anywhere: reading it could copy another file into a template that gets staged. Refused.
 */
export function assertRegularOrAbsent(abs: string, rel: string): void {
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return;
  }
  if (!st.isFile()) throw new KeyguardError(`${JSON.stringify(rel)} is ${st.isSymbolicLink() ? 'a symlink' : 'not a regular file'}: keyguard fix does not write through it (nothing was changed)`);
}
