import type { Change } from '../git/parseRawDiff.js';
import { readBlobs } from '../git/readBlobs.js';
import type { Finding, CommitInfo } from '../detect/finding.js';
import type { Scanner } from '../engine/createScanner.js';
import { decodeText } from '../engine/decodeText.js';
import { addedLinesFragment, utf8Fragments, wholeFileFragments } from '../engine/toFragments.js';

const GITLINK = '160000';
const SYMLINK = '120000';
const ZERO = /^0+$/;

/**
 * Judges a list of changes whose blobs git holds (the index, a commit's tree): path rules on
 * every file brought in, content rules on new files whole and on the added lines of changed ones.
 * All blobs come through one cat-file process.
 */
export async function scanChanges(cwd: string, changes: Change[], scanner: Scanner, commit?: CommitInfo): Promise<Finding[]> {
  const findings: Finding[] = [];
  const wanted: string[] = [];
  const jobs: { change: Change; oldIndex: number; newIndex: number }[] = [];

  for (const change of changes) {
    // A deletion removes a secret; it is the fix, never a problem. Unmerged entries cannot be committed.
    if (change.status === 'D' || change.status === 'U') continue;
    if (change.newMode === GITLINK || change.newMode === SYMLINK) continue; // a submodule pointer or a link target holds no secret
    if (scanner.isIgnored(change.path)) continue;
    if (ZERO.test(change.newSha)) continue;
    // Unchanged content under a new name brings nothing new, except a new secret-file name.
    const sameContent = (change.status === 'R' || change.status === 'C') && change.score === 100;
    const needOld = (change.status === 'M' || change.status === 'T' || change.status === 'R' || change.status === 'C') &&
      !sameContent && !ZERO.test(change.oldSha) && change.oldMode !== GITLINK && change.oldMode !== SYMLINK;
    if (sameContent && !scanner.needsContentForPath(change.path)) {
      const f = scanner.judgePath(change.path, null, commit);
      if (f) findings.push(f);
      continue;
    }
    const oldIndex = needOld ? wanted.push(change.oldSha) - 1 : -1;
    const newIndex = wanted.push(change.newSha) - 1;
    jobs.push({ change, oldIndex, newIndex });
  }

  const byNewIndex = new Map(jobs.map((j) => [j.newIndex, j]));
  const oldTexts = new Map<number, string | null>();
  await readBlobs(cwd, wanted, (index, content) => {
    const job = byNewIndex.get(index);
    if (!job) {
      oldTexts.set(index, decodeText(content));
      return;
    }
    const { change } = job;
    const sameContent = (change.status === 'R' || change.status === 'C') && change.score === 100;
    // A big new file is judged piece by piece from its bytes: memory stays bounded.
    const pieces = job.oldIndex < 0 && !sameContent && !scanner.needsContentForPath(change.path) ? utf8Fragments(change.path, content, commit) : null;
    if (pieces) {
      const pathFinding = scanner.judgePath(change.path, null, commit);
      if (pathFinding) findings.push(pathFinding);
      for (const fragment of pieces) findings.push(...scanner.judgeText(fragment));
      return;
    }
    const text = decodeText(content);
    const pathFinding = scanner.judgePath(change.path, text, commit);
    if (pathFinding) findings.push(pathFinding);
    if (text === null || sameContent) return;
    if (job.oldIndex >= 0) {
      const oldText = oldTexts.get(job.oldIndex);
      oldTexts.delete(job.oldIndex);
      if (oldText !== null && oldText !== undefined) {
        const fragment = addedLinesFragment(change.path, oldText, text, commit);
        if (fragment) findings.push(...scanner.judgeText(fragment));
        return;
      }
    }
    for (const fragment of wholeFileFragments(change.path, text, commit)) findings.push(...scanner.judgeText(fragment));
  });
  return findings;
}
