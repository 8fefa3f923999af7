import { Alert, AppShell, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  type Icon,
  IconAddressBook,
  IconArrowsExchange,
  IconChecklist,
  IconFileText,
  IconHome,
  IconInbox,
  IconListCheck,
  IconMap2,
  IconMessages,
  IconPlugConnectedX,
  IconSearch,
  IconSettings,
  IconShare,
  IconSignature,
  IconTransfer,
  IconUserCircle,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ParseKeys } from 'i18next';
import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { Abilities } from '../../core/identity/schemas';
import { FullPageLoader } from '../components/FullPageLoader';
import { LanguageMenu } from '../components/LanguageMenu';
import classes from '../components/layout.module.css';
import { MAIN_ID, SkipLink } from '../components/SkipLink';
import { useLiveChannels } from '../features/channels/live';
import { useLiveCommitments } from '../features/commitments/live';
import { useSignedInMe } from '../features/identity/api';
import { useLiveReports } from '../features/reports/live';
import { useLiveRequests } from '../features/requests/live';
import { NotificationsBell } from '../features/requests/NotificationsBell';
import { useLiveSubmissions } from '../features/submissions/live';
import { useConnectionState } from '../lib/events';
import { UserMenu } from './UserMenu';

interface NavItem {
  to: string;
  label: ParseKeys;
  icon: Icon;
  /** Still reachable while the user must enrol a second factor. */
  duringEnrolment?: boolean;
  /** Shown only to those the server grants this ability (it answers everyone else 404 anyway). */
  ability?: keyof Abilities;
  /** Shown only to those who belong to a party (the coordinator is one). */
  partyMember?: boolean;
}

/** Capabilities add their entry here as they are built (requests, channels, reports…). */
const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome },
  { to: '/requests', label: 'nav.requests', icon: IconTransfer },
  { to: '/channels', label: 'nav.channels', icon: IconMessages },
  { to: '/working-groups', label: 'nav.workingGroups', icon: IconUsersGroup },
  { to: '/commitments', label: 'nav.commitments', icon: IconChecklist },
  { to: '/reciprocity', label: 'nav.reciprocity', icon: IconArrowsExchange, partyMember: true },
  { to: '/reports', label: 'nav.reports', icon: IconFileText, ability: 'browseReports' },
  { to: '/releases', label: 'nav.releases', icon: IconShare },
  { to: '/submissions', label: 'nav.submissions', icon: IconInbox, ability: 'browseSubmissions' },
  { to: '/consents', label: 'nav.consents', icon: IconSignature, ability: 'decideConsents' },
  { to: '/search', label: 'nav.search', icon: IconSearch },
  { to: '/directory', label: 'nav.directory', icon: IconAddressBook },
  { to: '/map', label: 'nav.map', icon: IconMap2 },
  { to: '/profile', label: 'nav.profile', icon: IconUserCircle, duringEnrolment: true },
  { to: '/audit', label: 'nav.audit', icon: IconListCheck, ability: 'audit' },
  { to: '/admin', label: 'nav.admin', icon: IconSettings, ability: 'administer' },
];

const NAVBAR_ID = 'primary-navigation';

function isActive(item: NavItem, pathname: string): boolean {
  return item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The signed-in frame: header (name, language, account), navigation, and the page. */
export function Shell({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  useLiveRequests();
  useLiveReports();
  useLiveSubmissions();
  useLiveCommitments();
  useLiveChannels();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below Mantine's `sm` breakpoint the navigation slides in over the page.
  const isPhone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const shownPath = useRef(pathname);

  // After each navigation: close the phone menu and move focus to the page, as a page load would.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    close();
    document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname, close]);

  const items = NAV_ITEMS.filter(
    (item) =>
      (!me.mustEnrolTotp || item.duringEnrolment) &&
      (!item.ability || me.abilities[item.ability]) &&
      (!item.partyMember || me.user.party !== null),
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: { sm: 220, lg: 260 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md', lg: 'xl' }}
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.navigation')}
              aria-expanded={opened}
              aria-controls={NAVBAR_ID}
            />
            <Link to="/" className={classes.brand}>
              Concord
            </Link>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {!me.mustEnrolTotp && <NotificationsBell />}
            <LanguageMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id={NAVBAR_ID} aria-label={t('shell.navigation')} p="xs" inert={isPhone && !opened}>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => {
            const active = isActive(item, pathname);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="filled"
              />
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1} className={classes.main}>
        <LiveUpdatesLost />
        <Suspense fallback={<FullPageLoader />}>{children ?? <Outlet />}</Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

/** Said while the live connection is down, so nobody trusts a screen that has stopped updating. */
function LiveUpdatesLost() {
  const { t } = useTranslation();
  const lost = useConnectionState() === 'lost';
  return (
    <div role="status" aria-live="polite">
      {lost && (
        <Alert color="yellow" variant="light" mb="md" icon={<IconPlugConnectedX size={18} aria-hidden />}>
          {t('shell.liveUpdatesLost')}
        </Alert>
      )}
    </div>
  );
}
