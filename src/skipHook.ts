/**
 * `SKIP=keyguard git commit …` skips keyguard's commit check for one command: the pre-commit
 * framework's convention, a comma-separated list of hook ids, and the ids its hooks have here.
 * Each gate has its own id, so skipping the commit check leaves the push gate in place: a commit
 * made with SKIP=keyguard is still checked when it is pushed, unless keyguard-pre-push is skipped too.
 */
const HOOK_IDS: Record<string, { id: string; what: string }> = {
  check: { id: 'keyguard', what: 'this commit was not checked for secrets; the pre-push hook still checks it' },
  'pre-push': { id: 'keyguard-pre-push', what: 'this push was not checked for secrets' },
};

/** The one line to print when SKIP names this command's hook id, else null. */
export function skipNotice(command: string | undefined, skip: string | undefined): string | null {
  const hook = command === undefined ? undefined : HOOK_IDS[command];
  if (!hook || !skip) return null;
  if (!skip.split(',').some((id) => id.trim() === hook.id)) return null;
  return `keyguard: skipped (SKIP=${hook.id}): ${hook.what}`;
}
