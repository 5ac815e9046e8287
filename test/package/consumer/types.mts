// Type-checked with tsc --noEmit in a fresh project where the packed tarball is installed (as an ES module: .mts, in
// the CommonJS project `npm init -y` makes, so the `import` condition's .d.mts declarations), then run with node
// against the sandbox. Uses every public type, and @ts-expect-error lines fail the check if the declarations went loose (any).
import {
  DEFAULT_TIMEOUT_MS,
  SMARTLEAD_KEY_STATUSES,
  SMASHSEND_ROLES,
  ConnectorError,
  SmarteClient,
  SmartLeadClient,
  SmashsendClient,
  TimeBudgetError,
  fetchTransport,
  type BadResponseReason,
  type ClientOptions,
  type ErrorDetails,
  type ErrorKind,
  type HttpMethod,
  type ListApiKeysOptions,
  type ListClientApiKeysFilter,
  type NetworkReason,
  type PagingBudget,
  type SmartLeadApiKey,
  type SmartLeadClientRecord,
  type SmartLeadDeleteResult,
  type SmartLeadKeyStatus,
  type SmartLeadNewApiKey,
  type SmarteKey,
  type SmarteNewKey,
  type SmarteUpdatedKey,
  type SmashsendApiKey,
  type SmashsendClientOptions,
  type SmashsendDeletedApiKey,
  type SmashsendKeyCheck,
  type SmashsendNewApiKey,
  type SmashsendPage,
  type SmashsendRole,
  type SmashsendSort,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type Vendor,
} from '@keyring/connector';

const seen: HttpMethod[] = [];
const transport: Transport = async (request: TransportRequest): Promise<TransportResponse> => {
  seen.push(request.method);
  return fetchTransport(request);
};
const options: ClientOptions = { transport, timeoutMs: DEFAULT_TIMEOUT_MS };
const smashsendOptions: SmashsendClientOptions = { ...options, baseUrl: process.env.SMASHSEND_BASE_URL };
const smashsend = new SmashsendClient(process.env.SMASHSEND_API_KEY ?? '', smashsendOptions);
const smartlead = new SmartLeadClient(process.env.SMARTLEAD_API_KEY ?? '', { ...options, baseUrl: process.env.SMARTLEAD_BASE_URL });
const smarte = new SmarteClient(process.env.SMARTE_API_KEY ?? '', { ...options, baseUrl: process.env.SMARTE_BASE_URL });

const role: SmashsendRole = SMASHSEND_ROLES[2];
const sort: SmashsendSort = 'createdAt.desc';
const status: SmartLeadKeyStatus = SMARTLEAD_KEY_STATUSES[0];
const listOptions: ListApiKeysOptions = { limit: 2, sort };
const budget: PagingBudget = { deadline: Date.now() + 5_000 };

const check: SmashsendKeyCheck = await smashsend.checkApiKey();
const page: SmashsendPage = await smashsend.listApiKeys(listOptions);
const all: SmashsendApiKey[] = [];
for await (const key of smashsend.allApiKeys(budget)) all.push(key);
const created: SmashsendNewApiKey = await smashsend.createApiKey({ displayName: 'Typed key', role });
const secret: string = created.secretKey;
const deleted: SmashsendDeletedApiKey = await smashsend.deleteApiKey(created.id);

const filter: ListClientApiKeysFilter = { clientId: 301, status };
const clients: SmartLeadClientRecord[] = await smartlead.listClients();
const leadKeys: SmartLeadApiKey[] = await smartlead.listClientApiKeys(filter);
const leadKey: SmartLeadNewApiKey = await smartlead.createClientApiKey({ clientId: 301, keyName: 'Typed key' });
const leadDeleted: SmartLeadDeleteResult = await smartlead.deleteClientApiKey(leadKey.id);

const smarteKeys: SmarteKey[] = await smarte.listKeys();
const smarteNew: SmarteNewKey = await smarte.createKey('typed.user@example.com');
const suspended: SmarteUpdatedKey = await smarte.suspendKey(smarteNew.email);

let failure: { kind: ErrorKind; vendor: Vendor; details?: ErrorDetails; reason?: NetworkReason | BadResponseReason } | undefined;
try {
  await smarte.reactivateKey('nobody.here@example.com');
} catch (error) {
  if (error instanceof TimeBudgetError) failure = { kind: error.kind, vendor: error.vendor, reason: error.reason };
  else if (error instanceof ConnectorError) failure = { kind: error.kind, vendor: error.vendor };
}

/** Never called: the type checker must refuse both lines (so the declarations are strict, not `any`). */
export function refusedByTheTypeChecker(): number {
  // @ts-expect-error the clients have no such method
  smashsend.rotateEverything();
  // @ts-expect-error a key check's displayName is a string or nothing, not a number
  const wrong: number = check.displayName;
  return wrong;
}

console.log(
  JSON.stringify({
    check: check.displayName,
    firstPage: page.items.length,
    all: all.length,
    secretLength: secret.length,
    deleted: deleted.isDeleted,
    clients: clients.length,
    leadKeys: leadKeys.length,
    leadDeleted: leadDeleted.deleted,
    smarteKeys: smarteKeys.length,
    suspended: suspended.status,
    failure,
    methods: [...new Set(seen)].sort(),
  }),
);
