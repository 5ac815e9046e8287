// Key values shown to Zap builders: a hint (SMASHSEND's own truncated value, other vendors' values masked to the last
// few characters) unless the Zap asks for the secret. The rule is the connector's, shared with its audit and the
// `keyring` command.

export { keyHint, maskSecret, VISIBLE_TAIL } from '@keyring/connector/internal';
