/** Shannon entropy in bits per character: how unpredictable a value's characters are. */
export function shannonEntropy(value: string): number {
  const len = value.length;
  if (len === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / len;
    bits -= p * Math.log2(p);
  }
  return bits;
}
