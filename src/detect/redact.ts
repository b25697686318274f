/**
 * The only form in which a secret is ever shown: a few leading characters and an ellipsis.
 * At most a quarter of the value (and never more than 12 characters) is revealed, so the
 * rest stays unguessable while a person can still recognise which key it is.
 */
export function redact(secret: string): string {
  // A key block's body starts with the line break after its BEGIN line (or a JSON "\n"): the
  // prefix shown is taken from the body's first characters, not from that break.
  const body = secret.replace(/^(?:\s|\\[nr])+/, '');
  const shown = Math.min(12, Math.floor(body.length / 4));
  return `${body.slice(0, shown)}…`;
}
