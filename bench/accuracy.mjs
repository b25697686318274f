#!/usr/bin/env node
// Accuracy benchmark for keyguard's built-in rules.
//
//   npm run bench:accuracy [-- CORPUS.jsonl] [--show]   recall / false-positive rate on a labelled corpus
//   npm run bench:accuracy -- --tree [DIR]              findings per MB on secret-free code (DIR, or a
//                                                       temporary folder with a few large npm packages)
//   every run also times a 1 MB adversarial line through the whole rule set.
//
// The corpus is written as staged files in ONE temporary repository and judged by ONE run of the
// built CLI (`keyguard check --format json`), so the figures are what a user would get.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DEFAULT_CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'dev.jsonl');
// Large, popular packages: lots of real code, tests, fixtures and minified bundles, no real secrets.
const TREE_PACKAGES = ['typescript@5.9.3', 'eslint@9', 'webpack@5', 'lodash@4', 'aws-sdk@2', 'googleapis@144'];

const args = process.argv.slice(2);
const show = args.includes('--show');
const treeAt = args.indexOf('--tree');
const positional = args.filter((a, i) => !a.startsWith('--') && !(treeAt !== -1 && i === treeAt + 1));

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

const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)}%`);

function corpusMode(path) {
  if (!existsSync(path)) {
    console.log(`bench: corpus not found at ${path}; skipping the accuracy run (pass a JSONL path to measure)`);
    return;
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

  const tp = records.filter((r) => r.kind === 'tp');
  const tpReal = tp.filter((r) => !r.placeholderHint);
  const fp = records.filter((r) => r.kind === 'fp');
  const caught = (list) => list.filter((r) => hits.has(r)).length;
  console.log(`corpus: ${path}`);
  console.log(`records: ${records.length} (tp ${tp.length}, fp ${fp.length}); one check run: ${ms.toFixed(0)} ms, ${findings.length} findings`);
  console.log(`recall (all tp):                  ${caught(tp)}/${tp.length} = ${pct(caught(tp), tp.length)}`);
  console.log(`recall (tp without placeholders): ${caught(tpReal)}/${tpReal.length} = ${pct(caught(tpReal), tpReal.length)}`);
  console.log(`false-positive rate (fp):         ${caught(fp)}/${fp.length} = ${pct(caught(fp), fp.length)}`);

  const group = (list) => {
    const m = new Map();
    for (const r of list) m.set(r.rule, [...(m.get(r.rule) ?? []), r]);
    return [...m.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  };
  const total = (kind, rule) => records.filter((r) => r.kind === kind && r.rule === rule).length;
  const clip = (t) => JSON.stringify(t.length > 160 ? `${t.slice(0, 160)}…` : t);
  const missed = tp.filter((r) => !hits.has(r));
  console.log(`\nmisses by corpus rule (${missed.length}; * = placeholder-looking):`);
  for (const [rule, list] of group(missed)) {
    console.log(`  ${rule}: ${list.length}/${total('tp', rule)}  ${list.map((r) => r.id.split(':').pop() + (r.placeholderHint ? '*' : '')).join(' ')}`);
    if (show) for (const r of list) console.log(`      ${r.id} ${r.variant ?? ''} ${clip(r.text)}`);
  }
  const alarms = fp.filter((r) => hits.has(r));
  console.log(`\nfalse alarms by corpus rule (${alarms.length}):`);
  for (const [rule, list] of group(alarms)) {
    console.log(`  ${rule}: ${list.length}/${total('fp', rule)}  ${list.map((r) => `${r.id.split(':').pop()}→${[...new Set(hits.get(r))].join(',')}`).join(' ')}`);
    if (show) for (const r of list) console.log(`      ${r.id} ${clip(r.text)}`);
  }
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

function treeMode(dir) {
  let source = dir;
  if (!source) {
    const base = mkdtempSync(join(tmpdir(), 'keyguard-bench-tree-'));
    temps.push(base);
    console.log(`installing ${TREE_PACKAGES.join(' ')} into a temporary folder…`);
    writeFileSync(join(base, 'package.json'), '{"name":"bench-tree","private":true}');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...TREE_PACKAGES], {
      cwd: base,
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      console.error('bench: npm install failed; pass an existing folder with --tree DIR');
      process.exit(2);
    }
    source = join(base, 'node_modules');
  }
  if (!existsSync(source)) {
    console.error(`bench: ${source} does not exist`);
    process.exit(2);
  }
  const repo = tempRepo();
  cpSync(source, join(repo.dir, 'tree'), { recursive: true, dereference: false });
  // Some packages ship a .gitignore or .git folder; neither may hide files from the measurement.
  repo.git('add', '-A', '-f');
  const { bytes, files } = dirBytes(join(repo.dir, 'tree'));
  const { findings, ms } = repo.check();
  const mb = bytes / (1 << 20);
  console.log(`tree: ${source}`);
  console.log(`scanned ${files} files, ${mb.toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s: ${findings.length} findings = ${(findings.length / mb).toFixed(3)} per MB`);
  const byRule = new Map();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  for (const [rule, n] of [...byRule.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${rule}: ${n}`);
  for (const f of findings) console.log(`    ${f.path}:${f.line}:${f.column}  ${f.rule}  ${f.redacted}`);
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

if (treeAt !== -1) {
  const dir = args[treeAt + 1] && !args[treeAt + 1].startsWith('--') ? resolve(args[treeAt + 1]) : undefined;
  treeMode(dir);
} else {
  corpusMode(resolve(positional[0] ?? DEFAULT_CORPUS));
}
await adversarialTiming();
