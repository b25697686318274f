import { KeyguardError } from '../errors.js';
import { runGit } from '../git/runGit.js';
import type { Source } from './source.js';
import { scanHistory } from './history.js';

/** One line git hands a pre-receive hook: `<old sha> <new sha> <ref name>`. */
export interface ReceivedRef {
  oldSha: string;
  newSha: string;
  ref: string;
}

const ZERO = /^0+$/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** A line that is not git's is an error (the push is then rejected): a gate never guesses. */
export function parseReceiveLines(input: string): ReceivedRef[] {
  const refs: ReceivedRef[] = [];
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    const parts = line.trim().split(' ');
    if (parts.length !== 3 || !SHA.test(parts[0]) || !SHA.test(parts[1]) || parts[2] === '') {
      throw new KeyguardError(`pre-receive: unexpected input line from git: ${JSON.stringify(line.slice(0, 80))}`);
    }
    refs.push({ oldSha: parts[0], newSha: parts[1], ref: parts[2] });
  }
  return refs;
}

/**
 * The commits a push adds to this repository, whatever the refs: new branches, force pushes,
 * tags, several refs at once. During the hook git keeps the pushed objects in a quarantine
 * directory and tells the git commands the hook runs where it is (GIT_QUARANTINE_PATH and the
 * object directory variables, which keyguard's git processes inherit), while the refs still point
 * where they did: so the new commits are exactly those reachable from the new tips and from no
 * ref (`--not --all`). A tag on a commit the repository already has adds none. Deletions add none.
 */
export function receivedCommits(refs: ReceivedRef[]): Source {
  return async (repo, scanner) => {
    const tips = [...new Set(refs.filter((r) => !ZERO.test(r.newSha)).map((r) => r.newSha))];
    // A tag can name a tree or a blob: only what leads to commits is history.
    const commits: string[] = [];
    for (const tip of tips) {
      const r = await runGit(['rev-parse', '-q', '--verify', `${tip}^{commit}`], repo.root, [0, 1]);
      if (r.code === 0) commits.push(r.stdout.toString('utf8').trim());
    }
    const updated = refs.length === 1 ? refs[0].ref : `${refs.length} refs`;
    if (commits.length === 0) {
      return { findings: [], summary: `the push to ${updated} (no new commits)`, warnings: [], complete: false, scanned: { what: 'push', commits: 0 } };
    }
    const result = await scanHistory(repo.root, [...new Set(commits), '--not', '--all'], scanner);
    return {
      findings: result.findings,
      summary: `${result.commits} new commit${result.commits === 1 ? '' : 's'} pushed to ${updated}`,
      warnings: [],
      complete: false,
      scanned: { what: 'push', commits: result.commits },
    };
  };
}
