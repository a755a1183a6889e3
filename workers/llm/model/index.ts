import type { Infra } from '../../../shared/infra.js';
import { offlineModel } from './offline.js';
import { openAiModel } from './openai.js';
import type { ChatModel } from './types.js';
import { perInfra } from '../../../shared/per-infra.js';

/** The process's model client: the OpenAI SDK when a key is set, else the offline stand-in. */
export const modelFor = perInfra((infra): ChatModel => {
  const model = infra.config.OPENAI_API_KEY ? openAiModel(infra.config) : offlineModel();
  if (model.mode === 'offline') infra.log.warn('OPENAI_API_KEY is not set: the llm pool answers with its labelled offline stand-in');
  return model;
});

export const modelNameFor = (infra: Infra, plan: 'free' | 'pro'): string =>
  plan === 'pro' ? infra.config.LLM_MODEL_PRO : infra.config.LLM_MODEL_FREE;
