import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { useMe } from '../features/identity/api';
import { EventsProvider } from '../lib/events';
import { Shell } from './Shell';
import { StartupError } from './StartupError';

/** Where a user must go while their role requires a second factor they have not enrolled. */
export const ENROLMENT_PATH = '/profile';

/** Only paths inside this app, never //host or /\host, which a browser would read as another site. */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}

/**
 * The signed-in part of the app. Nobody signed in: to /login, remembering
 * where they were. Second factor required but missing: to the profile's
 * enrolment, and nowhere else until done (the server refuses the rest).
 */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { data: me, error, refetch } = useMe();
  const location = useLocation();
  if (me === undefined) {
    return error ? <StartupError error={error} onRetry={() => void refetch()} /> : <FullPageLoader />;
  }
  if (me === null) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    const search = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  if (me.mustEnrolTotp && location.pathname !== ENROLMENT_PATH) {
    return <Navigate to={ENROLMENT_PATH} replace />;
  }
  // The server refuses live events until enrolment is done: do not knock on its door meanwhile.
  return (
    <EventsProvider enabled={!me.mustEnrolTotp}>
      <Shell>{children}</Shell>
    </EventsProvider>
  );
}
