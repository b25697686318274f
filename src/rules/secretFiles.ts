import type { PathRule } from './types.js';

const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/;

/** Files that hold secrets by their very name. Globs are matched with dotfiles on, ignoring case. */
export const secretFileRules: PathRule[] = [
  {
    id: 'env-file',
    description: 'secret file (.env files hold credentials)',
    globs: [
      '**/.env', '**/.env.*',
      // `prod.env`, `docker.env`: the same format under a name of its own. Code files end in their
      // language's extension (`vite.env.d.ts`), never in `.env`, so `*.env` alone names env files.
      '**/*.env',
      // Editor and hand-made backups keep every value of the original.
      '**/.env~', '**/*.env~', '**/*.env.bak', '**/*.env.backup', '**/*.env.old', '**/*.env.orig', '**/*.env.save', '**/*.env.swp',
    ],
    except: [
      '**/.env.example', '**/.env.sample', '**/.env.template', '**/.env.*.example', '**/.env.*.sample', '**/.env.*.template', '**/*.example.*',
      '**/example.env', '**/sample.env', '**/template.env', '**/*.example.env', '**/*.sample.env', '**/*.template.env',
    ],
    fix: 'git rm --cached {path}, add it to .gitignore, and commit a .env.example with placeholders instead',
  },
  {
    id: 'direnv-file',
    description: 'direnv .envrc exporting values (it holds what a .env file holds)',
    globs: ['**/.envrc', '**/.envrc.*'],
    except: ['**/.envrc.example', '**/.envrc.sample', '**/.envrc.template'],
    // Many projects commit an .envrc that only runs direnv's commands (`use flake`, `dotenv`,
    // `layout python`): that is code. One that exports a literal value holds settings.
    contentPattern: /^[ \t]*export[ \t]+[A-Za-z_][A-Za-z0-9_]{0,100}=(?![ \t]*(?:$|["']?\$))/m,
    fix: 'git rm --cached {path}, add it to .gitignore, and keep the values in a .env that `dotenv` in .envrc loads (also ignored)',
  },
  {
    id: 'private-key-file',
    description: 'private key file',
    globs: ['**/*.key', '**/id_rsa', '**/id_dsa', '**/id_ecdsa', '**/id_ed25519', '**/id_ecdsa_sk', '**/id_ed25519_sk', '**/*.ppk', '**/*.p12', '**/*.pfx', '**/*.jks', '**/*.keystore', '**/*.p8'],
    fix: 'git rm --cached {path}, keep the key outside the repository, and generate a new one',
  },
  {
    id: 'pem-private-key-file',
    description: 'PEM file holding a private key',
    globs: ['**/*.pem'],
    contentPattern: PRIVATE_KEY_BLOCK,
    fix: 'git rm --cached {path}, keep the key outside the repository, and generate a new one',
  },
  {
    id: 'secrets-config-file',
    description: 'secrets configuration file',
    globs: ['config/secrets.json', '**/config/secrets.json', '**/private/*.json', '**/secrets.yml', '**/secrets.yaml', '**/.secrets', '**/credentials.json', '**/master.key'],
    fix: 'git rm --cached {path}, add it to .gitignore, and load it from outside the repository',
  },
  {
    id: 'cloud-credentials-file',
    description: 'cloud or registry credentials file',
    globs: ['**/.aws/credentials', '**/.git-credentials', '**/.netrc', '**/_netrc', '**/.pgpass', '**/.htpasswd', '**/.docker/config.json', '**/.kube/config', '**/gcloud/credentials.db', '**/gcloud/application_default_credentials.json'],
    fix: 'git rm --cached {path} and rotate the credentials it holds',
  },
  {
    id: 'terraform-state',
    description: 'Terraform state (holds resource secrets in plain text)',
    globs: ['**/*.tfstate', '**/*.tfstate.backup', '**/*.tfvars'],
    except: ['**/*.example.tfvars'],
    fix: 'git rm --cached {path}; keep state in a remote backend',
  },
];
