/**
 * Inline allow comments. keyguard's own, plus the ones teams already wrote for other scanners,
 * so migrating does not mean editing every allowed line.
 */
const ALLOW_MARKER = /keyguard:allow|gitleaks:allow|pragma:\s?allowlist[ -]secret/;

export function hasAllowMarker(line: string): boolean {
  return ALLOW_MARKER.test(line);
}
