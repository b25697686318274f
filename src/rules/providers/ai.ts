import type { ContentRule } from '../types.js';
import { L, R, keyed, re } from '../shapes.js';

/** AI model providers. */
export const aiRules: ContentRule[] = [
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    pattern: re`${L}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})${R}`,
    keywords: ['sk-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (process.env.OPENAI_API_KEY); rotate it at platform.openai.com/api-keys',
  },
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API key',
    pattern: re`${L}sk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{80,120}AA${R}`,
    keywords: ['sk-ant-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (process.env.ANTHROPIC_API_KEY); rotate it at console.anthropic.com/settings/keys',
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face access token',
    pattern: re`${L}(?:hf_|api_org_)[A-Za-z]{34}${R}`,
    keywords: ['hf_', 'api_org_'],
    minEntropy: 3.5,
    fix: 'read it from the environment (HF_TOKEN); revoke it at huggingface.co/settings/tokens',
  },
  {
    id: 'replicate-api-token',
    description: 'Replicate API token',
    pattern: re`${L}r8_[A-Za-z0-9]{37}${R}`,
    keywords: ['r8_'],
    minEntropy: 3.5,
    fix: 'read it from the environment (REPLICATE_API_TOKEN); revoke it at replicate.com/account/api-tokens',
  },
  {
    id: 'groq-api-key',
    description: 'Groq API key',
    pattern: re`${L}gsk_[A-Za-z0-9]{52}${R}`,
    keywords: ['gsk_'],
    minEntropy: 3.5,
    fix: 'read it from the environment (GROQ_API_KEY); revoke it at console.groq.com/keys',
  },
  {
    id: 'perplexity-api-key',
    description: 'Perplexity API key',
    pattern: re`${L}pplx-[A-Za-z0-9]{48}${R}`,
    keywords: ['pplx-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (PERPLEXITY_API_KEY); revoke it in the Perplexity API settings',
  },
  {
    id: 'xai-api-key',
    description: 'xAI API key',
    pattern: re`${L}xai-[A-Za-z0-9]{80}${R}`,
    keywords: ['xai-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (XAI_API_KEY); revoke it at console.x.ai',
  },
  {
    id: 'cohere-api-key',
    description: 'Cohere API key',
    pattern: keyed('cohere|co_api', '[a-z0-9]{40}'),
    keywords: ['cohere', 'co_api'],
    minEntropy: 3.5,
    fix: 'read it from the environment (CO_API_KEY); revoke it at dashboard.cohere.com/api-keys',
  },
];
