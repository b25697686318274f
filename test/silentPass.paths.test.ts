/**
 * Issue 11, item 8: files that hold secrets by their name, under the names people and tools really
 * give them, are stopped at commit by the hook `keyguard init` installs; templates and code are not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos } from './helpers/repo.js';
import { commitThroughHook, initRepo } from './helpers/hook.js';

afterAll(cleanupRepos);

/** Commits each file alone through the hook; the paths the hook refused. */
function refused(paths: string[], content = 'DEBUG=1\n'): string[] {
  const { repo, env } = initRepo();
  const out: string[] = [];
  for (const path of paths) {
    const r = commitThroughHook(repo, env, { [path]: content }, `add ${path}`);
    if (r.code !== 0) {
      expect(r.stdout + r.stderr, path).toContain(path);
      out.push(path);
      repo.git(['rm', '-q', '--cached', '--', path]);
    }
  }
  return out;
}

describe('secret files by name', { timeout: 120_000 }, () => {
  it('env files under other names, direnv and backups are stopped', () => {
    const names = ['prod.env', 'deploy/docker.env', '.env~', 'config/.env~', 'prod.env.bak', 'prod.env~', 'app/.env.local', 'app/staging.env.old'];
    expect(refused(names)).toEqual(names);
  });

  it("direnv's .envrc is stopped when it exports values, not when it only runs direnv commands", () => {
    // Values built here, so this file holds no assignment of a token-like literal.
    const exports = ['export API_URL=https://api.internal', `export API_${'TOKEN'}="${['t0k3n', 'value'].join('-')}"`, ''].join('\n');
    expect(refused(['.envrc', 'svc/.envrc', '.envrc.local'], exports)).toEqual(['.envrc', 'svc/.envrc', '.envrc.local']);
    expect(refused(['.envrc', 'svc/.envrc'], 'use flake\ndotenv\nexport PATH="$PWD/bin:$PATH"\nexport NODE_ENV=\n')).toEqual([]);
    expect(refused(['.envrc.example'], 'export API_TOKEN=changeme\n')).toEqual([]);
  });

  it('names are matched whatever their case', () => {
    const names = ['.ENV', 'config/.Env.Production', 'SERVER.KEY', 'deploy/ID_RSA', 'keys/Id_Ed25519', 'certs/CLIENT.P12', 'PROD.ENV', 'infra/Terraform.TFSTATE', '.AWS/CREDENTIALS'];
    expect(refused(names)).toEqual(names);
    // A PEM file is still judged by its content, whatever its name's case.
    expect(refused(['certs/CA.PEM'], '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).toEqual([]);
  });

  it('templates and code files named after env pass', () => {
    const names = ['.env.example', '.ENV.EXAMPLE', 'Example.env', 'example.env', 'config/sample.env', 'prod.example.env', '.envrc.example', 'src/vite-env.d.ts', 'src/env.ts', 'src/process.env.d.ts', 'config/env.js', 'docs/env.md'];
    expect(refused(names)).toEqual([]);
  });
});
