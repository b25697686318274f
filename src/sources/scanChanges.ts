import type { Change } from '../git/change.js';
import { readBlobs } from '../git/catFile.js';
import type { Finding, CommitInfo } from '../detect/finding.js';
import type { Scanner } from '../detect/createScanner.js';
import { judgeChange, planChange, streamChange, type Plan } from '../judge/judgeChange.js';

/**
 * Judges a list of changes whose blobs git holds (the index, a commit's tree): each change's
 * plan says which blobs it needs; all of them come through one cat-file process, old versions
 * right before the new one, and each change is judged as soon as its new blob arrives.
 */
export async function scanChanges(cwd: string, changes: Change[], scanner: Scanner, commit?: CommitInfo): Promise<Finding[]> {
  const findings: Finding[] = [];
  const wanted: string[] = [];
  const jobs = new Map<number, { change: Change; plan: Plan & { read: 'blobs' }}>();

  for (const change of changes) {
    const plan = planChange(change, scanner);
    if (plan.read !== 'blobs') {
      findings.push(...judgeChange(change, plan, scanner, commit));
      continue;
    }
    wanted.push(...plan.oldShas, change.newSha);
    jobs.set(wanted.length - 1, { change, plan });
  }

  let olds: Buffer[] = [];
  await readBlobs(cwd, wanted, (index, content) => {
    const job = jobs.get(index);
    if (!job) {
      olds.push(content);
      return;
    }
    findings.push(...judgeChange(job.change, job.plan, scanner, commit, content, olds));
    olds = [];
  }, (index, size) => {
    // A big new file is judged while git hands it over, never held whole.
    const job = jobs.get(index);
    const sink = job && olds.length === 0 ? streamChange(job.change, job.plan, scanner, commit, size) : null;
    return sink && { write: (bytes) => sink.write(bytes), end: () => void findings.push(...sink.end()) };
  });
  return findings;
}
