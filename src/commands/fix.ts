import { join } from 'node:path';
import { resolveRepo } from '../git/resolveRepo.js';
import { loadConfig } from '../config/loadConfig.js';
import { createScanner } from '../detect/createScanner.js';
import { scanStaged } from '../sources/staged.js';
import { baselinePath, loadBaseline } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';
import type { Finding } from '../detect/finding.js';
import { EXIT_CLEAN, EXIT_FOUND, KeyguardError } from '../errors.js';
import { runGit } from '../git/runGit.js';
import { applyChanges, assertWritable, isChange, type FileChange } from '../install/applyChanges.js';
import { gitIgnoresCase, planGitignore } from '../install/fixGitignore.js';
import { parseOptions } from './parseOptions.js';
import { planFile, type FileRewrite, type NameSource } from '../fix/planFile.js';
import { applyToWorking } from '../fix/applyToWorking.js';
import { assertRegularOrAbsent, envFileChange, envFolder, envLine, openEnvFile, placeholderLine, type EnvFile } from '../fix/envFiles.js';
import { uniqueName } from '../fix/chooseName.js';
import { FIX_LIMIT, indexEntries, readIndexBlobs, restage, type Restage } from '../fix/restage.js';
import { readUserFile } from '../config/readUserFile.js';
import { keyHistory, type KeyHistory } from '../fix/keyHistory.js';
import { showDiff } from '../fix/showDiff.js';
import { escapeLine } from '../report/escape.js';
import { displayPath } from '../report/displayPath.js';
import { cwdPrefix, fixFromCwd } from '../report/fromCwd.js';
import { isViteFile } from '../fix/isVite.js';
import { languageNote } from '../fix/notes.js';
import type { Language } from '../fix/languages.js';

const HELP = `Usage: keyguard fix [FILE...] [options]

Moves each key that blocks the commit out of the code and into the environment: the value goes
to .env (created, kept out of git), the name with a placeholder to .env.example, and the line is
rewritten to read the variable in the file's language. The rewritten lines are staged; other
unstaged work in the same files stays unstaged. With FILE arguments, only those files.

Options:
  --dry-run        show every change, write nothing
  --partial        fix the files that can be fixed even when others cannot (default: all or nothing)
  --env NAME       write the values to .env.NAME (for example .env.production) instead of .env
  --config FILE    settings file (default .keyguardrc.json, or "keyguard" in package.json)
  --help           this help
Exit codes: 0 every key moved, 1 keys remain that need a hand, 2 usage or git error.`;

interface FilePlan {
  path: string;
  rewrite: FileRewrite;
  envRel: string;
  vite: boolean;
  index?: { mode: string; after: Buffer };
  work?: FileChange;
}

interface Problem {
  path: string;
  line: number;
  why: string;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      'dry-run': { type: 'boolean' },
      partial: { type: 'boolean' },
      env: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fix',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  const envSuffix = values.env as string | undefined;
  if (envSuffix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(envSuffix)) {
    throw new KeyguardError('fix: --env takes a plain name such as production (letters, digits, - and _)');
  }
  const envName = envSuffix ? `.env.${envSuffix}` : '.env';
  const dryRun = values['dry-run'] === true;
  // Every line is escaped as a whole, so nothing from the repository reaches the terminal raw; paths
  // are also quoted when they hold a control character (displayPath), as in check's report.
  const say = (line: string) => process.stdout.write(`${escapeLine(line)}\n`);

  const repo = await resolveRepo(process.cwd());
  const root = repo.root;
  const config = loadConfig(root, repo.cwd, values.config as string | undefined);
  const scanner = createScanner(config);
  const staged = await scanStaged(repo, scanner, positionals);
  const { findings } = applyBaseline(staged, loadBaseline(baselinePath(root), root));
  if (findings.length === 0) {
    say('keyguard fix: nothing to fix (no secrets in staged changes)');
    return EXIT_CLEAN;
  }

  const problems: Problem[] = [];
  // A command to paste names the file from where the user stands, as check's report does.
  const here = cwdPrefix(root, repo.cwd);
  for (const f of findings.filter((x) => x.kind === 'file')) problems.push({ path: f.path, line: 0, why: `a secret file by its name: ${fixFromCwd(f, here)}` });
  const byPath = new Map<string, Finding[]>();
  for (const f of findings.filter((x) => x.kind === 'content')) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);

  const entries = await indexEntries(root, [...byPath.keys()]);
  const blobs = await readIndexBlobs(root, entries);
  const envFiles = new Map<string, EnvFile>();
  const envFile = (rel: string) => {
    let f = envFiles.get(rel);
    if (!f) envFiles.set(rel, (f = openEnvFile(root, rel)));
    return f;
  };

  const plans: FilePlan[] = [];
  for (const [path, fs] of byPath) {
    const entry = entries.get(path);
    const indexBuf = blobs.get(path) ?? null;
    const workBuf = readWorkingCopy(root, path);
    const primary = indexBuf ?? workBuf;
    if (!primary) {
      problems.push({ path, line: fs[0].line, why: 'cannot read the file' });
      continue;
    }
    const text = primary.toString('latin1');
    const kind = path.startsWith('.github/workflows/') ? 'actions' : /(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/.test(path) ? 'compose' : 'code';
    const folder = envFolder(root, path, kind);
    const envRel = folder ? `${folder}/${envName}` : envName;
    const env = envFile(envRel);
    const vite = isViteFile(root, path);
    // Names this file takes are kept only if the whole file can be rewritten.
    const taken = new Map(env.names);
    const added: string[] = [];
    let unwritable = false;
    const names: NameSource = {
      nameFor(base, value) {
        const name = uniqueName(base, value, taken);
        if (taken.get(name) !== value) {
          const line = envLine(name, value);
          if (line === null) unwritable = true;
          else added.push(line);
          taken.set(name, value);
        }
        return name;
      },
    };
    const res = planFile(path, text, fs, { vite }, names);
    if (!res.ok) {
      problems.push({ path, line: res.line, why: res.why });
      continue;
    }
    if (unwritable) {
      problems.push({ path, line: fs[0].line, why: 'the value holds both quote kinds or a line break: no .env line reads it back exactly' });
      continue;
    }
    const plan: FilePlan = { path, rewrite: res.rewrite, envRel, vite };
    const after = Buffer.from(res.rewrite.text, 'latin1');
    if (indexBuf && entry) plan.index = { mode: entry.mode, after };
    if (workBuf) {
      let workAfter = after;
      if (indexBuf && !workBuf.equals(indexBuf)) {
        const w = applyToWorking(workBuf.toString('latin1'), res.rewrite);
        if (!w.ok) {
          problems.push({ path, line: w.line, why: w.why });
          continue;
        }
        workAfter = Buffer.from(w.text, 'latin1');
      }
      plan.work = { path: join(root, path), before: workBuf, after: workAfter, summary: 'read the key from the environment' };
    }
    env.names = taken;
    env.added.push(...added);
    plans.push(plan);
  }

  const secrets = findings.filter((f) => f.kind === 'content').map((f) => ({ secret: f.secret, redacted: f.redacted }));
  for (const p of problems) say(`keyguard fix: ${displayPath(p.path)}${p.line ? `:${p.line}` : ''}: not changed: ${p.why}`);
  if (problems.length && (!values.partial || plans.length === 0)) {
    say(plans.length ? 'keyguard fix: nothing was changed (all or nothing; --partial fixes the files that can be fixed)' : 'keyguard fix: nothing was changed');
    return EXIT_FOUND;
  }

  // The files around the code: .env (value), .env.example (placeholder), .gitignore (keeps .env out).
  const changes: FileChange[] = [];
  const examples = new Map<string, EnvFile>();
  for (const env of envFiles.values()) {
    if (env.added.length === 0) continue;
    changes.push(envFileChange(env, `the values (${env.added.length})`));
  }
  for (const plan of plans) {
    const folder = plan.envRel.includes('/') ? plan.envRel.slice(0, plan.envRel.lastIndexOf('/')) : '';
    const rel = folder ? `${folder}/.env.example` : '.env.example';
    let ex = examples.get(rel);
    if (!ex) {
      examples.set(rel, (ex = openEnvFile(root, rel)));
      // A new template shows the whole structure: every name the .env already had, too.
      if (ex.before === null) {
        for (const name of envFile(plan.envRel).names.keys()) {
          if (ex.names.has(name) || plan.rewrite.moved.some((m) => m.name === name)) continue;
          ex.names.set(name, null);
          ex.added.push(placeholderLine(name));
        }
      }
    }
    for (const m of plan.rewrite.moved) {
      if (ex.names.has(m.name)) continue;
      ex.names.set(m.name, null);
      ex.added.push(placeholderLine(m.name));
    }
  }
  const exampleChanges = [...examples.values()].filter((e) => e.added.length).map((e) => envFileChange(e, 'placeholders'));
  for (const c of exampleChanges) c.mode = 0o644;
  assertRegularOrAbsent(join(root, '.gitignore'), '.gitignore');
  const gitignore = planGitignore(root, await gitIgnoresCase(root)).change;
  const envRels = [...new Set(plans.map((p) => p.envRel))];
  const trackedEnv = [...(await indexEntries(root, envRels)).keys()];
  const history = await keyHistory(root, repo.head !== null, [...new Set(plans.flatMap((p) => p.rewrite.moved.map((m) => m.finding.secret)))]);

  // The diff, redacted.
  const verb = dryRun ? 'would change' : 'changed';
  for (const plan of plans) {
    const where = plan.index && plan.work ? 'staged and working copy' : plan.index ? 'staged' : 'working copy';
    say(`keyguard fix: ${verb} ${displayPath(plan.path)} (${where})`);
    for (const l of showDiff(plan.rewrite, secrets)) say(l);
  }
  for (const env of envFiles.values()) {
    const names = env.added.map((l) => l.slice(0, l.indexOf('=')));
    if (names.length) say(`keyguard fix: ${dryRun ? 'would add' : 'added'} to ${displayPath(env.rel)}: ${names.map((n) => `${n}=…`).join(', ')} (values not shown)`);
  }
  for (const ex of examples.values()) if (ex.added.length) say(`keyguard fix: ${dryRun ? 'would add' : 'added'} to ${displayPath(ex.rel)}: ${ex.added.join(', ')}`);
  if (isChange(gitignore)) say(`keyguard fix: ${dryRun ? 'would add' : 'added'} keyguard's secret patterns to .gitignore (${envName} is ignored)`);
  for (const t of trackedEnv) say(`keyguard fix: ${dryRun ? 'would stop' : 'stopped'} tracking ${displayPath(t)} (git rm --cached; the file stays, its old versions stay in history)`);
  const stageable = await stageableFiles(root, [gitignore, ...exampleChanges]);
  for (const c of [gitignore, ...exampleChanges].filter(isChange)) {
    const rel = c.path.slice(root.length + 1);
    if (!stageable.some((st) => st.path === rel)) say(`keyguard fix: ${displayPath(rel)} ${dryRun ? 'would be' : 'is'} left unstaged (it holds changes of yours that are not staged, or git does not track it): git add it when it is ready`);
  }

  if (dryRun) {
    assertWritable(root, [gitignore, ...changes, ...exampleChanges, ...plans.flatMap((p) => (p.work ? [p.work] : []))]);
    printAdvice(plans, history, say, here);
    say('keyguard fix: dry run, nothing was written');
    return problems.length ? EXIT_FOUND : EXIT_CLEAN;
  }

  // .gitignore first: no value is written until git is known to ignore the file that holds it.
  applyChanges(root, [gitignore]);
  const notIgnored = [];
  for (const rel of envRels) {
    const r = await runGit(['check-ignore', '-q', '--no-index', '--', rel], root, [0, 1]);
    if (r.code !== 0) notIgnored.push(rel);
  }
  if (notIgnored.length) {
    applyChanges(root, [{ ...gitignore, before: gitignore.after, after: gitignore.before }]);
    throw new KeyguardError(`${displayPath(notIgnored[0])} would not be ignored (a rule in .gitignore un-ignores it): remove that rule, then run keyguard fix again (nothing was changed)`);
  }
  const writes = [...changes, ...exampleChanges, ...plans.flatMap((p) => (p.work ? [p.work] : []))];
  try {
    applyChanges(root, writes);
    const items: Restage[] = plans.flatMap((p) => (p.index ? [{ path: p.path, mode: p.index.mode, content: p.index.after }] : []));
    for (const s of stageable) items.push(s);
    await restage(root, items, trackedEnv);
  } catch (e) {
    applyChanges(root, [...writes, gitignore].filter(isChange).map((c) => ({ ...c, before: c.after, after: c.before })));
    throw e;
  }
  printAdvice(plans, history, say, here);
  if (problems.length) {
    say(`keyguard fix: ${problems.length} ${problems.length === 1 ? 'key needs' : 'keys need'} a hand (listed above); commit again when they are moved`);
    return EXIT_FOUND;
  }
  say('keyguard fix: done; the rewritten lines are staged: run git commit again');
  return EXIT_CLEAN;
}

/**
 * The working copy of a file to rewrite, or null when there is none (deleted since it was staged:
 * the index alone is fixed). Anything else it can be — bigger than fix reads, a FIFO whose read
 * never returns, a device, a symlink a write would follow anywhere — is one line, exit 2, before
 * anything is written: fixing the index while the key stays in such a file would be a silent pass.
 */
function readWorkingCopy(root: string, path: string): Buffer | null {
  const shown = displayPath(path);
  return readUserFile(join(root, path), {
    shown: `${shown} (working copy)`,
    limit: FIX_LIMIT,
    within: root,
    refuseSymlink: () => `${shown} is a symlink in the working tree; keyguard fix does not write through it: make it the file itself, or move the key by hand`,
    note: 'nothing was changed',
  });
}

/**
 * .gitignore and .env.example go into the commit with the fix when staging them adds only
 * keyguard's lines: the file is new, or its staged content is what is on disk.
 */
async function stageableFiles(root: string, changes: FileChange[]): Promise<Restage[]> {
  const rel = (c: FileChange) => c.path.slice(root.length + 1);
  const wanted = changes.filter((c) => isChange(c) && c.after !== null);
  const entries = await indexEntries(root, wanted.map(rel));
  const blobs = await readIndexBlobs(root, entries);
  const out: Restage[] = [];
  for (const c of wanted) {
    const entry = entries.get(rel(c));
    const staged = blobs.get(rel(c));
    if (entry ? staged && c.before && staged.equals(c.before) : c.before === null) {
      out.push({ path: rel(c), mode: entry?.mode ?? '100644', content: c.after! });
    }
  }
  return out;
}

function printAdvice(plans: FilePlan[], history: KeyHistory, say: (l: string) => void, here: string): void {
  const { pushed, unpushed } = history;
  const notes = new Map<string, string>();
  for (const p of plans) {
    const lang: Language = p.rewrite.lang;
    const note = languageNote(lang, p.vite, p.envRel);
    notes.set(note, note);
  }
  for (const n of notes.values()) say(`  note: ${n}`);
  const seen = new Set<string>();
  for (const p of plans) {
    for (const m of p.rewrite.moved) {
      const f = m.finding;
      if (seen.has(f.secret)) continue;
      seen.add(f.secret);
      if (pushed === null) {
        say(`  rotate: keyguard could not tell whether ${f.description} (${displayPath(f.path)}:${f.line}) was pushed; if it was: ${fixFromCwd(f, here)}`);
      } else if (pushed.has(f.secret)) {
        say(`  rotate: ${f.description} in ${displayPath(f.path)}:${f.line} was already pushed: moving it does not unpublish it, rotating it is the only fix: ${fixFromCwd(f, here)}`);
        continue;
      }
      if (unpushed === null) {
        say(`  history: keyguard could not search the commits not yet pushed for ${f.description}; keyguard pre-push checks them when you push`);
      } else if (unpushed.has(f.secret)) {
        say(`  history: ${f.description} (${displayPath(f.path)}:${f.line}) is also in a commit not yet pushed: rewrite that commit (git commit --amend for the last one, git rebase -i for older ones) before pushing, or the push carries it`);
      }
    }
  }
}
