import type { GitHook } from './gitHookBlock.js';

/** The lines keyguard's hooks run. husky puts node_modules/.bin on PATH, so no npx (≈0.3 s a commit). */
export const PRE_COMMIT_COMMAND = 'keyguard check';
/** git passes the remote's name and URL as arguments and the refs on stdin; both flow through. */
export const PRE_PUSH_COMMAND = 'keyguard pre-push "$@"';

/** A merge commit runs pre-merge-commit instead of pre-commit: the same check of the index. */
export const HOOK_COMMANDS: Record<GitHook, string> = {
  'pre-commit': PRE_COMMIT_COMMAND,
  'pre-merge-commit': PRE_COMMIT_COMMAND,
  'pre-push': PRE_PUSH_COMMAND,
};
