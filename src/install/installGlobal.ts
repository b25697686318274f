import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import forward from '../../hooks/forward';
import { KeyguardError } from '../errors.js';
import { runGit } from '../git/runGit.js';
import { applyChanges, assertWritable, isChange, type FileChange } from './applyChanges.js';
import { printDryRun, say } from './printPlan.js';
import { GIT_HOOKS, hookScript, type HookValues } from './gitHookBlock.js';
import { planGitHook, planGitUnhook } from './installGitHook.js';

/**
 * `keyguard init --global`: one hooks folder for every repository of the user (core.hooksPath in the
 * global git config). git then runs no repository's .git/hooks, so every hook name gets a forwarder
 * (hooks/forward) that runs the repository's own hook of that name; keyguard's three hooks run
 * keyguard first, then forward the same way. A repository that sets core.hooksPath itself (husky
 * does) keeps its own hooks: git reads the repository's setting before the global one.
 */
export const FORWARDED_HOOKS = [
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'prepare-commit-msg', 'commit-msg', 'post-commit',
  'pre-rebase', 'post-checkout', 'post-merge', 'pre-auto-gc', 'post-rewrite', 'sendemail-validate',
  'post-index-change', 'reference-transaction', 'push-to-checkout',
  'pre-receive', 'update', 'proc-receive', 'post-receive', 'post-update',
  'p4-changelist', 'p4-prepare-changelist', 'p4-post-changelist', 'p4-pre-submit',
];

/** The line every file keyguard writes into its own global folder carries: uninstall removes only those. */
const MARK = '# keyguard init --global:';

/** keyguard's own global hooks folder. */
export function defaultGlobalDir(env = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'keyguard', 'hooks');
}

/** The global core.hooksPath as git reads it (`~` expanded), or null. */
export async function globalHooksPath(): Promise<string | null> {
  const r = await runGit(['config', '--global', '--type=path', '--get', 'core.hooksPath'], process.cwd(), [0, 1]);
  const value = r.code === 0 ? r.stdout.toString('utf8').trim() : '';
  return value ? resolve(value) : null;
}

function ours(path: string): boolean {
  return existsSync(path) && readFileSync(path, 'latin1').includes(`\n${MARK}`);
}

/** A file of keyguard's folder: new, or keyguard's from before; anything else there is the user's and stops init. */
function ownFile(path: string, after: string): FileChange {
  const before = existsSync(path) ? readFileSync(path) : null;
  if (before && !ours(path)) throw new KeyguardError(`${path} is not keyguard's; move it away and run keyguard init --global again (nothing was changed)`);
  return { path, before, after: Buffer.from(after), mode: 0o755, summary: 'global hook' };
}

export interface GlobalPlan {
  dir: string;
  changes: FileChange[];
  report: string[];
  /** Set core.hooksPath globally to `dir` (init) or unset it (uninstall). */
  hooksPath: 'set' | 'unset' | null;
  /** keyguard's folder, removed by uninstall once empty. */
  emptyDir: string | null;
}

export async function planGlobalInit(values: HookValues): Promise<GlobalPlan> {
  const current = await globalHooksPath();
  const mine = defaultGlobalDir();
  if (current && current !== mine) {
    // The user's own global hooks folder: keyguard's block goes first in its hooks, as in a repository.
    const changes = GIT_HOOKS.map((hook) => planGitHook(current, current, hook, values));
    return { dir: current, changes, hooksPath: null, emptyDir: null, report: [`keyguard runs first in the hooks of your global hooks folder ${current} (core.hooksPath)`] };
  }
  const body = forward.slice(forward.indexOf('\n') + 1);
  const changes = [
    ...GIT_HOOKS.map((hook) => ownFile(join(mine, hook), `${hookScript(hook, values)}${body}`)),
    ...FORWARDED_HOOKS.map((hook) => ownFile(join(mine, hook), forward)),
  ];
  return {
    dir: mine,
    changes,
    hooksPath: current === mine ? null : 'set',
    emptyDir: null,
    report: [
      `every repository's commits, merges and pushes now run keyguard first (${mine}, core.hooksPath in your global git config), then the repository's own .git/hooks`,
      'a repository that sets core.hooksPath itself (husky does) runs its own hooks instead: run keyguard init there',
    ],
  };
}

export async function planGlobalUninstall(): Promise<GlobalPlan> {
  const current = await globalHooksPath();
  const mine = defaultGlobalDir();
  if (current && current !== mine) {
    const changes = GIT_HOOKS.map((hook) => planGitUnhook(current, current, hook)).filter((c): c is FileChange => c !== null);
    return { dir: current, changes, hooksPath: null, emptyDir: null, report: changes.length ? [`removed keyguard's block from the hooks in ${current}`] : [] };
  }
  const files = existsSync(mine) ? readdirSync(mine).map((n) => join(mine, n)).filter(ours) : [];
  const changes = files.map((path): FileChange => ({ path, before: readFileSync(path), after: null, summary: 'remove global hook' }));
  const report = files.length ? [`removed keyguard's global hooks (${mine})`] : [];
  if (current === mine) report.push('unset core.hooksPath in your global git config: repositories run their own .git/hooks again');
  return { dir: mine, changes, hooksPath: current === mine ? 'unset' : null, emptyDir: existsSync(mine) ? mine : null, report };
}

/** Writes (or removes) the global hooks and sets (or unsets) the global core.hooksPath. */
export async function applyGlobalPlan(plan: GlobalPlan, dryRun: boolean): Promise<void> {
  if (dryRun) {
    assertWritable(plan.dir, plan.changes);
    printDryRun(plan.dir, plan.changes);
    if (plan.hooksPath) say(`would ${plan.hooksPath} core.hooksPath in your global git config`);
    return;
  }
  applyChanges(plan.dir, plan.changes);
  if (plan.emptyDir) {
    for (const dir of [plan.emptyDir, dirname(plan.emptyDir)]) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty: what else is there is not keyguard's
      }
    }
  }
  if (plan.hooksPath === 'set') await runGit(['config', '--global', 'core.hooksPath', plan.dir], process.cwd());
  if (plan.hooksPath === 'unset') await runGit(['config', '--global', '--unset', 'core.hooksPath'], process.cwd(), [0, 5]);
  for (const line of plan.report) say(line);
  if (!plan.changes.some(isChange) && !plan.hooksPath) {
    say(plan.report.length ? 'nothing to change: keyguard is already set up globally' : 'nothing to remove: keyguard is not installed globally');
  }
}
