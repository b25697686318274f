import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChange } from './applyChanges.js';

export const WORKFLOW_PATH = '.github/workflows/keyguard.yml';

/**
 * The CI backstop for commits that never ran a hook (`--no-verify`, GUIs): scans the commits a
 * push or pull request brings and uploads SARIF to code scanning. The range is the pull request's
 * base, else the push's previous tip, else (a new branch) what the default branch lacks, else the
 * whole history. Exit 2 (could not scan) fails the job without uploading an empty report.
 */
export const WORKFLOW = `# Written by \`keyguard init --ci github\`. keyguard scans the commits each push or pull request
# brings for secrets, fails the check when it finds one, and shows the findings in code scanning.
name: keyguard

on:
  push:
  pull_request:

permissions:
  contents: read
  security-events: write

jobs:
  secrets:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # full history: the scan needs the base of the range
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Scan new commits for secrets
        env:
          BASE: \${{ github.event.pull_request.base.sha || github.event.before }}
          DEFAULT_BRANCH: \${{ github.event.repository.default_branch }}
        run: |
          if [ -n "$BASE" ] && git cat-file -e "$BASE^{commit}" 2>/dev/null; then
            set -- --since "$BASE"
          elif [ "$GITHUB_REF_NAME" != "$DEFAULT_BRANCH" ] && git rev-parse -q --verify "origin/$DEFAULT_BRANCH" >/dev/null; then
            set -- --since "origin/$DEFAULT_BRANCH"
          else
            set -- --history
          fi
          status=0
          npx --yes keyguard scan "$@" --format sarif > keyguard.sarif || status=$?
          if [ "$status" -ge 2 ]; then rm -f keyguard.sarif; fi
          exit "$status"
      - name: Upload findings to code scanning
        if: always() && hashFiles('keyguard.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: keyguard.sarif
          category: keyguard
`;

/**
 * The workflow file as a planned change. An existing file that differs is the user's (edited,
 * or their own workflow of that name): it is left as it is and said so, never overwritten.
 */
export function planGithubWorkflow(root: string): { change: FileChange | null; report: string } {
  const path = join(root, WORKFLOW_PATH);
  const after = Buffer.from(WORKFLOW);
  if (existsSync(path)) {
    const before = readFileSync(path);
    if (before.equals(after)) return { change: null, report: `GitHub workflow already installed (${WORKFLOW_PATH})` };
    return { change: null, report: `${WORKFLOW_PATH} exists and differs from keyguard's; left as it is (delete it and run again to replace it)` };
  }
  return {
    change: { path, before: null, after, mode: 0o644, summary: 'GitHub Actions workflow: scan pushes and pull requests, upload SARIF' },
    report: `GitHub workflow installed (${WORKFLOW_PATH}): commit it to scan every push and pull request`,
  };
}

/** For `keyguard uninstall`: the workflow goes only while it is exactly what init wrote. */
export function planGithubWorkflowRemoval(root: string): FileChange | null {
  const path = join(root, WORKFLOW_PATH);
  if (!existsSync(path)) return null;
  const before = readFileSync(path);
  if (!before.equals(Buffer.from(WORKFLOW))) return null; // edited since: it is the user's now
  return { path, before, after: null, summary: "remove keyguard's GitHub workflow" };
}
