import type { Permission, SignedIn, User, WhoAmI } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';

/** Who is signed in on this tab, as the server last said (`/api/auth/me`). */
export type SessionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'signedIn'; readonly user: User; readonly permissions: ReadonlySet<Permission> };

export interface Session {
  readonly state: SessionState;
  /** Resolves with the user signed in. */
  signIn(username: string, password: string): Promise<User>;
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
      else setState({ kind: 'signedIn', user: me.user, permissions: new Set(me.permissions) });
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
        const signedIn = await api.post<SignedIn>('/api/auth/login', { username, password });
        api.csrfToken = signedIn.csrfToken;
        queryClient.clear();
        await loadWhoAmI();
        return signedIn.user;
      },
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
