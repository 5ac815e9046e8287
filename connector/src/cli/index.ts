#!/usr/bin/env node
// The `keyring` executable: runs the command line against the real process (argv, environment, stdout, stderr) and
// exits with its status. Nothing here may print a stack: main() catches everything it can, this catches the rest.

import { main } from './main';

// A reader that went away (`keyring list smashsend | head`) is not an error worth a stack.
process.stdout.on('error', () => process.exit(process.exitCode ?? 0));

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`keyring: unexpected problem: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exitCode = 1;
  },
);
