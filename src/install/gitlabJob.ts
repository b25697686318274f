import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChange } from './applyChanges.js';
import { INSTALL_KEYGUARD, indent } from './ciInstallScript.js';

declare const __VERSION__: string;

/** keyguard's own file, which the project's .gitlab-ci.yml includes. */
export const GITLAB_JOB_PATH = '.gitlab/keyguard.gitlab-ci.yml';
export const GITLAB_CI_PATH = '.gitlab-ci.yml';
export const GITLAB_REPORT = 'gl-secret-detection-report.json';

/** The job's shell (POSIX sh: the runner's shell depends on the image). */
const SCRIPT = `rm -f ${GITLAB_REPORT}
# The merge request's commits, else the push's, else what the default branch lacks, else all history.
known() { [ -n "$1" ] && git cat-file -e "$1^{commit}" 2>/dev/null; }
if known "\${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}"; then
  BASE=$CI_MERGE_REQUEST_DIFF_BASE_SHA
elif [ -z "\${CI_MERGE_REQUEST_IID:-}" ] && known "\${CI_COMMIT_BEFORE_SHA:-}"; then
  BASE=$CI_COMMIT_BEFORE_SHA
elif [ "\${CI_COMMIT_BRANCH:-}" != "$CI_DEFAULT_BRANCH" ] && git fetch -q origin "$CI_DEFAULT_BRANCH" 2>/dev/null; then
  BASE=$(git merge-base FETCH_HEAD HEAD)
else
  BASE=
fi
dir="\${TMPDIR:-/tmp}/keyguard-ci"
${INSTALL_KEYGUARD}
if [ -n "$BASE" ]; then set -- --since "$BASE"; else set -- --history; fi
status=0
"$KEYGUARD" scan "$@" --format gitlab > ${GITLAB_REPORT} || status=$?
# 1 is a finding; anything else means nothing was scanned: no report that would read as clean.
if { [ "$status" != 0 ] && [ "$status" != 1 ]; } || [ ! -s ${GITLAB_REPORT} ]; then
  rm -f ${GITLAB_REPORT}
  echo "keyguard could not scan (exit $status): see the log above" >&2
  exit 2
fi
# The findings once more as text, for the job log.
if [ "$status" = 1 ]; then "$KEYGUARD" scan "$@" || true; fi
exit "$status"`;

export function gitlabJobText(version: string): string {
  return `# Written by \`keyguard init --ci gitlab\`; included from ${GITLAB_CI_PATH}. Scans the commits a merge
# request brings (or a push to a branch without one) for secrets, fails the job when it finds one,
# and uploads GitLab's secret detection report, which GitLab shows in the merge request.
keyguard:
  stage: test
  image: node:22
  variables:
    GIT_DEPTH: "0" # full history: the scan needs the base of the range
    KEYGUARD_VERSION: "${version}" # used when the base commit's package-lock.json does not pin keyguard
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    # A branch with an open merge request is scanned by the merge request's pipeline.
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH
  script:
    - |
${indent(SCRIPT, 6)}
  artifacts:
    when: always
    reports:
      secret_detection: ${GITLAB_REPORT}
`;
}

export const GITLAB_JOB = gitlabJobText(__VERSION__);
const GITLAB_CI = `# Written by \`keyguard init --ci gitlab\`: the project's pipeline, with keyguard's job.
include:
  - local: ${GITLAB_JOB_PATH}
`;

/**
 * The job file, and a .gitlab-ci.yml that includes it when the project has none. A project's own
 * .gitlab-ci.yml is never edited (YAML has too many ways to say one thing): init names the lines to add.
 */
export function planGitlabJob(root: string): { changes: FileChange[]; report: string[] } {
  const changes: FileChange[] = [];
  const report: string[] = [];
  const job = join(root, GITLAB_JOB_PATH);
  if (existsSync(job)) {
    if (readFileSync(job).equals(Buffer.from(GITLAB_JOB))) report.push(`GitLab job already installed (${GITLAB_JOB_PATH})`);
    else report.push(`${GITLAB_JOB_PATH} exists and differs from keyguard's; left as it is (delete it and run again to replace it)`);
  } else {
    changes.push({ path: job, before: null, after: Buffer.from(GITLAB_JOB), mode: 0o644, summary: 'GitLab CI job: scan merge requests, upload the secret detection report' });
    report.push(`GitLab job installed (${GITLAB_JOB_PATH})`);
  }
  const ci = join(root, GITLAB_CI_PATH);
  if (!existsSync(ci)) {
    changes.push({ path: ci, before: null, after: Buffer.from(GITLAB_CI), mode: 0o644, summary: `${GITLAB_CI_PATH} that includes keyguard's job` });
    report.push(`${GITLAB_CI_PATH} written, including it: commit both to scan every merge request`);
  } else if (!readFileSync(ci, 'utf8').includes(GITLAB_JOB_PATH)) {
    report.push(`add keyguard's job to your ${GITLAB_CI_PATH} (left unedited):  include: [{ local: ${GITLAB_JOB_PATH} }]`);
  } else {
    report.push(`${GITLAB_CI_PATH} includes ${GITLAB_JOB_PATH}`);
  }
  return { changes, report };
}

/** For `keyguard uninstall`: each file goes only while it is exactly what init wrote. */
export function planGitlabJobRemoval(root: string): FileChange[] {
  const out: FileChange[] = [];
  for (const [rel, text] of [[GITLAB_JOB_PATH, GITLAB_JOB], [GITLAB_CI_PATH, GITLAB_CI]] as const) {
    const path = join(root, rel);
    if (!existsSync(path)) continue;
    const before = readFileSync(path);
    if (before.equals(Buffer.from(text))) out.push({ path, before, after: null, summary: `remove ${rel} (as init --ci gitlab wrote it)` });
  }
  return out;
}
