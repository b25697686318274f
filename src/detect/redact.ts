/**
 * The only form in which a secret is ever shown: a few leading characters and an ellipsis.
 * At most a quarter of the value (and never more than 12 characters) is revealed, so the
 * rest stays unguessable while a person can still recognise which key it is.
 */
export function redact(secret: string): string {
  const shown = Math.min(12, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…`;
}
