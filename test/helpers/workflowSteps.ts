/**
 * The `run: |` steps of a workflow or composite action, by name, as the runner executes them.
 * A line-based reader for the files keyguard itself writes (block scalars, two-space indents),
 * not a YAML parser: a step it cannot read fails the test.
 */
export function runSteps(yaml: string): { name: string; script: string }[] {
  const lines = yaml.split('\n');
  const steps: { name: string; script: string }[] = [];
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const named = /^\s*- name: (.+)$/.exec(lines[i]);
    if (named) name = named[1].trim();
    if (!/^\s*run: \|$/.test(lines[i])) continue;
    const indent = lines[i + 1].length - lines[i + 1].trimStart().length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.trim() !== '' && l.length - l.trimStart().length < indent) break;
      body.push(l.slice(indent));
    }
    steps.push({ name, script: body.join('\n').trimEnd() + '\n' });
    i = j - 1;
  }
  return steps;
}

export function step(yaml: string, name: string): string {
  const s = runSteps(yaml).find((x) => x.name.startsWith(name));
  if (!s) throw new Error(`no step named "${name}"`);
  return s.script;
}

/** `KEY=value` lines, as the runner reads $GITHUB_OUTPUT and $GITHUB_ENV. */
export function readKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}
