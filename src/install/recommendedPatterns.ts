/**
 * The .gitignore patterns `--fix-gitignore` recommends: the secret files keyguard's path rules know.
 * Each carries sample paths, at the top and in a subfolder, that it must ignore: a pattern is already
 * covered when the existing .gitignore ignores all of its samples (asked of `ignore`, the way git
 * reads the file, rather than by comparing strings).
 * `*.pem` is left out on purpose: most .pem files in repositories are public certificates.
 */
export interface RecommendedPattern {
  pattern: string;
  samples: string[];
  /**
   * Kept out of new commits, yet a tracked one is not reported as a secret file by its name alone:
   * many projects commit an .envrc that only runs direnv's commands (`use flake`, `dotenv`); the
   * check's path rule reads its content and blocks one that exports values.
   */
  byContent?: boolean;
}

const everywhere = (pattern: string, ...names: string[]): RecommendedPattern => ({
  pattern,
  samples: names.flatMap((n) => [n, `app/${n}`]),
});

export const SECRET_PATTERNS: RecommendedPattern[] = [
  everywhere('.env', '.env'),
  everywhere('.env.*', '.env.local', '.env.production'),
  // `prod.env`, `docker.env`: the same format under a name of its own (the path rule's `*.env`).
  everywhere('*.env', 'prod.env', 'docker.env'),
  // direnv's file: it holds what a .env holds when it exports values.
  { ...everywhere('.envrc', '.envrc'), byContent: true },
  everywhere('*.key', 'server.key'),
  { pattern: 'config/secrets.json', samples: ['config/secrets.json'] },
  { pattern: '**/private/*.json', samples: ['private/service.json', 'app/private/service.json'] },
  everywhere('id_rsa', 'id_rsa'),
  everywhere('id_dsa', 'id_dsa'),
  everywhere('id_ecdsa', 'id_ecdsa'),
  everywhere('id_ed25519', 'id_ed25519'),
  everywhere('*.ppk', 'server.ppk'),
  everywhere('*.p12', 'cert.p12'),
  everywhere('*.pfx', 'cert.pfx'),
  everywhere('*.jks', 'release.jks'),
  everywhere('*.keystore', 'release.keystore'),
  everywhere('.git-credentials', '.git-credentials'),
  everywhere('.netrc', '.netrc'),
  everywhere('.pgpass', '.pgpass'),
  everywhere('**/.aws/credentials', '.aws/credentials'),
  everywhere('*.tfstate', 'terraform.tfstate'),
  everywhere('*.tfstate.backup', 'terraform.tfstate.backup'),
  everywhere('*.tfvars', 'prod.tfvars'),
];

/** Templates that must stay committable: their negation goes after the patterns that would ignore them. */
export const TEMPLATE_NEGATIONS: RecommendedPattern[] = [
  everywhere('!.env.example', '.env.example'),
  everywhere('!.env.sample', '.env.sample'),
  everywhere('!.env.template', '.env.template'),
  // Templates named the other way round (`example.env`, `docker.example.env`), as the path rule allows them.
  everywhere('!*example.env', 'example.env', 'docker.example.env'),
  everywhere('!*sample.env', 'sample.env', 'docker.sample.env'),
  everywhere('!*template.env', 'template.env', 'docker.template.env'),
  everywhere('!*.example.tfvars', 'prod.example.tfvars'),
];
