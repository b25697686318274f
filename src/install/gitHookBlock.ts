import preCommit from '../../hooks/pre-commit';
import preMergeCommit from '../../hooks/pre-merge-commit';
import prePush from '../../hooks/pre-push';
import preReceive from '../../hooks/pre-receive';
import { BLOCK_END, BLOCK_START } from './text.js';

export type GitHook = 'pre-commit' | 'pre-merge-commit' | 'pre-push';
/** Every script in hooks/: the work-tree hooks, and a server's pre-receive (init --server). */
export type HookScript = GitHook | 'pre-receive';

/**
 * The hooks keyguard installs in a work tree, in the order init reports them. git runs
 * pre-merge-commit, not pre-commit, for a merge. (pre-receive is a server's: init --server.)
 */
export const GIT_HOOKS: readonly GitHook[] = ['pre-commit', 'pre-merge-commit', 'pre-push'];

/** hooks/ holds the real scripts; the build bundles them as text, so there is one copy. */
const SCRIPTS: Record<HookScript, string> = { 'pre-commit': preCommit, 'pre-merge-commit': preMergeCommit, 'pre-push': prePush, 'pre-receive': preReceive };

/** What init records in the block: the keyguard it ran with and how to install that keyguard again. */
export interface HookValues {
  node: string;
  cli: string;
  install: string;
}

/** The whole script as hooks/ holds it (a new hook file gets exactly this, values filled in). */
export function hookScript(hook: HookScript, values: HookValues | null, eol = '\n'): string {
  const text = values ? fill(SCRIPTS[hook], values) : SCRIPTS[hook];
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/**
 * keyguard's marked block of the script (from `# >>> keyguard` to `# <<< keyguard <<<`): what goes
 * into a hook that is already there, right after its `#!` line, so keyguard runs before its code.
 */
export function gitHookBlock(hook: HookScript, eol: string, values: HookValues | null): string {
  const text = hookScript(hook, values, '\n');
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(BLOCK_END, start) + BLOCK_END.length + 1;
  const block = text.slice(start, end);
  return eol === '\n' ? block : block.replace(/\n/g, eol);
}

function fill(script: string, values: HookValues): string {
  let out = script;
  for (const [name, value] of Object.entries(values)) {
    const line = `__keyguard_${name}=''`;
    if (!out.includes(`\n${line}\n`)) throw new Error(`hooks script lacks the line ${line}`);
    out = out.replace(`\n${line}\n`, `\n__keyguard_${name}=${value ? shellWord(value) : "''"}\n`);
  }
  return out;
}

/** One shell word for any value: single quotes, with each ' written as '\'' (no escapes to interpret). */
function shellWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
