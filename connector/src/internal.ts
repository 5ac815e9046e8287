// Not part of the package: helpers the Zapier app in this repository shares with the connector (the same input
// rules and base-URL check, so both say the same thing). The app bundles them from source through the
// `@keyring/connector/internal` path (tsconfig paths, jest's moduleNameMapper); package.json exports no such
// subpath, so an installed package cannot reach them and they can change without notice.

export { BASE_URL_ENV, checkBaseUrl, classifyNetworkError, VendorHttp } from './http';
export { withQuery } from './transport';
export { extractVendorMessage, parseRetryAfter } from './vendorMessage';
export * from './validate';
export { SMASHSEND_BASE_URL, SMASHSEND_SORTS, SMASHSEND_MAX_PAGE_SIZE } from './smashsend';
export { SMARTLEAD_BASE_URL } from './smartlead';
export { SMARTE_BASE_URL } from './smarte';
export { keyHint, maskSecret, VISIBLE_TAIL } from './mask';
export { VENDORS, newestFirst, smashsendKeyRow, smartleadKeyRow } from './keyRow';
