import type { Language } from './languages.js';

/** What the user still has to do for the program to find the variable, once per language. */
export function languageNote(lang: Language, vite: boolean, envRel: string): string {
  const source = `set -a; . ./${envRel}; set +a`;
  switch (lang) {
    case 'javascript':
    case 'typescript':
      return vite
        ? `Vite reads ${envRel} itself, and puts VITE_ variables into the browser bundle: a secret key belongs on a server`
        : `load ${envRel} at start-up: node --env-file=${envRel} app.js (Node 20.6+), or the dotenv package`;
    case 'python':
      return `load ${envRel} with python-dotenv (load_dotenv()), or export it in the shell: ${source}`;
    case 'compose':
      return `docker compose reads ${envRel} beside the compose file by itself`;
    case 'actions':
      return 'add each variable as a repository secret: gh secret set NAME, or Settings > Secrets and variables > Actions (the value is in .env until then)';
    case 'dockerfile':
      return 'build with --build-arg NAME (its value shows in the image history; for a secret, RUN --mount=type=secret is safer)';
    case 'npmrc':
      return 'npm reads ${NAME} in .npmrc from the environment: export it before npm runs';
    default:
      return `export the variables before the program runs: ${source} (or your framework's .env loader)`;
  }
}
