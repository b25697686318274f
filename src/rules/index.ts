import type { ContentRule, PathRule } from './types.js';
import { aiRules } from './providers/ai.js';
import { cloudRules } from './providers/cloud.js';
import { sourceHostRules } from './providers/sourceHosts.js';
import { paymentRules } from './providers/payments.js';
import { messagingRules } from './providers/messaging.js';
import { observabilityRules } from './providers/observability.js';
import { dataRules } from './providers/data.js';
import { registryRules } from './providers/registries.js';
import { identityRules } from './providers/identity.js';
import { miscRules } from './providers/misc.js';
import { namedDevRules } from './providers/namedDev.js';
import { namedSaasRules } from './providers/namedSaas.js';
import { namedWebApiRules } from './providers/namedWebApis.js';
import { namedMoreRules } from './providers/namedMore.js';
import { privateKeyRules } from './privateKeys.js';
import { connectionStringRules } from './connectionStrings.js';
import { manifestRules } from './manifests.js';
import { genericRules } from './generic.js';
import { credentialGrammarRules } from './credentialGrammar.js';
import { secretFileRules } from './secretFiles.js';

/** Rules for keys whose provider gives them a recognisable shape. */
export const providerRules: ContentRule[] = [
  ...aiRules,
  ...cloudRules,
  ...sourceHostRules,
  ...paymentRules,
  ...messagingRules,
  ...observabilityRules,
  ...dataRules,
  ...registryRules,
  ...identityRules,
  ...miscRules,
  // Keys without a shape of their own, known by the provider's name before them.
  ...namedDevRules,
  ...namedSaasRules,
  ...namedWebApiRules,
  ...namedMoreRules,
  ...privateKeyRules,
  ...manifestRules,
];

/** Every built-in content rule, provider rules first: they name a key better than generic ones. */
export const builtinContentRules: ContentRule[] = [...providerRules, ...connectionStringRules, ...credentialGrammarRules, ...genericRules];
export const builtinPathRules: PathRule[] = secretFileRules;
