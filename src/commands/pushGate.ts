/** What the two push gates (pre-push on a laptop, pre-receive on a server) share. */

/** Said after the findings: removing the key in a new commit does not take it out of the push. */
export const PUSH_ADVICE = `  The secret is in the commits themselves: a new commit removing it does not take it out of
  what is pushed. Rewrite those commits (git commit --amend, or git rebase -i), then push again.`;

/** All of standard input, where git writes the ref lines (streamed: a synchronous read of a pipe can fail with EAGAIN). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
