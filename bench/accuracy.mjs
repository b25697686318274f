#!/usr/bin/env node
// Accuracy benchmark for keyguard's built-in rules.
//
//   npm run bench:accuracy [-- CORPUS.jsonl ...] [--show]
//       recall and false alarms on labelled corpora (default: ../shared/corpus/dev.jsonl and
//       external-dev.jsonl), each reported per source
//   npm run bench:accuracy -- --tree [DIR|TARBALL ...] [--no-corpus]
//       also: content findings per MB on secret-free code (default: every tarball in ../shared/noise/,
//       unpacked into a temporary folder, and keyguard's own node_modules), each finding listed
//   every run also times a 1 MB adversarial line through the whole rule set.
//
// Each corpus is written as staged files in ONE temporary repository and judged by ONE run of the
// built CLI (`keyguard check --format json`), so the figures are what a user would get.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, realpathSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
// ../shared next to the repository; a worktree one level deeper (wt/NAME) finds it one more level up.
const SHARED = [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].find((d) => existsSync(d)) ?? resolve(ROOT, '..', 'shared');
const DEFAULT_CORPORA = ['dev.jsonl', 'external-dev.jsonl'].map((f) => join(SHARED, 'corpus', f));
const NOISE = join(SHARED, 'noise');
/** Rules whose finding is a private key: counted apart, test fixtures hold many and a user may want them. */
const PRIVATE_KEY_RULES = new Set(['private-key', 'putty-private-key']);

const args = process.argv.slice(2);
const show = args.includes('--show');
const treeAt = args.indexOf('--tree');
const noCorpus = args.includes('--no-corpus');
const afterTree = treeAt === -1 ? [] : args.slice(treeAt + 1).filter((a) => !a.startsWith('--'));
const corpusArgs = (treeAt === -1 ? args : args.slice(0, treeAt)).filter((a) => !a.startsWith('--'));

const temps = [];
process.on('exit', () => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

if (!existsSync(CLI)) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}

/** A repository that no developer's git config reaches. */
function tempRepo() {
  const base = mkdtempSync(join(tmpdir(), 'keyguard-bench-'));
  temps.push(base);
  const home = join(base, 'home');
  const dir = join(base, 'repo');
  mkdirSync(home);
  mkdirSync(dir);
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  Object.assign(env, { HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1' });
  writeFileSync(env.GIT_CONFIG_GLOBAL, '[user]\n\tname = bench\n\temail = bench@keyguard.invalid\n[core]\n\tautocrlf = false\n');
  const git = (...a) => {
    const r = spawnSync('git', a, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q');
  const check = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`keyguard check exited ${r.status}: ${r.stderr}`);
    return { findings: JSON.parse(r.stdout).findings, ms };
  };
  return { dir, git, check };
}

const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const ratio = (n, d) => `${String(n).padStart(5)}/${String(d).padEnd(5)} ${pct(n, d).padStart(6)}`;

/**
 * The corpus README's source tags: a bare name is the core set (tp must be caught, fp reviewed and
 * holding no secret); `-neg` records only mean "not this rule" and `-id` records are identifiers,
 * public values and hashes, so their flag rates are reported apart from the false-positive rate.
 */
function sourceClass(source) {
  if (source.endsWith('-neg')) return 'neg';
  if (source.endsWith('-id')) return 'id';
  return 'core';
}

function corpusMode(path) {
  if (!existsSync(path)) {
    console.log(`bench: corpus not found at ${path}; skipped (pass JSONL paths to measure)`);
    return undefined;
  }
  const records = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const repo = tempRepo();
  const byPath = new Map();
  records.forEach((rec, n) => {
    // Each record in its own folder, so a record's own file name (which may be a secret-file path) is kept.
    const rel = rec.filename ? `r${n}/${rec.filename}` : `r${n}/sample-${n}.txt`;
    const abs = join(repo.dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, rec.text);
    byPath.set(rel, rec);
  });
  repo.git('add', '-A', '-f');
  const { findings, ms } = repo.check();
  const hits = new Map();
  for (const f of findings) {
    const rec = byPath.get(f.path);
    if (!rec) throw new Error(`finding on an unknown path: ${f.path}`);
    const list = hits.get(rec) ?? [];
    list.push(f.rule);
    hits.set(rec, list);
  }
  const caught = (list) => list.filter((r) => hits.has(r)).length;
  const figures = (list) => {
    const tp = list.filter((r) => r.kind === 'tp' && sourceClass(r.source) === 'core');
    const tpReal = tp.filter((r) => !r.placeholderHint);
    const fpCore = list.filter((r) => r.kind === 'fp' && sourceClass(r.source) === 'core');
    const neg = list.filter((r) => sourceClass(r.source) === 'neg');
    const id = list.filter((r) => sourceClass(r.source) === 'id');
    return {
      recall: [caught(tp), tp.length],
      recallReal: [caught(tpReal), tpReal.length],
      fp: [caught(fpCore), fpCore.length],
      neg: [caught(neg), neg.length],
      id: [caught(id), id.length],
    };
  };

  console.log(`\ncorpus: ${path}`);
  console.log(`records: ${records.length}; one check run: ${ms.toFixed(0)} ms, ${findings.length} findings`);
  // Per source: the core set and its -neg/-id siblings on one line.
  const sources = [...new Set(records.map((r) => r.source.replace(/-(?:neg|id)$/, '')))].sort();
  const head = `${'source'.padEnd(13)} ${'recall (all tp)'.padEnd(19)} ${'recall (no placeholders)'.padEnd(24)} ${'FP (core fp)'.padEnd(19)} ${'flagged -neg'.padEnd(19)} flagged -id`;
  console.log(head);
  const row = (name, f) =>
    console.log(`${name.padEnd(13)} ${ratio(...f.recall).padEnd(19)} ${ratio(...f.recallReal).padEnd(24)} ${ratio(...f.fp).padEnd(19)} ${ratio(...f.neg).padEnd(19)} ${ratio(...f.id)}`);
  for (const s of sources) row(s, figures(records.filter((r) => r.source.replace(/-(?:neg|id)$/, '') === s)));
  const all = figures(records);
  row('ALL', all);

  const group = (list) => {
    const m = new Map();
    for (const r of list) m.set(r.rule, [...(m.get(r.rule) ?? []), r]);
    return [...m.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  };
  const total = (kind, rule) => records.filter((r) => r.kind === kind && r.rule === rule).length;
  const clip = (t) => JSON.stringify(t.length > 160 ? `${t.slice(0, 160)}…` : t);
  const missed = records.filter((r) => r.kind === 'tp' && !hits.has(r));
  console.log(`\nmisses by corpus rule (${missed.length}; * = placeholder-looking):`);
  for (const [rule, list] of group(missed)) {
    console.log(`  ${rule}: ${list.length}/${total('tp', rule)}  ${list.map((r) => r.id.split(':').pop() + (r.placeholderHint ? '*' : '')).join(' ')}`);
    if (show) for (const r of list) console.log(`      ${r.id} ${r.variant ?? ''} ${clip(r.text)}`);
  }
  for (const cls of ['core', 'id', 'neg']) {
    const alarms = records.filter((r) => r.kind === 'fp' && sourceClass(r.source) === cls && hits.has(r));
    console.log(`\n${cls === 'core' ? 'false alarms (core fp)' : `flagged -${cls} records`} by corpus rule (${alarms.length}):`);
    for (const [rule, list] of group(alarms)) {
      console.log(`  ${rule}: ${list.length}/${total('fp', rule)}  ${list.map((r) => `${r.id.split(':').pop()}→${[...new Set(hits.get(r))].join(',')}`).join(' ')}`);
      if (show) for (const r of list) console.log(`      ${r.id} ${clip(r.text)}`);
    }
  }
  return { path, ...all };
}

function dirBytes(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** The trees `--tree` measures when given none: the shared noise tarballs and keyguard's own node_modules. */
function defaultTrees() {
  const trees = existsSync(NOISE) ? readdirSync(NOISE).filter((f) => /\.tar(?:\.\w+)?$/.test(f)).sort().map((f) => join(NOISE, f)) : [];
  if (trees.length === 0) console.log(`bench: no tarballs in ${NOISE}`);
  return [...trees, join(ROOT, 'node_modules')];
}

function treeMode(source) {
  if (!existsSync(source)) {
    console.error(`bench: ${source} does not exist`);
    process.exit(2);
  }
  const repo = tempRepo();
  const into = join(repo.dir, 'tree');
  mkdirSync(into);
  // A linked folder (a shared or pnpm-made node_modules) is measured where it points.
  if (statSync(source).isDirectory()) cpSync(realpathSync(source), into, { recursive: true, dereference: false });
  else {
    // A tarball is unpacked into the temporary repository only, never next to the source.
    const r = spawnSync('tar', ['-xf', source, '-C', into], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      console.error(`bench: could not unpack ${source}`);
      process.exit(2);
    }
  }
  // Some trees ship a .gitignore or a .git folder; neither may hide files from the measurement.
  for (const nested of findNestedGitDirs(into)) rmSync(nested, { recursive: true, force: true });
  repo.git('add', '-A', '-f');
  const { bytes, files } = dirBytes(into);
  const { findings, ms } = repo.check();
  const mb = bytes / (1 << 20);
  const content = findings.filter((f) => f.kind === 'content' && !PRIVATE_KEY_RULES.has(f.rule));
  const keys = findings.filter((f) => f.kind === 'content' && PRIVATE_KEY_RULES.has(f.rule));
  const names = findings.filter((f) => f.kind === 'file');
  console.log(`\ntree: ${basename(source)} — ${files} files, ${mb.toFixed(1)} MB, one check run ${(ms / 1000).toFixed(1)} s`);
  console.log(`  content findings (private keys apart): ${content.length} = ${(content.length / mb).toFixed(3)} per MB (target ≤ 0.2)`);
  console.log(`  private keys: ${keys.length}; secret-file names: ${names.length}`);
  const byRule = new Map();
  for (const f of content) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  for (const [rule, n] of [...byRule.entries()].sort((a, b) => b[1] - a[1])) console.log(`    ${rule}: ${n}`);
  const where = (f) => `${f.path.replace(/^tree\//, '')}:${f.line}:${f.column}`;
  console.log('  each content finding, for a person to judge:');
  for (const f of content) console.log(`    ${where(f)}  ${f.rule}  ${f.redacted}`);
  if (show || keys.length + names.length <= 40) {
    for (const f of keys) console.log(`    [key]  ${where(f)}  ${f.rule}`);
    for (const f of names) console.log(`    [name] ${where(f)}  ${f.rule}`);
  }
  return { tree: basename(source), mb, content: content.length, keys: keys.length, names: names.length };
}

function findNestedGitDirs(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = join(d, e.name);
      if (e.name === '.git') found.push(p);
      else walk(p);
    }
  };
  walk(dir);
  return found;
}

/** Bundles the detector and the rules from source, so the timing measures exactly the engine. */
async function loadEngine() {
  const { build } = await import('esbuild');
  const out = mkdtempSync(join(tmpdir(), 'keyguard-bench-engine-'));
  temps.push(out);
  await build({
    stdin: {
      contents: "export { createDetector } from './src/detect/createDetector.ts';\nexport { builtinContentRules } from './src/rules/index.ts';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(out, 'engine.mjs'),
    logLevel: 'warning',
  });
  return import(pathToFileURL(join(out, 'engine.mjs')).href);
}

/** Lines made to make a careless expression backtrack: every keyword, near misses, long runs. */
export function adversarialLines(rules, size = 1 << 20) {
  const keywords = [...new Set(rules.flatMap((r) => r.keywords))];
  const fill = (unit) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    'all keywords, each followed by a near-miss value': fill(keywords.map((k) => `${k}=a1B2c3D4e5 `).join('')),
    'keywords with no separators': fill(keywords.join('')),
    'secret-named assignment prefixes': fill('api_key_token_secret_password= '),
    'PEM header without an end': `-----BEGIN RSA PRIVATE KEY-----${fill('MIIEow')}`,
    'one long base64 run': fill('aB3+cD4/eF5='),
    'URL credentials without host': fill('postgres://user:pa'),
    'JWT-shaped run': fill('eyJhbGciOi.'),
    'repeated spaces and quotes': fill(' "\'= :'),
  };
}

async function adversarialTiming() {
  let engine;
  try {
    engine = await loadEngine();
  } catch (e) {
    console.log(`adversarial timing skipped: ${e.message.split('\n')[0]}`);
    return;
  }
  const detect = engine.createDetector(engine.builtinContentRules);
  console.log(`\nadversarial 1 MB lines through all ${engine.builtinContentRules.length} content rules:`);
  let worst = 0;
  for (const [name, text] of Object.entries(adversarialLines(engine.builtinContentRules))) {
    const t0 = performance.now();
    detect({ path: 'adversarial.txt', text });
    const ms = performance.now() - t0;
    worst = Math.max(worst, ms);
    console.log(`  ${name}: ${ms.toFixed(0)} ms`);
  }
  console.log(`  worst: ${worst.toFixed(0)} ms (target < 1000 ms)`);
}

const summary = [];
if (!noCorpus) {
  for (const path of corpusArgs.length ? corpusArgs.map((a) => resolve(a)) : DEFAULT_CORPORA) {
    const f = corpusMode(path);
    if (f) summary.push(`${basename(f.path)}: recall ${pct(...f.recall)} (no placeholders ${pct(...f.recallReal)}), FP ${pct(...f.fp)}, -neg ${pct(...f.neg)}, -id ${pct(...f.id)}`);
  }
}
if (treeAt !== -1) {
  for (const source of afterTree.length ? afterTree.map((a) => resolve(a)) : defaultTrees()) {
    const t = treeMode(source);
    summary.push(`${t.tree}: ${(t.content / t.mb).toFixed(3)} content findings/MB (${t.content} in ${t.mb.toFixed(1)} MB), ${t.keys} private keys, ${t.names} secret-file names`);
  }
}
await adversarialTiming();
console.log('\nsummary:');
for (const line of summary) console.log(`  ${line}`);
