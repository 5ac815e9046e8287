// The connector's transport on z.request: Zapier still logs and censors every call, while the connector alone
// decides what a status means (skipThrowForStatus, and no early ThrottledError that would name no vendor).

import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';
import type { Transport } from './../connector';

export function zRequestTransport(z: ZObject): Transport {
  return async (request) => {
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
      options.body = JSON.stringify(request.body);
      options.headers = { ...options.headers, 'content-type': 'application/json' };
    }
    const response = await z.request(options);
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: response.content ?? '' };
  };
}
