import { existsSync, readFileSync } from 'node:fs';
import { readTarget } from './readTarget.js';
import { join } from 'node:path';
import { KeyguardError } from '../errors.js';
import type { FileChange } from './applyChanges.js';
import { PRE_COMMIT_COMMAND } from './hookLines.js';
import { isObject, parseJsonFile, serializeJson, type JsonFile } from './jsonFile.js';
import { appendLine, bytesToText, detectEol, removeLines, splitLines, textToBytes } from './text.js';

/** lint-staged runs `keyguard check FILE…` on every staged file: its globs match dotfiles. */
export const TASK = PRE_COMMIT_COMMAND;
/** Globs that match every file; the first one the config does not use yet holds keyguard's task. */
const ALL_FILES = ['*', '**', '**/*'];

export type LintStagedConfig =
  | { kind: 'package.json' }
  | { kind: 'json' | 'yaml'; path: string; name: string }
  | { kind: 'js'; path: string; name: string };

const FILES: [string, 'rc' | 'json' | 'yaml' | 'js'][] = [
  ['.lintstagedrc', 'rc'],
  ['.lintstagedrc.json', 'json'],
  ['.lintstagedrc.yaml', 'yaml'],
  ['.lintstagedrc.yml', 'yaml'],
  ...['.lintstagedrc', 'lint-staged.config'].flatMap((base) =>
    ['mjs', 'mts', 'js', 'ts', 'cjs', 'cts'].map((ext): [string, 'js'] => [`${base}.${ext}`, 'js']),
  ),
];

/** The lint-staged config the repository uses, in lint-staged's own search order; null when none. */
export function findLintStagedConfig(root: string, pkg: JsonFile): LintStagedConfig | null {
  if ('lint-staged' in pkg.data) return { kind: 'package.json' };
  for (const [name, kind] of FILES) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    if (kind !== 'rc') return { kind, path, name };
    // .lintstagedrc is JSON or YAML: JSON when it parses as JSON.
    try {
      JSON.parse(readTarget(path)!.toString('utf8')); // a symlink or FIFO is refused when planned, never read here
      return { kind: 'json', path, name };
    } catch {
      return { kind: 'yaml', path, name };
    }
  }
  return null;
}

function hasTask(value: unknown): boolean {
  const tasks = Array.isArray(value) ? value : [value];
  return tasks.some((t) => typeof t === 'string' && /^(npx\s+)?keyguard\s+check\b/.test(t.trim()));
}

/** Adds keyguard's task to a lint-staged config object; null when it already has one. */
function withTask(config: Record<string, unknown>): Record<string, unknown> | null {
  if (Object.values(config).some(hasTask)) return null;
  const key = ALL_FILES.find((k) => !(k in config));
  if (!key) throw new KeyguardError(`the lint-staged config uses every catch-all glob already; add "${TASK}" to its "*" tasks yourself`);
  return { ...config, [key]: TASK };
}

function withoutTask(config: Record<string, unknown>): Record<string, unknown> | null {
  const key = ALL_FILES.find((k) => config[k] === TASK);
  if (!key) return null;
  const { [key]: _, ...rest } = config;
  return rest;
}

const yamlLine = (key: string) => `'${key}': ${TASK}`;

/** Top-level keys of a block-style YAML mapping, or null when the file is not one keyguard can safely append to. */
function yamlKeys(text: string): string[] | null {
  const lines = splitLines(text).filter((l) => l.trim() !== '' && !/^\s*#/.test(l) && l.trim() !== '---');
  if (lines.length === 0 || /^[{[-]/.test(lines[0].trim()) || /^\s/.test(lines[0])) return null;
  const keys: string[] = [];
  for (const l of lines) {
    if (/^\s/.test(l)) continue;
    const m = /^(?:"([^"]*)"|'([^']*)'|([^\s#'"][^:]*))\s*:(\s|$)/.exec(l);
    if (!m) return null;
    keys.push(m[1] ?? m[2] ?? m[3].trimEnd());
  }
  return keys;
}

export function jsInstructions(name: string): string[] {
  return [
    `keyguard: ${name} is JavaScript, which keyguard does not edit; add this task to it yourself:`,
    ``,
    `    '*': '${TASK}',`,
    ``,
    `  (or run \`keyguard init --no-lint-staged\` to put \`${TASK}\` in .husky/pre-commit instead)`,
  ];
}

/** Plans keyguard's task in the config; `pkg` is the package.json plan's data when the config lives there. */
export function planLintStaged(
  config: LintStagedConfig,
  pkgData: Record<string, unknown>,
): { change: FileChange | null; pkgData: Record<string, unknown> } {
  if (config.kind === 'js') throw new KeyguardError(`${config.name} cannot be edited safely; add '*': '${TASK}' to it as printed above`);
  if (config.kind === 'package.json') {
    const current = pkgData['lint-staged'];
    if (!isObject(current)) throw new KeyguardError(`"lint-staged" in package.json must be an object; fix it and run keyguard init again`);
    const next = withTask(current);
    return { change: null, pkgData: next ? { ...pkgData, 'lint-staged': next } : pkgData };
  }
  const before = readTarget(config.path)!;
  if (config.kind === 'json') {
    const file = parseJsonFile(config.path, config.name, before);
    const next = withTask(file.data);
    const change = next ? { path: config.path, before, after: serializeJson(file, next), summary: `add lint-staged task \`${TASK}\`` } : null;
    return { change, pkgData };
  }
  const text = bytesToText(before);
  const keys = yamlKeys(text);
  if (!keys) throw new KeyguardError(`${config.name} is not a plain YAML mapping keyguard can edit; add '*': ${TASK} to it yourself`);
  // A keyguard task anywhere (`'*': keyguard check`, or `- keyguard check` in a list) counts.
  const values = splitLines(text).map((l) => l.replace(/^\s*(?:-\s+)?(?:"[^"]*"|'[^']*'|[^\s:'"][^:]*)?:\s+/, '').replace(/^\s*-\s+/, '').replace(/^['"]|['"]$/g, ''));
  if (values.some(hasTask)) {
    return { change: null, pkgData };
  }
  const key = ALL_FILES.find((k) => !keys.includes(k));
  if (!key) throw new KeyguardError(`${config.name} uses every catch-all glob already; add "${TASK}" to its "*" tasks yourself`);
  const after = textToBytes(appendLine(text, yamlLine(key), detectEol(text)));
  return { change: { path: config.path, before, after, summary: `add lint-staged task \`${TASK}\`` }, pkgData };
}

/** Takes keyguard's task out again (uninstall). */
export function planLintUnstaged(
  config: LintStagedConfig,
  pkgData: Record<string, unknown>,
): { change: FileChange | null; pkgData: Record<string, unknown> } {
  if (config.kind === 'js') return { change: null, pkgData };
  if (config.kind === 'package.json') {
    const current = pkgData['lint-staged'];
    const next = isObject(current) ? withoutTask(current) : null;
    return { change: null, pkgData: next ? { ...pkgData, 'lint-staged': next } : pkgData };
  }
  const before = readTarget(config.path)!;
  if (config.kind === 'json') {
    const file = parseJsonFile(config.path, config.name, before);
    const next = withoutTask(file.data);
    return { change: next ? { path: config.path, before, after: serializeJson(file, next), summary: `remove lint-staged task` } : null, pkgData };
  }
  const text = bytesToText(before);
  const ours = new Set(ALL_FILES.map(yamlLine));
  const after = removeLines(text, (l) => ours.has(l));
  return { change: after === text ? null : { path: config.path, before, after: textToBytes(after), summary: 'remove lint-staged task' }, pkgData };
}
