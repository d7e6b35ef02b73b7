/**
 * LISTEN takes an identifier, pg_notify a string: a channel name limited to lower-case letters, digits and
 * underscores means both spell it the same, on PGlite (which lower-cases unquoted names) and on the server.
 */
export function quotedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new Error(`channel "${channel}" must be 1–63 lower-case letters, digits or underscores`);
  }
  return `"${channel}"`;
}
