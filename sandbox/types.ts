// Record shapes the sandbox stores and returns, one block per vendor, plus the vendor names shared by every module.

export const VENDORS = ['smartlead', 'smashsend', 'smarte'] as const;
export type Vendor = (typeof VENDORS)[number];

// ---- SmartLead (snake_case, misspellings are the real field names) ----

export interface SmartleadClient {
  id: number;
  name: string;
  email: string;
  uuid: string;
  created_at: string;
  user_id: number;
  logo: string | null;
  logo_url: string | null;
  client_permision: { permission: string[]; retricted_category: string[] };
}

export type SmartleadKeyStatus = 'active' | 'inactive';

export interface SmartleadClientApiKey {
  id: number;
  client_id: number;
  key_name: string;
  api_key: string;
  status: SmartleadKeyStatus;
  created_at: string;
}

// ---- SMASHSEND ----

export const SMASHSEND_ROLES = ['EDITOR', 'VIEWER', 'API_USER'] as const;
export type SmashsendRole = (typeof SMASHSEND_ROLES)[number];

export interface SmashsendUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  workspaceId: string;
}

/** A stored key: `secretKey` is the full secret; responses truncate it except on create. */
export interface SmashsendApiKeyRecord {
  id: string;
  displayName: string;
  role: SmashsendRole;
  status: 'ACTIVE' | 'ARCHIVED';
  secretKey: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
}

// ---- SMARTe signals ----

export interface SmarteKey {
  keyId: string;
  email: string;
  role: 'admin' | 'standard';
  status: 'active' | 'suspended';
  apiKey: string;
}
