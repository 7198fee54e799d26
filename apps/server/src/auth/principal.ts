import type { AreaScope, Role } from '@openami/domain';

/** Who is asking: resolved once per request from the session cookie or the bearer token. */
export interface Principal {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  readonly scope: AreaScope;
  readonly via: 'cookie' | 'bearer';
  readonly tokenHash: string;
  readonly csrfToken: string;
  /** `enrol`: a session that must enrol a second factor before it may do anything else. */
  readonly stage: 'full' | 'enrol';
}
