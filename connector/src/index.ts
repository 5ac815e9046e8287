// The package's public surface: typed, framework-free clients for the SmartLead, SMASHSEND and SMARTe key APIs,
// their options and output types, the transport they send through, paging and the error model. Only what is
// exported here is the package's contract (a test pins the list); schemas, input rules and the HTTP core are not.
// It never imports Zapier code: plug any transport in (the Zapier app uses z.request).

export {
  ConnectorError,
  InputError,
  AuthError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  RateLimitError,
  ServerError,
  HttpError,
  BadResponseError,
  NetworkError,
  type Vendor,
  type ErrorKind,
  type ErrorDetails,
  type BadResponseReason,
  type NetworkReason,
  type RequestFailure,
  type ErrorReason,
} from './errors';
export { TimeBudgetError, type PagingBudget } from './paging';
export { fetchTransport, httpTransport, type HttpMethod, type Transport, type TransportRequest, type TransportResponse } from './transport';
export { DEFAULT_TIMEOUT_MS, type ClientOptions } from './http';
export {
  SmartLeadClient,
  SMARTLEAD_KEY_STATUSES,
  type SmartLeadKeyStatus,
  type SmartLeadClientRecord,
  type SmartLeadApiKey,
  type SmartLeadNewApiKey,
  type SmartLeadDeleteResult,
  type ListClientApiKeysFilter,
} from './smartlead';
export {
  SmashsendClient,
  SMASHSEND_ROLES,
  type SmashsendClientOptions,
  type SmashsendCurrentKey,
  type SmashsendConnectionKeyMatcher,
  type SmashsendRole,
  type SmashsendSort,
  type SmashsendApiKey,
  type SmashsendNewApiKey,
  type SmashsendDeletedApiKey,
  type SmashsendKeyCheck,
  type SmashsendPage,
  type ListApiKeysOptions,
} from './smashsend';
export { SmarteClient, type SmarteKey, type SmarteNewKey, type SmarteUpdatedKey } from './smarte';
export { ConnectionKeyError, sameSecret, type ConnectionKeyMatch, type ConnectionKeyEvidence } from './connectionKey';
export {
  identifySecret,
  revokeLeakedKey,
  NotRevocableError,
  RevocationFailedError,
  type IdentifiedKey,
  type IdentifyOptions,
  type LeakClients,
  type Revocation,
  type RevokeAction,
  type RevokeOptions,
  type ReplacementOutcome,
} from './leak';
export {
  rotateSmashsendApiKey,
  KeyNotInListError,
  UnsupportedRoleError,
  RotationAbortedError,
  type SmashsendRotation,
  type SmashsendRotationOptions,
  type SmashsendRotationPlan,
  type NewKeyCheck,
  type OldKeyOutcome,
} from './rotation';
export { ageInDays, isOlderThan, DAY_MS, type KeyRow } from './keyRow';
export { auditApiKeys, type KeyAudit, type AuditClients, type AuditOptions, type AuditProgress } from './audit';
