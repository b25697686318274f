import { isObject } from './jsonFile.js';
import type { GitHook } from './gitHookBlock.js';

/**
 * husky 4 and older read their hooks from package.json (`"husky": {"hooks": {"pre-commit": …}}`) and
 * install their own stubs into .git/hooks, rewriting them on every install: a keyguard block there
 * would vanish, and husky 9's `prepare: husky` does not exist in v4 (every install would fail). So
 * keyguard's commands join that config, first in each hook (`keyguard check && npm test`).
 */
const V4_COMMANDS: Record<GitHook, string> = {
  'pre-commit': 'keyguard check',
  'pre-merge-commit': 'keyguard check',
  // husky 4 reads git's stdin (the refs) itself and hands it over in HUSKY_GIT_STDIN, the arguments in HUSKY_GIT_PARAMS.
  'pre-push': `printf '%s\\n' "$HUSKY_GIT_STDIN" | keyguard pre-push $HUSKY_GIT_PARAMS`,
};

const JOIN = ' && ';
/** A command that is one pipeline-free `&&` chain, so `keyguard … && ` in front keeps keyguard's exit code. */
const ANDS_ONLY = /^(?:[^|;&\n]|&&)*$/;

function hooksOf(data: Record<string, unknown>): Record<string, unknown> {
  const husky = isObject(data.husky) ? data.husky : {};
  return isObject(husky.hooks) ? husky.hooks : {};
}

function withHooks(data: Record<string, unknown>, hooks: Record<string, unknown>): Record<string, unknown> {
  const husky = isObject(data.husky) ? data.husky : {};
  return { ...data, husky: { ...husky, hooks } };
}

/** package.json data with keyguard first in each hook of husky 4's config; `added` names the hooks changed. */
export function addHuskyV4Hooks(data: Record<string, unknown>, runner = ''): { data: Record<string, unknown>; added: GitHook[] } {
  const hooks = { ...hooksOf(data) };
  const added: GitHook[] = [];
  for (const [hook, command] of Object.entries(V4_COMMANDS) as [GitHook, string][]) {
    const ours = command.replace('keyguard ', `${runner}keyguard `);
    const current = hooks[hook];
    if (typeof current === 'string' && current.split(JOIN).some((part) => part.trim() === ours)) continue;
    if (typeof current !== 'string' || !current.trim()) hooks[hook] = ours;
    // `keyguard check && a || b` or `… && a; b` would drop keyguard's failure: such a command goes in parentheses.
    else hooks[hook] = ANDS_ONLY.test(current) ? `${ours}${JOIN}${current}` : `${ours}${JOIN}(${current})`;
    added.push(hook);
  }
  return { data: added.length ? withHooks(data, hooks) : data, added };
}

/** The same data with keyguard's commands taken out again; a hook left empty goes, and so does a config left empty. */
export function removeHuskyV4Hooks(data: Record<string, unknown>): { data: Record<string, unknown>; removed: GitHook[] } {
  if (!isObject(data.husky) || !isObject(data.husky.hooks)) return { data, removed: [] };
  const hooks: Record<string, unknown> = { ...data.husky.hooks };
  const removed: GitHook[] = [];
  for (const [hook, command] of Object.entries(V4_COMMANDS) as [GitHook, string][]) {
    const current = hooks[hook];
    if (typeof current !== 'string') continue;
    const forms = [command, command.replace('keyguard ', 'yarn keyguard ')];
    const wrapped = forms.map((c) => `${c}${JOIN}(`).find((head) => current.startsWith(head) && current.endsWith(')'));
    if (wrapped) {
      hooks[hook] = current.slice(wrapped.length, -1);
      removed.push(hook);
      continue;
    }
    const parts = current.split(JOIN);
    const kept = parts.filter((p) => !forms.includes(p.trim()));
    if (kept.length === parts.length) continue;
    removed.push(hook);
    if (kept.length) hooks[hook] = kept.join(JOIN);
    else delete hooks[hook];
  }
  if (!removed.length) return { data, removed };
  const { hooks: _, ...rest } = data.husky;
  if (Object.keys(hooks).length === 0 && Object.keys(rest).length === 0) {
    const { husky: __, ...others } = data;
    return { data: others, removed };
  }
  return { data: withHooks(data, hooks), removed };
}
