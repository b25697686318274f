import { isAbsolute, join } from 'node:path';
import { KeyguardError } from '../errors.js';
import { runGit } from '../git/runGit.js';
import { applyChanges, assertWritable, type FileChange } from './applyChanges.js';
import { printDryRun, say } from './printPlan.js';
import { hookValues, keyguardSource, runningKeyguard } from './findKeyguard.js';
import { planGitHook, planGitUnhook } from './installGitHook.js';

/** A bare repository's folder and its hooks folder (core.hooksPath honoured), or one clear error. */
export async function bareRepository(cwd: string, command: string): Promise<{ root: string; hooksDir: string }> {
  let out: string[];
  try {
    out = (await runGit(['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--git-path', 'hooks'], cwd)).stdout.toString('utf8').split('\n');
  } catch (e) {
    if (e instanceof KeyguardError && /not a git repository/i.test(e.message)) throw new KeyguardError(`${command} --server: not a git repository (run it in the server's bare repository)`);
    throw e;
  }
  const [bare, root, hooks] = out;
  if (bare !== 'true') throw new KeyguardError(`${command} --server: this repository has a work tree; --server is for a server's bare repository (plain \`keyguard ${command}\` here)`);
  return { root, hooksDir: isAbsolute(hooks) ? hooks : join(cwd, hooks) };
}

/**
 * `keyguard init --server`: the pre-receive hook, recording the node and keyguard running now.
 * An existing pre-receive hook keeps every line, with keyguard's block first.
 */
export async function planServerHook(cwd: string): Promise<{ root: string; changes: FileChange[]; report: string[] }> {
  const { root, hooksDir } = await bareRepository(cwd, 'init');
  const running = runningKeyguard();
  if (running.temporary) throw new KeyguardError('init --server: this keyguard is a temporary npx copy; install keyguard on the server first (npm install -g keyguard) and run its init --server');
  const change = planGitHook(root, hooksDir, 'pre-receive', hookValues(running, keyguardSource(running)));
  return { root, changes: [change], report: [`pre-receive hook installed (${join(hooksDir, 'pre-receive')}): pushes that add a secret are rejected`] };
}

/** `keyguard uninstall --server`. */
export async function planServerUnhook(cwd: string): Promise<{ root: string; changes: FileChange[]; report: string[] }> {
  const { root, hooksDir } = await bareRepository(cwd, 'uninstall');
  const change = planGitUnhook(root, hooksDir, 'pre-receive');
  return { root, changes: change ? [change] : [], report: change ? ["removed keyguard's block from the pre-receive hook"] : [] };
}

/**
 * Shows (with --dry-run) or applies a plan for a server's hook, then says what was done:
 * `init --server` and `uninstall --server` differ only in the plan and the closing line.
 */
export function carryOutServerPlan(server: { root: string; changes: FileChange[]; report: string[] }, dryRun: boolean, closing: string | null): void {
  if (dryRun) {
    assertWritable(server.root, server.changes);
    printDryRun(server.root, server.changes);
    return;
  }
  applyChanges(server.root, server.changes);
  for (const line of server.report) say(line);
  if (closing) say(closing);
}
