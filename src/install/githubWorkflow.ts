import { readTarget } from './readTarget.js';
import { join } from 'node:path';
import type { FileChange } from './applyChanges.js';
import { INSTALL_KEYGUARD, indent } from './ciInstallScript.js';

declare const __VERSION__: string;

export const WORKFLOW_PATH = '.github/workflows/keyguard.yml';

/**
 * The CI backstop for commits that never ran a hook (`--no-verify`, GUIs): scans the commits a
 * push or pull request brings and uploads SARIF to code scanning.
 *
 * Trust: the job runs on code a pull request wrote, so nothing it runs comes from the checkout.
 * keyguard is installed into the runner's temporary folder (never the repository's
 * node_modules/.bin, which a pull request can commit) at the version the *base* commit's
 * package-lock.json pins (integrity-checked by `npm ci`), else at the exact version that wrote
 * this file, and is called by that absolute path. No `${{ }}` expression is spliced into shell:
 * event fields reach the scripts as environment variables only.
 *
 * Outcomes: exit 1 (a finding) fails the job and uploads the report; anything else (keyguard
 * could not be installed, could not scan, printed nothing) fails the job and uploads nothing.
 */
export function workflowText(version: string): string {
  return `# Written by \`keyguard init --ci github\`. keyguard scans the commits each push or pull request
# brings for secrets, fails the check when it finds one, and shows the findings in code scanning.
name: keyguard

on:
  push:
  pull_request:

permissions:
  contents: read
  actions: read # upload-sarif reads the run's metadata (needed on private repositories)
  security-events: write

jobs:
  secrets:
    # A pull request from a branch of this repository is already scanned by that branch's push.
    if: github.event_name == 'push' || github.event.pull_request.head.repo.full_name != github.repository
    runs-on: ubuntu-latest
    env:
      # Used when the base commit's package-lock.json does not pin keyguard.
      KEYGUARD_VERSION: ${version}
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0 # full history: the scan needs the base of the range
          persist-credentials: false
      - name: Find the commits to scan
        id: range
        env:
          BASE: \${{ github.event.pull_request.base.sha || github.event.before }}
          DEFAULT_BRANCH: \${{ github.event.repository.default_branch }}
        run: |
          # The pull request's base, else the push's previous tip, else (a new branch) what the
          # default branch lacks, else (a first push) the whole history.
          if [ -n "$BASE" ] && git cat-file -e "$BASE^{commit}" 2>/dev/null; then
            base=$BASE
          elif [ "$GITHUB_REF_NAME" != "$DEFAULT_BRANCH" ] && git rev-parse -q --verify "origin/$DEFAULT_BRANCH" >/dev/null; then
            base=origin/$DEFAULT_BRANCH
          else
            base=
          fi
          echo "base=$base" >> "$GITHUB_OUTPUT"
      - name: Install keyguard (the version the base commit pins)
        env:
          BASE: \${{ steps.range.outputs.base }}
        run: |
          dir="$RUNNER_TEMP/keyguard"
${indent(INSTALL_KEYGUARD.replace('echo "keyguard could not be installed: the scan did not run" >&2', 'echo "::error::keyguard could not be installed: the scan did not run"'), 10)}
          echo "KEYGUARD=$KEYGUARD" >> "$GITHUB_ENV"
      - name: Scan new commits for secrets
        env:
          BASE: \${{ steps.range.outputs.base }}
        run: |
          if [ -n "$BASE" ]; then set -- --since "$BASE"; else set -- --history; fi
          status=0
          "$KEYGUARD" scan "$@" --format sarif > keyguard.sarif || status=$?
          # 1 is a finding; anything else means nothing was scanned, and an empty or partial
          # report must not reach code scanning as if it were a clean result.
          if { [ "$status" != 0 ] && [ "$status" != 1 ]; } || [ ! -s keyguard.sarif ]; then
            rm -f keyguard.sarif
            echo "::error::keyguard could not scan (exit $status): see the log above"
            exit 2
          fi
          exit "$status"
      - name: Upload findings to code scanning
        # A fork's pull request gets no security-events token: the failed check is its report.
        if: always() && hashFiles('keyguard.sarif') != '' && !github.event.pull_request.head.repo.fork
        uses: github/codeql-action/upload-sarif@v4
        with:
          sarif_file: keyguard.sarif
          category: keyguard
`;
}

export const WORKFLOW = workflowText(__VERSION__);

/**
 * The workflow file as a planned change. An existing file that differs is the user's (edited,
 * or their own workflow of that name): it is left as it is and said so, never overwritten.
 */
export function planGithubWorkflow(root: string): { change: FileChange | null; report: string } {
  const path = join(root, WORKFLOW_PATH);
  const after = Buffer.from(WORKFLOW);
  const before = readTarget(path);
  if (before) {
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
  const before = readTarget(path);
  if (!before) return null;
  if (!before.equals(Buffer.from(WORKFLOW))) return null; // edited since: it is the user's now
  return { path, before, after: null, summary: "remove keyguard's GitHub workflow" };
}
