import { parsePushLines, resolveCurrentBranchPush, resolvePushRange, trackingRefs } from '../git/resolvePushRange.js';
import { resolveCommit, shallowEdge } from '../git/revisions.js';
import { resolveRepo } from '../git/resolveRepo.js';
import { scanHistory } from '../sources/history.js';
import { scanTagMessages } from '../sources/tagMessages.js';
import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { formatOption, parseOptions, REPORT_OPTIONS } from './parseOptions.js';
import { runScan } from './runScan.js';
import { PUSH_ADVICE, readStdin } from './pushGate.js';

const HELP = `Usage: keyguard pre-push [REMOTE [URL]] [options]  < ref lines from git

What the pre-push hook runs: reads the refs git is about to push on standard input and scans
every commit REMOTE does not have yet (what other remotes have counts for nothing; without the
ref lines, what the current branch would send REMOTE). Exits 1, naming the commits, when any of them adds a
secret — even if a later commit removes it again (the remote would still get it). Deletions pass.
Also runs under the pre-commit framework's pre-push stage (PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF).

Options:
  --format text|json|sarif   report format (default text)
  --config FILE              settings file
  --baseline FILE            accepted findings (default .keyguard-baseline.json, when present)
  --quiet                    print nothing when nothing is found
  --help                     this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...REPORT_OPTIONS,
      baseline: { type: 'string' },
    },
    'pre-push',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  const format = formatOption(values.format, ['text', 'json', 'sarif'], 'pre-push');
  const quiet = Boolean(values.quiet);
  // git runs the hook with the remote's name (or the URL pushed to) and the URL.
  const revs = await pushRevisions((await resolveRepo(process.cwd())).root, positionals[0]);
  if (!revs) {
    if (!quiet) process.stderr.write('keyguard: the push sends no commits (deletions only): nothing to scan\n');
    return EXIT_CLEAN;
  }
  return runScan(
    { format, quiet, config: values.config, baseline: values.baseline, verdict: 'push blocked', advice: PUSH_ADVICE },
    async (repo, scanner) => {
      const not = revs.indexOf('--not');
      const pushed = not === -1 ? revs : revs.slice(0, not);
      const [result, edge, tags] = await Promise.all([scanHistory(repo.root, revs, scanner), shallowEdge(repo.root), scanTagMessages(repo.root, pushed, scanner)]);
      const cut = result.roots.filter((r) => edge.includes(r));
      const warnings = cut.length
        ? [`shallow clone: history before commit ${cut.map((c) => c.slice(0, 12)).join(', ')} is not here and was not scanned`]
        : [];
      return {
        findings: [...tags, ...result.findings],
        summary: `${result.commits} commit${result.commits === 1 ? '' : 's'} to push`,
        warnings,
        complete: false,
        scanned: { what: 'push', commits: result.commits },
      };
    },
  );
}

/**
 * git log arguments for what is being pushed, or null when nothing is. Git's ref lines on stdin
 * come first; the pre-commit framework instead passes the range in PRE_COMMIT_FROM_REF/TO_REF.
 * With git's remote argument but no ref lines (a hook manager that does not forward standard
 * input) the current branch is scanned against that remote, never passed as "deletions only".
 */
async function pushRevisions(root: string, remote: string | undefined): Promise<string[] | null> {
  const input = process.stdin.isTTY ? '' : await readStdin();
  const updates = parsePushLines(input);
  if (updates.length > 0) {
    const range = await resolvePushRange(root, updates, remote);
    return range.empty ? null : range.revs;
  }
  const to = process.env.PRE_COMMIT_TO_REF;
  const from = process.env.PRE_COMMIT_FROM_REF;
  if (to) {
    const toCommit = await resolveCommit(root, to);
    if (!toCommit) throw new KeyguardError(`pre-push: unknown revision "${to}" (PRE_COMMIT_TO_REF)`);
    const fromCommit = from && !/^0+$/.test(from) ? await resolveCommit(root, from) : null;
    const tracked = await trackingRefs(root, remote ?? process.env.PRE_COMMIT_REMOTE_NAME);
    return [toCommit.sha, '--not', ...(fromCommit ? [fromCommit.sha] : []), ...tracked];
  }
  if (remote) return (await resolveCurrentBranchPush(root, remote)).revs;
  if (process.stdin.isTTY) throw new KeyguardError('pre-push: reads the refs to push from git on standard input; the pre-push hook runs it');
  return null;
}
