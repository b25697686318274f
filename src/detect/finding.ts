export interface CommitInfo {
  sha: string;
  author?: string;
  date?: string;
}

/**
 * One problem found. `secret` never leaves the process: reporters print `redacted`
 * and `fingerprint` only.
 */
export interface Finding {
  /** Repo-relative path, exactly as git stores it. */
  path: string;
  /** 1-based; 0 for a finding about the file as a whole (a secret file by its name). */
  line: number;
  column: number;
  rule: string;
  description: string;
  kind: 'file' | 'content';
  /** The matched secret: in memory only, for fingerprints and allow-lists. */
  secret: string;
  redacted: string;
  /** Stable across edits that move the line: hash of rule and secret (of rule and path for files). */
  fingerprint: string;
  fix: string;
  /**
   * The rule's fix as written, when it names the file (`{path}`, a custom rule's): the text report
   * names it from where the user stands (report/fromCwd.ts fixFromCwd); `fix` names it from the top.
   */
  fixTemplate?: string;
  commit?: CommitInfo;
}
