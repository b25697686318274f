import { runGit } from '../git/runGit.js';
import type { Finding } from '../detect/finding.js';
import type { Scanner } from '../detect/createScanner.js';
import { COMMIT_MESSAGE } from './history.js';

/**
 * The messages of annotated tags among `shas` (objects being pushed): a tag object is pushed
 * with its message, so a token pasted there leaks like one in a commit. One cat-file process.
 */
export async function scanTagMessages(root: string, shas: string[], scanner: Scanner): Promise<Finding[]> {
  if (shas.length === 0) return [];
  const { stdout } = await runGit(['cat-file', '--batch-check=%(objectname) %(objecttype)'], root, [0], shas.join('\n') + '\n');
  const tags = stdout.toString('utf8').split('\n').filter((l) => l.endsWith(' tag')).map((l) => l.split(' ')[0]);
  const findings: Finding[] = [];
  for (const sha of tags) {
    const body = (await runGit(['cat-file', 'tag', sha], root)).stdout.toString('utf8');
    const blank = body.indexOf('\n\n');
    if (blank === -1) continue;
    const tagger = /^tagger (.*?) <[^>]*> (\d+)/m.exec(body.slice(0, blank));
    const info = { sha, author: tagger?.[1], date: tagger ? new Date(Number(tagger[2]) * 1000).toISOString() : undefined };
    const firstLine = body.slice(0, blank + 2).split('\n').length;
    findings.push(...scanner.judgeText({ path: COMMIT_MESSAGE, text: body.slice(blank + 2), firstLine, commit: info }));
  }
  return findings;
}
