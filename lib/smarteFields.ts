// How a SMARTe signals API key looks in Zapier: its output fields, samples from the vendor docs, and the masking
// rule. Shared by every SMARTe operation so that a key maps the same way everywhere. SMARTe keys have a `keyId`
// (UUID) but no `id` and no date: outputs add `id` = `keyId` and keep SMARTe's own field names.

import type { PlainOutputField } from 'zapier-platform-core';
import type { SmarteKey, SmarteUpdatedKey } from '@keyring/connector';
import { keyHint } from './secrets';

export const smarteApiKeyOutputFields = [
  { key: 'id', label: 'ID', type: 'string', primary: true },
  { key: 'keyId', label: 'Key ID', type: 'string' },
  { key: 'email', label: 'Email', type: 'string' },
  { key: 'role', label: 'Role', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'apiKey', label: 'API Key', type: 'string' },
] as const satisfies readonly PlainOutputField[];

/** Suspend and reactivate add SMARTe's message: when SMARTe answers without the key record, it is all there is. */
export const smarteKeyChangeOutputFields = [
  ...smarteApiKeyOutputFields,
  { key: 'message', label: 'SMARTe Message', type: 'string' },
] as const satisfies readonly PlainOutputField[];

/** A key as every SMARTe step returns it. */
export interface SmarteApiKeyOutput {
  id: string;
  keyId: string;
  email: string;
  role: string | null;
  status: string;
  apiKey: string | null;
  [vendorField: string]: unknown;
}

/** What suspend and reactivate return: the same fields whether or not SMARTe sent the key record. */
export interface SmarteKeyChangeOutput {
  /** The keyId when SMARTe sent the record, else the email (the only identifier known). */
  id: string;
  keyId: string | null;
  email: string;
  role: string | null;
  status: string;
  apiKey: string | null;
  message: string | null;
  [vendorField: string]: unknown;
}

/** From the docs' view example (the docs' own fake key value, masked as a trigger shows it). */
export const smarteApiKeySample = {
  id: '222c424f-6e56-4ab1-94eb-8a0e41490831',
  keyId: '222c424f-6e56-4ab1-94eb-8a0e41490831',
  email: 'dev.udi_user@smarte.pro',
  role: 'standard',
  status: 'active',
  apiKey: '********3vs=',
} satisfies SmarteApiKeyOutput;

/** A key record as SMARTe sends it, plus id = keyId; apiKey masked unless includeSecret, role and apiKey null when absent. */
export function presentSmarteApiKey(key: SmarteKey, includeSecret: boolean): SmarteApiKeyOutput {
  const apiKey = key.apiKey ?? null;
  return {
    ...key,
    id: key.keyId,
    role: key.role ?? null,
    apiKey: includeSecret ? apiKey : keyHint('SMARTe', apiKey),
  };
}

function isKeyRecord(result: SmarteUpdatedKey): result is SmarteKey & { message?: string } {
  return typeof (result as { keyId?: unknown }).keyId === 'string';
}

/** A suspend/reactivate answer, in one shape whether SMARTe sent the key record or only a message. */
export function presentSmarteKeyChange(result: SmarteUpdatedKey, includeSecret: boolean): SmarteKeyChangeOutput {
  if (isKeyRecord(result)) {
    const { message, ...key } = result;
    return { ...presentSmarteApiKey(key, includeSecret), message: message ?? null };
  }
  return {
    id: result.email,
    keyId: null,
    email: result.email,
    role: null,
    status: result.status,
    apiKey: null,
    message: result.message ?? null,
  };
}

/**
 * The `email` input of the steps that act on one user's key: a dropdown of the organisation's keys (or any email), and
 * search-powered, so that the Zap editor offers to add a Find SMARTe API Key step inline to fill it.
 */
export function smarteKeyEmailField<const H extends string>(helpText: H) {
  return {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: true,
    dynamic: 'smarte_api_key_list.email.email',
    search: 'find_smarte_api_key.email',
    helpText,
  } as const;
}
