// Type-checked with tsc --noEmit in a fresh project where the packed tarball is installed, as CommonJS (.cts): the
// `require` condition's .d.ts declarations must give the same, strict types.
import { SmashsendClient, ConnectorError, type SmashsendApiKey, type Transport } from '@keyring/connector';

const transport: Transport = async () => ({ status: 200, headers: {}, body: '{"apiKeys":{"items":[],"hasMore":false}}' });
const client = new SmashsendClient('sk_live_typed', { transport, workspaceId: 'wrk_typed' });

export async function names(): Promise<string[]> {
  const keys: SmashsendApiKey[] = [];
  try {
    for await (const key of client.allApiKeys()) keys.push(key);
  } catch (error) {
    if (error instanceof ConnectorError) return [error.kind];
  }
  // @ts-expect-error a key's createdAt is a string (fails if the declarations were `any`)
  const wrong: number = keys[0]?.createdAt ?? '';
  return keys.map((key) => key.displayName).concat(String(wrong));
}
