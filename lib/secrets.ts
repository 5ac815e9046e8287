// Key values shown to Zap builders: masked (only the last few characters) unless the Zap asks for the secret. The rule
// is the connector's, shared with the `keyring` command.

export { maskSecret, VISIBLE_TAIL } from '@keyring/connector/internal';
