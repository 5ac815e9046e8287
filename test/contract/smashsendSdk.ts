// A stand-in for the official SMASHSEND Node SDK (`@smashsend/node` 1.19, github smashsend/smashsend-node, not on
// our registry): the same requests, byte for byte where it matters, and the same reading of the answers, written
// here with fetch so the contract suite can drive the sandbox exactly as a real client nobody here wrote would.
// What it mirrors (src/utils/http-client.ts, src/api/api-keys.ts):
//   - URLs are `new URL('/v1' + path, baseUrl)`: any path in the base URL is dropped;
//   - headers: `Authorization: Bearer <key>`, `Content-Type: application/json` (on every request, GET and DELETE
//     included), `User-Agent: SMASHSEND Node SDK v<version>`, `Accept: application/json`;
//   - a body only for non-GET requests given data (`JSON.stringify`); DELETE sends none;
//   - a JSON body is read when the content type says JSON, text otherwise;
//   - 401 → AuthenticationError('Invalid API key'); other 4xx → APIError(body.message || body.error || 'API error: <status>');
//   - `apiKeys.list(ws, {startAt?: Date, sort?, limit?})` sends `startAt=<Date.toISOString()>`, then sort, then limit;
//     callers pass the answer's `startAt` back as `new Date(startAt)`.
// Left out: its retries of 429 and 5xx (with sleeps), which this suite never provokes.

export const SDK_VERSION = '1.19.0';

export class SmashSendSdkError extends Error {
  constructor(
    name: 'AuthenticationError' | 'APIError',
    message: string,
    readonly statusCode: number,
    readonly data: unknown,
  ) {
    super(message);
    this.name = name;
  }
}

/** ApiKeyInfo as the answers carry it (the SDK's own interface is looser; these are the fields the sandbox sends). */
export interface ApiKeyInfo {
  id: string;
  displayName: string;
  role: string;
  status: string;
  secretKey?: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
}

interface ApiKeyListResponse {
  apiKeys: { items: ApiKeyInfo[]; hasMore: boolean; startAt: string | null };
}

/** One request as it left the client: what the tests assert the sandbox saw. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export class SmashSendSdkShape {
  readonly sent: SentRequest[] = [];

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string,
  ) {}

  private async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const url = new URL(`/v1${path}`, this.baseUrl).toString();
    const headers = {
      Authorization: `Bearer ${this.apiKey}`,
      'Content-Type': 'application/json',
      'User-Agent': `SMASHSEND Node SDK v${SDK_VERSION}`,
      Accept: 'application/json',
    };
    const body = method !== 'GET' && data !== undefined ? JSON.stringify(data) : undefined;
    this.sent.push({ method, url, headers, body });
    const response = await fetch(url, { method, headers, body });
    const contentType = response.headers.get('content-type');
    const responseData: unknown = contentType?.includes('application/json') ? await response.json() : await response.text();
    if (response.status === 401) throw new SmashSendSdkError('AuthenticationError', 'Invalid API key', 401, responseData);
    if (!response.ok) {
      const fields = typeof responseData === 'object' && responseData !== null ? (responseData as Record<string, unknown>) : {};
      const message = [fields.message, fields.error].find((value): value is string => typeof value === 'string' && value !== '');
      throw new SmashSendSdkError('APIError', message ?? `API error: ${response.status}`, response.status, responseData);
    }
    return responseData as T;
  }

  readonly apiKeys = {
    validate: async () => {
      const response = await this.request<{ status: string; displayName: string; role: string }>('GET', '/api-keys/check');
      return { ...response, valid: response.status === 'SUCCEED' };
    },
    getCurrent: async () => (await this.request<{ apiKey: ApiKeyInfo }>('GET', '/api-keys/current')).apiKey,
    list: async (workspaceId: string, options: { startAt?: Date; sort?: 'createdAt.desc' | 'createdAt.asc'; limit?: number } = {}) => {
      const query = new URLSearchParams();
      if (options.startAt) query.append('startAt', options.startAt.toISOString());
      if (options.sort) query.append('sort', options.sort);
      if (options.limit) query.append('limit', options.limit.toString());
      const text = query.toString();
      return this.request<ApiKeyListResponse>('GET', `/workspaces/${workspaceId}/api-keys${text ? `?${text}` : ''}`);
    },
    create: async (workspaceId: string, options: { displayName: string; role: string }) =>
      (await this.request<{ apiKey: ApiKeyInfo }>('POST', `/workspaces/${workspaceId}/api-keys`, options)).apiKey,
    update: async (workspaceId: string, apiKeyId: string, options: { displayName?: string; role?: string }) =>
      (await this.request<{ apiKey: ApiKeyInfo }>('POST', `/workspaces/${workspaceId}/api-keys/${apiKeyId}`, options)).apiKey,
    delete: async (workspaceId: string, apiKeyId: string) =>
      this.request<{ apiKey: ApiKeyInfo; isDeleted: boolean }>('DELETE', `/workspaces/${workspaceId}/api-keys/${apiKeyId}`),
  };
}
