// `keyring audit` and `keyring list smashsend` on a terminal: progress lines on stderr while long lists are read,
// rewritten in place and cleared at the end, never on stdout. Run in-process (a child's stderr is never a terminal),
// through the same main() the bin runs.

import { main } from '../../connector/src/cli/main';
import { fakeTerminal, keyringEnv } from '../support/cli';
import { useSandbox } from '../support/sandbox';

const env = useSandbox();

/** stderr a terminal or not (stdin is not: these commands never ask). */
const terminal = (isTTY: boolean) => fakeTerminal(keyringEnv(env.sandbox), { stderrTTY: isTTY, stdinTTY: false });

describe('progress on a terminal', () => {
  it('audit: one progress line per page read, rewritten in place and cleared; the table on stdout only', async () => {
    env.sandbox.generateSmashsendKeys(250);
    const io = terminal(true);
    expect(await main(['audit'], io)).toBe(0);
    const progress = io.err.filter((text) => text.includes('Reading keys'));
    expect(progress.length).toBeGreaterThanOrEqual(3); // SMASHSEND's three pages at least
    expect(progress.every((text) => text.startsWith('\r\u001b[2K'))).toBe(true);
    expect(progress.some((text) => text.includes('SMASHSEND 253'))).toBe(true);
    expect(io.err.at(-1)).toBe('\r\u001b[2K'); // cleared before the table is read
    expect(io.out.join('')).not.toContain('Reading keys');
    expect(io.out.join('').trimEnd().split('\n').at(-1)).toBe('259 keys (SMASHSEND 253, SmartLead 3, SMARTe 3).');
  });

  it('list smashsend: progress while paging, cleared', async () => {
    env.sandbox.generateSmashsendKeys(150);
    const io = terminal(true);
    expect(await main(['list', 'smashsend'], io)).toBe(0);
    expect(io.err.filter((text) => text.includes('SMASHSEND:'))).toEqual([
      '\r\u001b[2KSMASHSEND: 100 keys read…',
      '\r\u001b[2KSMASHSEND: 153 keys read…',
    ]);
    expect(io.err.at(-1)).toBe('\r\u001b[2K');
  });

  it('not a terminal: no progress at all', async () => {
    env.sandbox.generateSmashsendKeys(150);
    const io = terminal(false);
    expect(await main(['audit'], io)).toBe(0);
    expect(io.err).toEqual([]);
  });

  it('a failing audit clears its progress before the one error line', async () => {
    env.sandbox.injectFault({ vendor: 'smarte', path: '/key/view', kind: 'status', status: 500 });
    const io = terminal(true);
    expect(await main(['audit'], io)).toBe(1);
    expect(io.out).toEqual([]);
    expect(io.err.at(-1)).toMatch(/^keyring: SMARTe had a server error \(500 on POST \/signals\/v1\/key\/view\).*\n$/);
  });
});
