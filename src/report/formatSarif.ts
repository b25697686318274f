import type { Finding } from '../detect/finding.js';
import type { Config } from '../config/types.js';

declare const __VERSION__: string;

/** What SARIF's rule list needs to know about a rule (content and path rules alike). */
export interface SarifRule {
  id: string;
  description: string;
  /** The rule's fix line; `{path}` stands for the file's path. */
  fix: string;
  kind: 'file' | 'content';
}

const HELP_TAIL =
  'If the secret was ever pushed, rotate it: removing it in a later commit does not remove it from history. ' +
  'A false positive: add `keyguard:allow` in a comment on that line, or accept it with `keyguard baseline`.';

/**
 * SARIF 2.1.0, as GitHub code scanning takes it: every enabled rule with descriptions and help,
 * one result per finding with a repository-relative location and a fingerprint that survives
 * line moves. Messages hold the redacted value only, never the secret.
 */
export function formatSarif(findings: Finding[], rules: SarifRule[]): string {
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  // Rules found but not configured (none today) still get an entry, so every ruleIndex is valid.
  const all = new Map(rules.map((r) => [r.id, r]));
  for (const f of findings) if (!all.has(f.rule)) all.set(f.rule, { id: f.rule, description: f.description, fix: f.fix, kind: f.kind });
  const list = [...all.values()];
  const index = new Map(list.map((r, i) => [r.id, i]));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyguard',
            version,
            semanticVersion: version,
            rules: list.map(toRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => toResult(f, index.get(f.rule)!)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toRule(r: SarifRule) {
  const fix = r.fix.replaceAll('{path}', 'PATH');
  const full =
    r.kind === 'file'
      ? `${r.description}: a file that holds secrets by its name was committed to the repository.`
      : `${r.description}: a value with this key's shape was committed to the repository.`;
  return {
    id: r.id,
    name: toPascal(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: full },
    help: {
      text: `Fix: ${fix}. ${HELP_TAIL}`,
      markdown: `**Fix:** ${fix}.\n\n${HELP_TAIL}`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'secret'], precision: 'high', 'security-severity': '8.0' },
  };
}

function toResult(f: Finding, ruleIndex: number) {
  const commit = f.commit ? ` (commit ${f.commit.sha.slice(0, 12)})` : '';
  const what = f.kind === 'file' ? `${f.description}${commit}` : `${f.description} ${f.redacted} (redacted)${commit}`;
  // File-level findings point at the file's first line: code scanning needs a region to show.
  const region = f.kind === 'file' || f.line < 1
    ? { startLine: 1 }
    : { startLine: f.line, startColumn: Math.max(1, f.column), ...(f.secret ? { endColumn: Math.max(1, f.column) + f.secret.length } : {}) };
  return {
    ruleId: f.rule,
    ruleIndex,
    level: 'error',
    message: { text: `${what}. Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.path), uriBaseId: '%SRCROOT%' },
          region,
        },
      },
    ],
    partialFingerprints: { 'keyguardFingerprint/v1': f.fingerprint },
    ...(f.commit ? { properties: { commit: f.commit.sha, author: f.commit.author, date: f.commit.date } } : {}),
  };
}

/** A repository-relative path as a relative URI reference: each segment percent-encoded. */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toPascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** Every enabled rule, content and path, for the SARIF rule list. */
export function sarifRules(config: Config): SarifRule[] {
  const off = new Set(config.disable);
  return [
    ...config.contentRules.filter((r) => !off.has(r.id)).map((r) => ({ id: r.id, description: r.description, fix: r.fix, kind: 'content' as const })),
    ...config.pathRules.filter((r) => !off.has(r.id)).map((r) => ({ id: r.id, description: r.description, fix: r.fix, kind: 'file' as const })),
  ];
}
