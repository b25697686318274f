/**
 * A GitHub Actions `services:` container is started for one job and removed after it: the password
 * its `env:` sets (`SA_PASSWORD: …`, `POSTGRES_PASSWORD: …`) opens a database that exists only inside
 * that job, on the runner, and the job's steps connect with that same value. Credentials a container
 * is *pulled* with (`services.<id>.credentials`) are a registry's and stay reported; so does anything
 * outside a workflow file, and any other value in it.
 */
const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
/** How far up the file the YAML ancestors are looked for; a job's service block is short. */
const MAX_LINES = 60;
const ENTRY = /^([ \t]+)[\w-]+:[ \t]*(["']?)([^\s"'#]{1,200})\2[ \t]*(?:#.*)?\r?$/gm;

/** Values the workflow's service containers are started with; empty for any other file. */
export function ciServiceSecrets(path: string, text: string): Set<string> {
  const values = new Set<string>();
  if (!WORKFLOW.test(path)) return values;
  for (const m of text.matchAll(ENTRY)) if (inServiceEnv(text, m.index, m[1].length)) values.add(m[3]);
  return values;
}

/** Whether the entry at `start` (indented `indent`) sits in `services: <id>: env:`. */
function inServiceEnv(text: string, start: number, indent: number): boolean {
  const ancestors: string[] = [];
  for (let n = 0; n < MAX_LINES && start > 0 && ancestors.length < 3; n++) {
    const end = start - 1;
    start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const at = line.search(/\S/);
    if (at < 0 || line[at] === '#' || at >= indent) continue;
    indent = at;
    const key = /^\s*([\w-]+):\s*(?:#.*)?\r?$/.exec(line)?.[1];
    if (key === undefined) return false;
    ancestors.push(key);
  }
  return ancestors[0] === 'env' && ancestors[2] === 'services';
}
