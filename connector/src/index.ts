// The connector: typed, framework-free clients for the SmartLead, SMASHSEND and SMARTe key APIs.
// It never imports Zapier code; plug any transport in (the Zapier app uses z.request).

export * from './errors';
export { fetchTransport, withQuery, type HttpMethod, type Transport, type TransportRequest, type TransportResponse } from './transport';
export { DEFAULT_TIMEOUT_MS, checkBaseUrl, classifyNetworkError, type ClientOptions } from './http';
export { extractVendorMessage, parseRetryAfter } from './vendorMessage';
export * from './smartlead';
export * from './smashsend';
export * from './smarte';
export * from './rotation';
export * from './validate';
