import type {
  Permission,
  SecondFactorDue,
  SecondFactorStatus,
  SignedIn,
  User,
  WhoAmI,
} from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';

/** Who is signed in on this tab, as the server last said (`/api/auth/me`). */
export type SessionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | {
      readonly kind: 'signedIn';
      readonly user: User;
      readonly permissions: ReadonlySet<Permission>;
      /** Whether two-step verification is on, required, and (mustEnrol) owed before anything else. */
      readonly secondFactor: SecondFactorStatus;
      /** The site's time zone: the days reports, sales and runs count by. */
      readonly timeZone: string;
    };

/** What the first step of a sign-in came to: signed in, or a code from the authenticator app is owed. */
export type SignInStep =
  | { readonly kind: 'signedIn'; readonly user: User }
  | { readonly kind: 'secondFactor'; readonly challenge: string };

export interface Session {
  readonly state: SessionState;
  /** Step one: resolves with the user signed in, or with the challenge a code is owed for. */
  signIn(username: string, password: string): Promise<SignInStep>;
  /** Step two: the authenticator app's code (or a recovery code) for the challenge of step one. */
  completeSignIn(challenge: string, code: string): Promise<User>;
  /** Asks the server again who is signed in (after enrolling a second factor, say). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server again who is signed in, after it could not be reached. */
  retry(): void;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  const loadWhoAmI = useCallback(async () => {
    try {
      const me = await api.get<WhoAmI>('/api/auth/me');
      api.csrfToken = me.csrfToken;
      if (me.user === undefined) setState({ kind: 'signedOut' });
      else
        setState({
          kind: 'signedIn',
          user: me.user,
          permissions: new Set(me.permissions),
          secondFactor: me.secondFactor,
          timeZone: me.timeZone,
        });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') setState({ kind: 'signedOut' });
      else setState({ kind: 'failed', error });
    }
  }, [api]);

  useEffect(() => {
    api.onSignedOut = () => {
      api.csrfToken = undefined;
      queryClient.clear();
      setState({ kind: 'signedOut' });
    };
    void loadWhoAmI();
  }, [api, queryClient, loadWhoAmI]);

  const session = useMemo<Session>(
    () => ({
      state,
      async signIn(username, password) {
        const answer = await api.post<SignedIn | SecondFactorDue>('/api/auth/login', { username, password });
        if ('challenge' in answer) return { kind: 'secondFactor', challenge: answer.challenge };
        api.csrfToken = answer.csrfToken;
        queryClient.clear();
        await loadWhoAmI();
        return { kind: 'signedIn', user: answer.user };
      },
      async completeSignIn(challenge, code) {
        const signedIn = await api.post<SignedIn>('/api/auth/login/second-factor', { challenge, code });
        api.csrfToken = signedIn.csrfToken;
        queryClient.clear();
        await loadWhoAmI();
        return signedIn.user;
      },
      refresh: loadWhoAmI,
      async signOut() {
        // The tab forgets the session even when the server cannot be told (it expires there by itself).
        await api.post('/api/auth/logout').catch(() => undefined);
        api.csrfToken = undefined;
        queryClient.clear();
        setState({ kind: 'signedOut' });
      },
      retry() {
        setState({ kind: 'loading' });
        void loadWhoAmI();
      },
      can: (permission) => state.kind === 'signedIn' && state.permissions.has(permission),
    }),
    [api, queryClient, state, loadWhoAmI],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The site's time zone once signed in (the server's OPENAMI_TIME_ZONE); the default zone before. */
export function useSiteTimeZone(): string {
  const { state } = useSession();
  return state.kind === 'signedIn' ? state.timeZone : 'Asia/Shanghai';
}
