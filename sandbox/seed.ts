// Seed data for the vendor sandbox, copied from the samples in shared/api-docs (tests must not read that folder),
// plus the credentials the sandbox accepts. `reset()` restores exactly this state.

import type { SmarteKey, SmartleadClient, SmartleadClientApiKey, SmashsendApiKeyRecord, SmashsendUser } from './types';

const SMASHSEND_WORKSPACE_ID = 'wrk_ENGTK86JEXXckyDVJthKkPer';
const SMASHSEND_OTHER_WORKSPACE_ID = 'wrk_OtherSandboxWorkspace0001';

/** The keys the sandbox accepts. The SMASHSEND and SMARTe ones are themselves key records in the seed. */
export const SANDBOX_CREDENTIALS = {
  /** SmartLead account key, sent as `?api_key=`. */
  smartleadApiKey: 'sandbox_smartlead_key_7f3a9c1e5b2d',
  /** SMASHSEND secret of key `aki_sbxadmin0001` ("Sandbox Admin Key", EDITOR), sent as `Authorization: Bearer`. */
  smashsendApiKey: 'sk_live_sandboxSmashsendAdminKey00000001',
  smashsendWorkspaceId: SMASHSEND_WORKSPACE_ID,
  /**
   * SMASHSEND secret of key `aki_sbxother0001` ("Other Workspace Key", EDITOR) in ANOTHER workspace: it authenticates
   * (`/check`, `/current` with its own workspaceId) but is not in the main workspace's list, and the main keys cannot
   * read its workspace (403). For tests of a key found somewhere that belongs to someone else.
   */
  smashsendOtherWorkspaceApiKey: 'sk_live_otherWorkspaceSandboxKey00000001',
  smashsendOtherWorkspaceId: SMASHSEND_OTHER_WORKSPACE_ID,
  /** SMARTe admin key (record `sandbox.admin@smarte.pro`, role admin), sent as `Api-Key`. */
  smarteApiKey: 'SBXadminSmarteSandboxKey+000000000000000001=',
} as const;

export type SandboxCredentials = typeof SANDBOX_CREDENTIALS;

// ---- SmartLead ----

const noPermissions = (): SmartleadClient['client_permision'] => ({ permission: [], retricted_category: [] });

export const SMARTLEAD_SEED: { clients: SmartleadClient[]; keys: SmartleadClientApiKey[]; nextKeyId: number } = {
  clients: [
    {
      id: 301,
      name: 'Acme Outbound',
      email: 'ops@acme-outbound.example',
      uuid: '5f0c6a2e-8b1d-4c3e-9a7f-2d4b6e8f0a13',
      created_at: '2025-11-20T09:15:00.000Z',
      user_id: 1201,
      logo: null,
      logo_url: null,
      client_permision: noPermissions(),
    },
    {
      id: 302,
      name: 'Globex Growth',
      email: 'growth@globex.example',
      uuid: 'a3b9d2c4-1e5f-4a6b-8c7d-9e0f1a2b3c4d',
      created_at: '2025-11-22T14:40:00.000Z',
      user_id: 1201,
      logo: 'globex.png',
      logo_url: 'https://cdn.example.com/logos/globex.png',
      client_permision: noPermissions(),
    },
    {
      id: 303,
      name: 'Initech Leads',
      email: 'leads@initech.example',
      uuid: 'c7e1f3a5-2b4d-4e6f-a8b0-c2d4e6f8a0b2',
      created_at: '2025-11-25T08:05:00.000Z',
      user_id: 1201,
      logo: null,
      logo_url: null,
      client_permision: noPermissions(),
    },
  ],
  keys: [
    {
      id: 45,
      client_id: 301,
      key_name: 'Production Key',
      api_key: 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s',
      status: 'active',
      created_at: '2025-12-01T10:00:00.000Z',
    },
    {
      id: 46,
      client_id: 301,
      key_name: 'Staging Key',
      api_key: 'cl_live_Lq5Zs8Vb2Nc7Xm4Kp9Rt3Wy6',
      status: 'inactive',
      created_at: '2025-12-02T08:30:00.000Z',
    },
    {
      id: 47,
      client_id: 302,
      key_name: 'zapier_sync-2',
      api_key: 'cl_live_Hg3Jd8Fk1Ls6Qw9Ez4Rx7Tc2',
      status: 'active',
      created_at: '2025-12-03T16:20:00.000Z',
    },
  ],
  nextKeyId: 48,
};

// ---- SMASHSEND ----

/** A SMASHSEND workspace: its owner (what `/v1/users/me` answers for its keys) and its keys. */
export interface SmashsendWorkspaceSeed {
  user: SmashsendUser;
  keys: SmashsendApiKeyRecord[];
}

/** The main workspace (`SANDBOX_CREDENTIALS.smashsendWorkspaceId`): the one the sandbox credential manages. */
export const SMASHSEND_SEED: SmashsendWorkspaceSeed = {
  user: {
    id: 'usr_sbx7Qm2Lk9Pz4',
    email: 'owner@sandbox-smashsend.example',
    firstName: 'Sandra',
    lastName: 'Sender',
    workspaceId: SMASHSEND_WORKSPACE_ID,
  },
  keys: [
    {
      id: 'aki_abc123def456',
      displayName: 'Zapier Integration',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: 'sk_live_abc123Zr8Tq2Wm6Yx4Vn9Kp3Lj7Hd5Fg',
      workspaceId: SMASHSEND_WORKSPACE_ID,
      createdAt: '2024-03-15T10:00:00Z',
      updatedAt: '2024-03-15T10:00:00Z',
    },
    {
      id: 'aki_xyz789ghi012',
      displayName: 'CRM Sync',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: 'sk_live_xyz789Bf4Gc8Nd2Me6Pa1Qs5Rt9Uv3Wx',
      workspaceId: SMASHSEND_WORKSPACE_ID,
      createdAt: '2024-03-10T14:30:00Z',
      updatedAt: '2024-03-10T14:30:00Z',
    },
    {
      id: 'aki_sbxadmin0001',
      displayName: 'Sandbox Admin Key',
      role: 'EDITOR',
      status: 'ACTIVE',
      secretKey: SANDBOX_CREDENTIALS.smashsendApiKey,
      workspaceId: SMASHSEND_WORKSPACE_ID,
      createdAt: '2024-03-01T09:00:00Z',
      updatedAt: '2024-03-01T09:00:00Z',
    },
  ],
};

/**
 * Another tenant's workspace, with one key (`SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey`). Nothing the main
 * workspace's keys can do reaches it: its list is 403 to them, its key id is 404 under their workspace.
 */
export const SMASHSEND_OTHER_WORKSPACE_SEED: SmashsendWorkspaceSeed = {
  user: {
    id: 'usr_sbxOther0001',
    email: 'owner@other-workspace.example',
    firstName: 'Otto',
    lastName: 'Other',
    workspaceId: SMASHSEND_OTHER_WORKSPACE_ID,
  },
  keys: [
    {
      id: 'aki_sbxother0001',
      displayName: 'Other Workspace Key',
      role: 'EDITOR',
      status: 'ACTIVE',
      secretKey: SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey,
      workspaceId: SMASHSEND_OTHER_WORKSPACE_ID,
      createdAt: '2024-02-20T08:00:00Z',
      updatedAt: '2024-02-20T08:00:00Z',
    },
  ],
};

// ---- SMARTe signals (records in the order view-all returns them) ----

export const SMARTE_SEED: { keys: SmarteKey[] } = {
  keys: [
    {
      keyId: '0b6f7c1e-3d2a-4f5b-8c9d-1e2f3a4b5c6d',
      email: 'sandbox.admin@smarte.pro',
      role: 'admin',
      status: 'active',
      apiKey: SANDBOX_CREDENTIALS.smarteApiKey,
    },
    {
      keyId: '222c424f-6e56-4ab1-94eb-8a0e41490831',
      email: 'dev.udi_user@smarte.pro',
      role: 'standard',
      status: 'active',
      apiKey: 'Id9hxxxxxxxxxxxxxxxxxxxxxxxxx9u/CeGp1mxXoTA3vs=',
    },
    {
      keyId: '6d7800ad-81b0-4b60-9a0f-821a1944346b',
      email: 'dev.udi@smarte.pro',
      role: 'standard',
      status: 'active',
      apiKey: 'mIGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxJHY',
    },
  ],
};
