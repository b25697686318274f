import type { Repo } from '../git/resolveRepo.js';
import type { Scanner } from '../detect/createScanner.js';
import type { Finding } from '../detect/finding.js';

/** What a source read and found, in the words every report uses. */
export interface SourceResult {
  findings: Finding[];
  /** What was read: "staged changes", "the tree at HEAD (120 files)", "3 commits to push". */
  summary: string;
  /** What could not be scanned, said out loud (a shallow clone's missing history). */
  warnings: string[];
  /**
   * How much of the repository was read, so which baseline entries that match nothing are stale:
   * all of them after the whole history; after the tree at HEAD, those not accepted from a
   * commit (history entries describe commits, which a tree scan does not see); none otherwise.
   */
  complete: false | 'tree' | 'history';
  /** What was scanned, for the JSON report (`scanned`). */
  scanned: Record<string, unknown>;
}

/**
 * A source: where one gate's text comes from (the index, a tree, a range, a push). `prepare`, when
 * there is one, is called as soon as the repository is known, before the settings are read and the
 * scanner built: a source can start git then (the pre-commit check asks for the staged changes),
 * so git works while keyguard prepares.
 */
export type Source = ((repo: Repo, scanner: Scanner) => Promise<SourceResult>) & { prepare?: (repo: Repo) => void };
