/**
 * Who acts when a command runs at the console (`openami user add`, `openami demo`): an administrator of every
 * area with no user row, recorded in the audit log by name and source.
 */
export function consoleActor(name = 'console') {
  return {
    principal: {
      userId: 0,
      username: name,
      role: 'administrator' as const,
      scope: { kind: 'all' as const },
      via: 'bearer' as const,
      tokenHash: '',
      csrfToken: '',
      stage: 'full' as const,
    },
    sourceIp: name,
    now: Date.now(),
  };
}
