// The connector's transport on z.request: Zapier still logs and censors every call, while the connector alone
// decides what a status means (skipThrowForStatus, and no early ThrottledError that would name no vendor).

import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { InputError, type Transport, type Vendor } from '@keyring/connector';

/** What core treats as its old {{template}} syntax in a request (its cleaner's own pattern). */
const CURLIES = /{{.*?}}/;

export function zRequestTransport(z: ZObject, vendor: Vendor): Transport {
  return async (request) => {
    // core strips "{{…}}" from query values (a search for "Key {{x}}" would silently search for "Key "), and the
    // query is always parsed back into params, so it cannot be sent: refuse it, naming the field, before any request.
    for (const [name, value] of Object.entries(request.query)) {
      if (CURLIES.test(value))
        throw new InputError(vendor, name, 'must not contain text in double curly braces ({{…}}): Zapier cannot send it in a query');
    }
    const options: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean } = {
      url: request.url,
      method: request.method,
      params: request.query,
      headers: { accept: 'application/json', ...request.headers },
      timeout: request.timeoutMs,
      skipThrowForStatus: true,
      // Never follow a redirect: a custom auth header (SMARTe's Api-Key) would go wherever it points.
      redirect: 'manual',
      // Not in core's HttpRequestOptions type, but read by its throw-for-throttling middleware.
      throwForThrottlingEarly: false,
    };
    if (request.body !== undefined) {
      // core refuses a body holding "{{bundle.…}}" (its old template syntax) with a plain Error, which would read as
      // "could not be reached" (and, for a create, "may have been created"). JSON may spell "{" as \u007b, which every
      // parser reads back as "{"; "{{" never occurs in JSON's own structure, only inside strings.
      options.body = JSON.stringify(request.body).replace(/\{\{/g, '{\\u007b');
      options.headers = { ...options.headers, 'content-type': 'application/json' };
    }
    // A long list is fetched raw: core then logs the call (method, URL, status) but not the body, whose censoring
    // is quadratic in the number of keys it holds. Everything else is logged whole, with core's censoring.
    let response;
    let body: string;
    let json: unknown;
    if (request.bulk) {
      const raw = await z.request({ ...options, raw: true });
      // (a raw answer's `content` is a getter that throws: read the stream instead)
      [response, body] = [raw, await raw.text()];
    } else {
      response = await z.request(options);
      body = response.content;
      json = response.data; // core parsed it already (undefined when the body is not JSON)
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: body ?? '', ...(json === undefined ? {} : { json }) };
  };
}
