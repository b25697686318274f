// The hook scripts in hooks/ are bundled as text (scripts/build.mjs): one copy, read by init.
declare module '*/hooks/pre-commit' {
  const text: string;
  export default text;
}
declare module '*/hooks/pre-merge-commit' {
  const text: string;
  export default text;
}
declare module '*/hooks/pre-push' {
  const text: string;
  export default text;
}
declare module '*/hooks/pre-receive' {
  const text: string;
  export default text;
}
declare module '*/hooks/forward' {
  const text: string;
  export default text;
}
