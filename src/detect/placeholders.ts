/**
 * Values that only look like secrets: documentation examples, template slots, masks.
 * A placeholder never blocks a commit, whichever rule matched it.
 */
const PLACEHOLDER_WORDS =
  /example|placeholder|your[_-]?|changeme|change[_-]me|dummy|redacted|replace[_-]?(?:me|with)|insert[_-]|xxxx|\*\*\*\*|\.\.\.|…|<[^>]*>|\$\{|\{\{|%\(|\$\(/i;

/** A character repeated six times in a row never happens in a random key of any real length. */
const RUN_OF_SAME = /(.)\1{5}/;

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', '9876543210'];

function hasLongSequence(value: string, min = 6): boolean {
  const lower = value.toLowerCase();
  for (const seq of SEQUENCES) {
    for (let i = 0; i + min <= seq.length; i++) {
      if (lower.includes(seq.slice(i, i + min))) return true;
    }
  }
  return false;
}

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (RUN_OF_SAME.test(value)) return true;
  if (hasLongSequence(value)) return true;
  const distinct = new Set(value).size;
  return value.length >= 8 && distinct <= 3;
}
