import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { KeyguardError } from '../errors.js';
import { builtinContentRules, builtinPathRules } from '../rules/index.js';
import type { ContentRule } from '../rules/types.js';
import type { Config } from './types.js';
import { parseJsonSafely } from './jsonText.js';
import { PACKAGE_JSON_LIMIT, readUserFile, SETTINGS_LIMIT } from './readUserFile.js';
import { compileUserExpression, linearRuleMatcher } from './userExpression.js';
import type { SettingsReader } from './rangeSettings.js';

const KEYS = new Set(['disable', 'allowPaths', 'allowFiles', 'allowValues', 'entropy', 'rules']);
const RULE_KEYS = new Set(['id', 'description', 'pattern', 'keywords', 'minEntropy', 'fix']);

/**
 * A settings file's text, or null when there is none. Without its byte-order mark (Windows
 * editors write one; npm and init accept it), or JSON.parse rejects the file and the package.json
 * settings would be skipped unseen.
 */
function readOptional(file: string, shown: string, limit: number, within: string | undefined): string | null {
  const bytes = readUserFile(file, { shown, limit, within });
  return bytes === null ? null : bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Parse errors give the position only: the file may be a `.env` (`--config .env`) or a symlink to one. */
function parseJson(text: string, name: string): unknown {
  const r = parseJsonSafely(text);
  if (!r.ok) throw new KeyguardError(`${name}: ${r.where}`);
  return r.data;
}

function stringArray(value: unknown, name: string, key: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new KeyguardError(`${name}: "${key}" must be an array of strings`);
  }
  return value;
}

/** "/re/flags" is a regular expression (run on the linear engine); anything else is the exact value. */
function valueMatcher(values: string[], name: string): (s: string) => boolean {
  if (values.length === 0) return () => false;
  const exact = new Set<string>();
  const patterns: { test(s: string): boolean }[] = [];
  for (const v of values) {
    const m = /^\/(.+)\/([a-z]*)$/s.exec(v);
    if (!m) {
      exact.add(v);
      continue;
    }
    patterns.push(compileUserExpression(m[1], m[2].replace(/[gyd]/g, ''), `${name}: "allowValues" entry ${v}`));
  }
  return (s) => exact.has(s) || patterns.some((re) => re.test(s));
}

function customRules(value: unknown, name: string): ContentRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KeyguardError(`${name}: "rules" must be an array of rule objects`);
  return value.map((r, i): ContentRule => {
    const where = `${name}: rules[${i}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new KeyguardError(`${where} must be an object`);
    const rule = r as Record<string, unknown>;
    for (const k of Object.keys(rule)) if (!RULE_KEYS.has(k)) throw new KeyguardError(`${where}: unknown key "${k}"`);
    if (typeof rule.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(rule.id)) {
      throw new KeyguardError(`${where}: "id" must be a kebab-case string`);
    }
    if (typeof rule.pattern !== 'string') throw new KeyguardError(`${where}: "pattern" must be a string`);
    const linear = compileUserExpression(rule.pattern, '', `${where} ("${rule.id}"): "pattern"`);
    if (rule.minEntropy !== undefined && typeof rule.minEntropy !== 'number') {
      throw new KeyguardError(`${where}: "minEntropy" must be a number`);
    }
    return {
      id: rule.id,
      description: typeof rule.description === 'string' ? rule.description : rule.id,
      // Kept for what reads a rule's source; the rule runs through `match`, on the linear engine.
      pattern: new RegExp(rule.pattern),
      match: linearRuleMatcher(linear),
      keywords: stringArray(rule.keywords, where, 'keywords').map((k) => k.toLowerCase()),
      minEntropy: rule.minEntropy as number | undefined,
      fix: typeof rule.fix === 'string' ? rule.fix : 'move the value out of the repository and rotate it',
    };
  });
}

/**
 * Reads the user's settings: `--config FILE`, else `.keyguardrc.json`, else the `keyguard` key of
 * package.json; plus `.keyguardignore` (gitignore syntax). A broken file is an error naming it.
 */
export function loadConfig(root: string, cwd: string, configFile?: string, at?: SettingsReader): Config {
  // The repository's files: from the work tree, or (a range scan) from the range's base.
  const repoFile = (rel: string, limit: number): string | null =>
    at ? at.read(rel, rel, limit) : readOptional(join(root, rel), rel, limit, root);
  let raw: unknown = {};
  let name = '';
  if (configFile) {
    // Named on the command line: the user's choice may live outside the repository. Inside it,
    // a range scan reads it from the base like the other settings.
    const abs = resolve(cwd, configFile);
    const rel = relative(root, abs);
    const inRepo = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    const text = at && inRepo ? at.read(rel.split(sep).join('/'), configFile, SETTINGS_LIMIT) : readOptional(abs, configFile, SETTINGS_LIMIT, undefined);
    if (text === null) throw new KeyguardError(`${configFile}: config file not found`);
    name = configFile;
    raw = parseJson(text, name);
  } else {
    const rc = repoFile('.keyguardrc.json', SETTINGS_LIMIT);
    if (rc !== null) {
      name = '.keyguardrc.json';
      raw = parseJson(rc, name);
    } else {
      const pkg = repoFile('package.json', PACKAGE_JSON_LIMIT);
      if (pkg !== null) {
        const parsed = parseJsonSafely(pkg);
        if (!parsed.ok) {
          // A broken package.json is npm's problem, unless it holds our settings: dropping them
          // would drop the custom rules too, and the keys they catch would pass.
          if (/"keyguard"\s*:/.test(pkg)) {
            throw new KeyguardError(`package.json: ${parsed.where}; it names "keyguard", whose settings cannot be read until it is fixed`);
          }
        } else if (parsed.data && typeof parsed.data === 'object' && 'keyguard' in parsed.data) {
          name = 'package.json "keyguard"';
          raw = (parsed.data as Record<string, unknown>).keyguard;
        }
      }
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new KeyguardError(`${name}: settings must be a JSON object`);
  const settings = raw as Record<string, unknown>;
  for (const k of Object.keys(settings)) {
    if (!KEYS.has(k)) throw new KeyguardError(`${name}: unknown setting "${k}" (known: ${[...KEYS].join(', ')})`);
  }
  if (settings.entropy !== undefined && (typeof settings.entropy !== 'number' || settings.entropy < 0 || settings.entropy > 8)) {
    throw new KeyguardError(`${name}: "entropy" must be a number from 0 to 8 (bits per character)`);
  }

  const disable = stringArray(settings.disable, name, 'disable');
  const extra = customRules(settings.rules, name);
  const known = new Set([...builtinContentRules, ...builtinPathRules, ...extra].map((r) => r.id));
  for (const id of disable) if (!known.has(id)) throw new KeyguardError(`${name}: "disable" names unknown rule "${id}"`);

  const ignoreText = repoFile('.keyguardignore', SETTINGS_LIMIT);
  const allowPaths = stringArray(settings.allowPaths, name, 'allowPaths');
  let isIgnoredPath: (p: string) => boolean = () => false;
  if (ignoreText !== null || allowPaths.length > 0) {
    const ig = ignore();
    if (ignoreText !== null) {
      ig.add(ignoreText);
    }
    ig.add(allowPaths);
    isIgnoredPath = (p) => {
      try {
        return ig.ignores(p);
      } catch {
        return false; // paths `ignore` refuses (absolute, ../) are never ignored
      }
    };
  }

  // Files allowed by name (a .env of defaults committed by convention): no secret-file finding,
  // but, unlike allowPaths, their contents are still scanned. Globs from the repository root.
  const allowFiles = stringArray(settings.allowFiles, name, 'allowFiles');
  for (const f of allowFiles) {
    if (f === '' || f.startsWith('!')) throw new KeyguardError(`${name}: "allowFiles" entry ${JSON.stringify(f)} must be a path or glob (no "!")`);
  }
  const pathRules = allowFiles.length === 0 ? builtinPathRules : builtinPathRules.map((r) => ({ ...r, except: [...(r.except ?? []), ...allowFiles] }));

  return {
    contentRules: [...builtinContentRules, ...extra],
    pathRules,
    disable,
    entropy: settings.entropy as number | undefined,
    isAllowedValue: valueMatcher(stringArray(settings.allowValues, name, 'allowValues'), name),
    isIgnoredPath,
  };
}
