import type { Infra } from '../../../shared/infra.js';
import { offlineModel } from './offline.js';
import { openAiModel } from './openai.js';
import type { ChatModel } from './types.js';

const models = new WeakMap<Infra, ChatModel>();

/** The process's model client: the OpenAI SDK when a key is set, else the offline stand-in. */
export function modelFor(infra: Infra): ChatModel {
  let model = models.get(infra);
  if (!model) {
    model = infra.config.OPENAI_API_KEY ? openAiModel(infra.config) : offlineModel();
    if (model.mode === 'offline') infra.log.warn('OPENAI_API_KEY is not set: the llm pool answers with its labelled offline stand-in');
    models.set(infra, model);
  }
  return model;
}

export const modelNameFor = (infra: Infra, plan: 'free' | 'pro'): string =>
  plan === 'pro' ? infra.config.LLM_MODEL_PRO : infra.config.LLM_MODEL_FREE;
