import type { ContentRule } from '../types.js';
import { L, R, re } from '../shapes.js';

/** Package and container registries. */
export const registryRules: ContentRule[] = [
  {
    id: 'npm-access-token',
    description: 'npm access token',
    pattern: re`${L}npm_[A-Za-z0-9]{36}${R}`,
    keywords: ['npm_'],
    minEntropy: 3.5,
    confirm: 'npm-crc32',
    fix: 'use `${NPM_TOKEN}` in .npmrc and a CI secret; revoke it with `npm token revoke` or at npmjs.com/settings/tokens',
  },
  {
    id: 'npmrc-auth',
    description: 'registry credentials in .npmrc',
    // `_authToken` (any format, including the older UUID tokens), `_auth` (base64 user:password), `_password`.
    // At the start of a line or after the registry's `:` — not `self._password = …` in code.
    pattern: /(?<![^\s:])_(?:authToken|auth|password)\s{0,4}=\s{0,4}["']?(?<secret>[A-Za-z0-9+/=_.-]{16,512})/,
    keywords: ['_auth', '_password'],
    minEntropy: 3,
    fix: 'write `${NPM_TOKEN}` in .npmrc and set the token in CI; revoke it with `npm token revoke` or in the registry',
  },
  {
    id: 'pypi-upload-token',
    description: 'PyPI upload token',
    pattern: re`${L}pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}${R}`,
    keywords: ['pypi-ageichlwas5vcmc'],
    minEntropy: 3.5,
    fix: 'use trusted publishing or a CI secret; remove the token at pypi.org/manage/account/token',
  },
  {
    id: 'rubygems-api-key',
    description: 'RubyGems API key',
    pattern: re`${L}rubygems_[a-f0-9]{48}${R}`,
    keywords: ['rubygems_'],
    minEntropy: 3,
    fix: 'use a CI secret (GEM_HOST_API_KEY); revoke it at rubygems.org/profile/api_keys',
  },
  {
    id: 'nuget-api-key',
    description: 'NuGet API key',
    pattern: re`${L}oy2[a-z0-9]{43}${R}`,
    keywords: ['oy2'],
    minEntropy: 3.5,
    fix: 'use a CI secret; regenerate it at nuget.org/account/apikeys',
  },
  {
    id: 'docker-hub-token',
    description: 'Docker Hub access token',
    pattern: re`${L}dckr_(?:pat|oat)_[\w-]{27,32}${R}`,
    keywords: ['dckr_pat_', 'dckr_oat_'],
    minEntropy: 3.5,
    fix: 'use `docker login` with a CI secret; delete it at app.docker.com/settings/personal-access-tokens',
  },
  {
    id: 'clojars-api-token',
    description: 'Clojars deploy token',
    pattern: re`${L}CLOJARS_[a-z0-9]{60}${R}`,
    keywords: ['clojars_'],
    minEntropy: 3,
    fix: 'use a CI secret; delete it at clojars.org/tokens',
  },
  {
    id: 'sidekiq-credentials',
    description: 'Sidekiq Pro/Enterprise credentials',
    pattern: re`(?:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?\s{0,4}[:=]\s{0,4}["']?(?<secret>[a-f0-9]{8}:[a-f0-9]{8})|https?://(?<secret2>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com)(?![\w])`,
    keywords: ['contribsys'],
    fix: 'set BUNDLE_ENTERPRISE__CONTRIBSYS__COM in the environment of CI only; ask Contributed Systems to rotate the credentials',
  },
  {
    id: 'jfrog-reference-token',
    description: 'JFrog reference token',
    pattern: re`${L}cmVmdGtuOjA[A-Za-z0-9]{50,70}${R}`,
    keywords: ['cmvmdgtu'],
    minEntropy: 3.5,
    fix: 'read it from the environment; revoke it in the JFrog Platform (Administration > User management > Access tokens)',
  },
];
