// Command line: runs the vendor sandbox until SIGINT/SIGTERM and prints the .env lines for `zapier-platform invoke`.
// Usage: npm run sandbox -- [--port N] [--no-rate-limits] [--logger]   (port also from SANDBOX_PORT; default a free
// port; a fixed one keeps the printed .env lines valid across restarts)

import { startSandbox } from './server';

interface CliOptions {
  port: number;
  rateLimits: boolean;
  logger: boolean;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = { port: parsePort(env.SANDBOX_PORT || '0', 'SANDBOX_PORT'), rateLimits: true, logger: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--no-rate-limits') options.rateLimits = false;
    else if (arg === '--logger') options.logger = true;
    else if (arg === '--port') options.port = parsePort(argv[++i] ?? '', '--port');
    else if (arg.startsWith('--port=')) options.port = parsePort(arg.slice('--port='.length), '--port');
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('Usage: npm run sandbox -- [--port N] [--no-rate-limits] [--logger]\n');
      process.exit(0);
    } else throw new Error(`Unknown argument: ${arg}`);
  }
  return options;
}

function parsePort(value: string, source: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${source} must be a port number (0 = any free port), got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2), process.env);
  const sandbox = await startSandbox(options);
  const c = sandbox.credentials;
  const lines = [
    `Vendor sandbox listening on ${sandbox.url} (rate limits ${options.rateLimits ? 'on' : 'off'})`,
    'Every vendor at this origin: SMASHSEND /v1/…, SmartLead /api/v1/…, SMARTe /signals/v1/… (base URL = the origin)',
    '',
    'Accepted keys:',
    `  SmartLead  ?api_key=              ${c.smartleadApiKey}`,
    `  SMASHSEND  Authorization: Bearer  ${c.smashsendApiKey}  (workspace ${c.smashsendWorkspaceId})`,
    `             another workspace's key ${c.smashsendOtherWorkspaceApiKey}  (workspace ${c.smashsendOtherWorkspaceId})`,
    `  SMARTe     Api-Key:               ${c.smarteApiKey}`,
    '',
    `Control API: ${sandbox.url}/_sandbox  (see sandbox/README.md)`,
    '',
    '# .env for zapier-platform invoke',
    `SMARTLEAD_BASE_URL=${sandbox.baseUrls.smartlead}`,
    `SMASHSEND_BASE_URL=${sandbox.baseUrls.smashsend}`,
    `SMARTE_BASE_URL=${sandbox.baseUrls.smarte}`,
    `authData_smartlead_api_key=${c.smartleadApiKey}`,
    `authData_smashsend_api_key=${c.smashsendApiKey}`,
    `authData_smashsend_workspace_id=${c.smashsendWorkspaceId}`,
    `authData_smarte_api_key=${c.smarteApiKey}`,
    '',
    '# shell, for the connector examples and the keyring command',
    `export SMARTLEAD_BASE_URL=${sandbox.baseUrls.smartlead} SMARTLEAD_API_KEY=${c.smartleadApiKey}`,
    `export SMASHSEND_BASE_URL=${sandbox.baseUrls.smashsend} SMASHSEND_API_KEY=${c.smashsendApiKey}`,
    `export SMARTE_BASE_URL=${sandbox.baseUrls.smarte} SMARTE_API_KEY=${c.smarteApiKey}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
