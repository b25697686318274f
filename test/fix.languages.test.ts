/**
 * keyguard fix on real repositories, one per language: a staged file with a key is refused by the
 * installed pre-commit hook; `keyguard fix` moves the key to .env and rewrites the line; the
 * commit then goes through the same hook, the committed code reads the variable, .env holds the
 * value and is ignored and untracked, .env.example holds a placeholder, and where this machine
 * can run the program, it still runs and sees the variable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, ROOT, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { have, readDotenv, repoWithHook, runIn, tryCommit } from './helpers/fixRepo.js';

afterAll(cleanupRepos);

const goCache = mkdtempSync(join(tmpdir(), 'keyguard-gocache-'));

interface Run {
  cmd: string;
  args: string[];
  /** Prints "set" with .env's variables, and this without them (null: the program fails without them). */
  unset: 'unset' | null;
  env?: Record<string, string>;
}

interface Case {
  lang: string;
  path: string;
  key: string;
  source: (key: string) => string;
  name: string;
  /** The rewritten line, as committed. */
  reads: string;
  files?: Record<string, string>;
  run?: Run;
  note?: RegExp;
}

const cases: Case[] = [
  {
    lang: 'JavaScript',
    path: 'app.js',
    key: keys.openai(),
    source: (k) => `const apiKey = "${k}";\nconsole.log(apiKey ? "set" : "unset");\n`,
    name: 'OPENAI_API_KEY',
    reads: 'const apiKey = process.env.OPENAI_API_KEY;',
    run: { cmd: process.execPath, args: ['app.js'], unset: 'unset' },
  },
  {
    lang: 'TypeScript',
    path: 'src/billing.ts',
    key: keys.stripe(),
    source: (k) => `function connect(secretKey: string): string {\n  return secretKey;\n}\nexport const stripe = connect('${k}');\nconsole.log(stripe ? 'set' : 'unset');\n`,
    name: 'STRIPE_SECRET_KEY',
    reads: 'export const stripe = connect(process.env.STRIPE_SECRET_KEY!);',
    // tsc emits CommonJS here; say so, whatever a package.json above the test folder says.
    files: { 'package.json': '{ "type": "commonjs" }\n' },
    // Still compiles under --strict (the value was a string), then runs.
    run: {
      cmd: 'sh',
      args: ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'node_modules/typescript/bin/tsc'))} --strict --types node --typeRoots ${JSON.stringify(join(ROOT, 'node_modules/@types'))} --outDir out src/billing.ts && set -a && { [ ! -f .env ] || . ./.env; } && set +a && ${JSON.stringify(process.execPath)} out/billing.js`],
      unset: 'unset',
    },
  },
  {
    lang: 'JavaScript in a Vite project',
    path: 'web/src/main.js',
    key: keys.openai(),
    files: { 'web/package.json': '{ "name": "web", "devDependencies": { "vite": "^5.0.0" } }\n' },
    source: (k) => `const openaiKey = '${k}';\nexport default openaiKey;\n`,
    name: 'VITE_OPENAI_API_KEY',
    reads: 'const openaiKey = import.meta.env.VITE_OPENAI_API_KEY;',
    note: /browser bundle/,
  },
  {
    lang: 'Python',
    path: 'main.py',
    key: keys.openai(),
    source: (k) => `"""The app."""\nfrom __future__ import annotations\n\nOPENAI_API_KEY = "${k}"\nprint("set" if OPENAI_API_KEY else "unset")\n`,
    name: 'OPENAI_API_KEY',
    reads: 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]',
    run: { cmd: 'python3', args: ['main.py'], unset: null },
  },
  {
    lang: 'Go',
    path: 'main.go',
    key: keys.github(),
    source: (k) =>
      `package main\n\nimport "fmt"\n\nvar githubToken = "${k}"\n\nfunc main() {\n\tif githubToken != "" {\n\t\tfmt.Println("set")\n\t} else {\n\t\tfmt.Println("unset")\n\t}\n}\n`,
    name: 'GITHUB_TOKEN',
    reads: 'var githubToken = os.Getenv("GITHUB_TOKEN")',
    run: { cmd: 'go', args: ['run', 'main.go'], unset: 'unset', env: { GOCACHE: goCache, GO111MODULE: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local' } },
  },
  {
    lang: 'Ruby',
    path: 'app.rb',
    key: keys.openai(),
    source: (k) => `api_key = '${k}'\nputs(api_key ? "set" : "unset")\n`,
    name: 'OPENAI_API_KEY',
    reads: 'api_key = ENV.fetch("OPENAI_API_KEY")',
    run: { cmd: 'ruby', args: ['app.rb'], unset: null },
  },
  {
    lang: 'PHP',
    path: 'config.php',
    key: keys.stripe(),
    source: (k) => `<?php\n$stripeKey = '${k}';\n`,
    name: 'STRIPE_SECRET_KEY',
    reads: "$stripeKey = getenv('STRIPE_SECRET_KEY');",
  },
  {
    lang: 'Java',
    path: 'Main.java',
    key: keys.aws(),
    source: (k) =>
      `public class Main {\n    static final String AWS_KEY = "${k}";\n\n    public static void main(String[] args) {\n        System.out.println(AWS_KEY != null ? "set" : "unset");\n    }\n}\n`,
    name: 'AWS_ACCESS_KEY_ID',
    reads: '    static final String AWS_KEY = System.getenv("AWS_ACCESS_KEY_ID");',
    run: { cmd: 'java', args: ['Main.java'], unset: 'unset' },
  },
  {
    lang: 'Kotlin',
    path: 'src/main/kotlin/Config.kt',
    key: keys.github(),
    source: (k) => `object Config {\n    val token = "${k}"\n}\n`,
    name: 'GITHUB_TOKEN',
    reads: '    val token = System.getenv("GITHUB_TOKEN")',
  },
  {
    lang: 'shell',
    path: 'deploy.sh',
    key: keys.github(),
    source: (k) => `#!/bin/sh\nTOKEN="${k}"\nif [ -n "$TOKEN" ]; then echo set; else echo unset; fi\n`,
    name: 'GITHUB_TOKEN',
    reads: 'TOKEN="${GITHUB_TOKEN}"',
    run: { cmd: 'sh', args: ['-c', 'set -a; [ -f .env ] && . ./.env; set +a; sh deploy.sh'], unset: 'unset' },
  },
  {
    lang: 'Dockerfile',
    path: 'Dockerfile',
    key: keys.openai(),
    source: (k) => `FROM node:20\nENV OPENAI_API_KEY=${k}\nCMD ["node", "app.js"]\n`,
    name: 'OPENAI_API_KEY',
    reads: 'ARG OPENAI_API_KEY\nENV OPENAI_API_KEY=${OPENAI_API_KEY}',
    note: /--build-arg/,
  },
  {
    lang: 'docker compose',
    path: 'docker-compose.yml',
    key: keys.stripe(),
    source: (k) => `services:\n  app:\n    image: node:20\n    environment:\n      STRIPE_SECRET_KEY: ${k}\n`,
    name: 'STRIPE_SECRET_KEY',
    reads: '      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}',
  },
  {
    lang: 'GitHub Actions',
    path: '.github/workflows/ci.yml',
    key: keys.openai(),
    source: (k) => `name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: "${k}"\n    steps:\n      - run: npm test\n`,
    name: 'OPENAI_API_KEY',
    reads: '      OPENAI_API_KEY: "${{ secrets.OPENAI_API_KEY }}"',
    note: /gh secret set/,
  },
];

/** Go and Ruby come from Debian (.ci/run installs them); outside CI a machine without them skips those runs. */
function canRun(cmd: string): boolean {
  if (cmd === process.execPath || cmd === 'sh') return true;
  if (have(cmd)) return true;
  if (process.env.CI) throw new Error(`${cmd} is not installed: .ci/run must install it`);
  return false;
}

describe.each(cases)('keyguard fix: $lang', (c) => {
  let repo: TestRepo;
  let fix: { code: number; stdout: string; stderr: string };
  const envDir = c.files && Object.keys(c.files)[0].includes('/') ? Object.keys(c.files)[0].slice(0, Object.keys(c.files)[0].lastIndexOf('/')) + '/' : '';

  it('the hook blocks the commit, fix moves the key, the same hook lets it through', () => {
    repo = repoWithHook();
    for (const [p, content] of Object.entries(c.files ?? {})) repo.write(p, content);
    repo.write(c.path, c.source(c.key));
    repo.git(['add', '-A']);
    const blocked = tryCommit(repo);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('commit blocked');

    fix = repo.keyguard(['fix']);
    expect(fix.stderr).toBe('');
    expect(fix.code, fix.stdout).toBe(0);
    const ok = tryCommit(repo);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  });

  it('the committed code reads the variable and holds no key', () => {
    const committed = repo.git(['show', `HEAD:${c.path}`]).stdout;
    expect(committed).toContain(c.reads);
    expect(committed).not.toContain(c.key);
    expect(repo.read(c.path)).toBe(committed);
  });

  it('.env holds the value, is ignored and untracked; .env.example holds a placeholder', () => {
    const env = readDotenv(repo.read(`${envDir}.env`));
    expect(env[c.name]).toBe(c.key);
    expect(repo.git(['check-ignore', '-q', `${envDir}.env`], { allowFail: true }).code).toBe(0);
    expect(repo.git(['ls-files', '--', `${envDir}.env`]).stdout).toBe('');
    const example = repo.git(['show', `HEAD:${envDir}.env.example`]).stdout;
    expect(example).toMatch(new RegExp(`^${c.name}=your-[a-z-]+-here$`, 'm'));
    expect(example).not.toContain(c.key);
  });

  it('prints no secret, and says what the user still has to do', () => {
    expect(fix.stdout + fix.stderr).not.toContain(c.key);
    expect(fix.stdout).toContain(c.path);
    if (c.note) expect(fix.stdout).toMatch(c.note);
  });

  if (c.run) {
    const run = c.run;
    it(`the program still runs and reads ${c.name} (${run.cmd === process.execPath ? 'node' : run.cmd})`, () => {
      if (!canRun(run.cmd)) return;
      const env = readDotenv(repo.read(`${envDir}.env`));
      const withEnv = runIn(repo, run.cmd, run.args, { ...run.env, ...(run.cmd === 'sh' ? {} : env) });
      expect(withEnv.stdout.trim(), withEnv.stderr).toBe('set');
      const without = runIn(repo, 'sh', ['-c', `mv .env .env.off; ${[run.cmd, ...run.args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}; s=$?; mv .env.off .env; exit $s`], { ...run.env });
      if (run.unset) expect(without.stdout.trim(), without.stderr).toBe(run.unset);
      else expect(without.code).not.toBe(0);
    }, 180_000);
  }
});
