// The vendor sandbox in its own process (sandbox/cli.ts), driven through its control API (/_sandbox): the vendor's
// work and memory stay out of the measured process, as a real vendor's would, and the benchmark's heap stays small,
// as a Lambda container's is.

import { spawn, type ChildProcess } from 'node:child_process';
import type { RequestCounts } from '../../sandbox/state';
import type { SmashsendGenerateOptions } from '../../sandbox/vendors/smashsend';
import type { Credentials, Endpoints } from './operations';

export interface SandboxProcess {
  url: string;
  baseUrls: Endpoints;
  credentials: Credentials;
  /** Re-seeds every vendor; clears counters and faults. */
  reset(): Promise<void>;
  requestCounts(): Promise<RequestCounts>;
  resetRequestCounts(): Promise<void>;
  /** Options as `POST /_sandbox/smashsend/generate` takes them (createdAt, from, stepMs, burst). */
  generateSmashsendKeys(count: number, opts?: SmashsendGenerateOptions): Promise<void>;
  generateSmarteKeys(count: number): Promise<void>;
  close(): Promise<void>;
}

interface SandboxInfo {
  baseUrls: Endpoints;
  credentials: { smartleadApiKey: string; smashsendApiKey: string; smashsendWorkspaceId: string; smarteApiKey: string };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start within 60 s: ${output}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}): ${output.trim()}`));
    });
  });
}

/** Starts `sandbox/cli.ts --port 0 --no-rate-limits` under tsx; `fetchFunction` is Node's own fetch. */
export async function startSandboxProcess(repo: string, fetchFunction: typeof fetch): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--no-rate-limits'], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetchFunction(`${url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const info = (await control('GET', '')) as SandboxInfo;
  return {
    url,
    baseUrls: info.baseUrls,
    credentials: {
      smashsend_api_key: info.credentials.smashsendApiKey,
      smashsend_workspace_id: info.credentials.smashsendWorkspaceId,
      smartlead_api_key: info.credentials.smartleadApiKey,
      smarte_api_key: info.credentials.smarteApiKey,
    },
    reset: async () => {
      await control('POST', '/reset');
    },
    requestCounts: async () => (await control('GET', '/requests')) as RequestCounts,
    resetRequestCounts: async () => {
      await control('DELETE', '/requests');
    },
    generateSmashsendKeys: async (count, opts = {}) => {
      await control('POST', '/smashsend/generate', { count, ...opts });
    },
    generateSmarteKeys: async (count) => {
      await control('POST', '/smarte/generate', { count });
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
