import { createDetector, type Detector } from '../detect/createDetector.js';
import { builtinContentRules } from '../rules/index.js';

let detect: Detector | undefined;

/**
 * A line from a user's file, fit to print: every secret the detector finds in it is shown only in
 * its redacted form. keyguard prints lines of the files it edits (`init --dry-run` shows the
 * package.json lines it changes), and a script such as `curl -u admin:<password>` is one of them.
 */
export function redactLine(path: string, line: string): string {
  detect ??= createDetector(builtinContentRules);
  const findings = detect({ path, text: line });
  let out = line;
  // From the right, so earlier columns stay where they are.
  for (const f of [...findings].sort((a, b) => b.column - a.column)) {
    const at = f.column - 1;
    if (out.slice(at, at + f.secret.length) !== f.secret) continue;
    out = out.slice(0, at) + f.redacted + out.slice(at + f.secret.length);
  }
  return out;
}
