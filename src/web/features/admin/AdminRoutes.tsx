import { Button, Group, Stack, Title } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { NotFoundContent } from '../../app/NotFoundPage';
import { usePageTitle } from '../../lib/use-page-title';
import { useSignedInMe } from '../identity/api';
import { DesksAdmin } from './DesksAdmin';
import { DistrictsAdmin } from './DistrictsAdmin';
import { GroupsAdmin } from './GroupsAdmin';
import { PartiesAdmin } from './PartiesAdmin';
import { UnitsAdmin } from './UnitsAdmin';
import { UsersAdmin } from './UsersAdmin';

const SECTIONS: { path: string; label: ParseKeys; element: React.ReactNode }[] = [
  { path: 'users', label: 'admin.users.title', element: <UsersAdmin /> },
  { path: 'desks', label: 'admin.desks.title', element: <DesksAdmin /> },
  { path: 'districts', label: 'admin.districts.title', element: <DistrictsAdmin /> },
  { path: 'units', label: 'admin.units.title', element: <UnitsAdmin /> },
  { path: 'groups', label: 'admin.groups.title', element: <GroupsAdmin /> },
  { path: 'parties', label: 'admin.parties.title', element: <PartiesAdmin /> },
];

/**
 * /admin/…: for administrators only. Anyone else sees the not-found page, as
 * the server answers them 404: the addresses of administration are not theirs.
 */
export default function AdminRoutes() {
  const { abilities } = useSignedInMe();
  if (!abilities.administer) return <NotFoundContent />;
  return (
    <Routes>
      <Route index element={<Navigate to="users" replace />} />
      {SECTIONS.map((section) => (
        <Route
          key={section.path}
          path={section.path}
          element={<AdminPage label={section.label}>{section.element}</AdminPage>}
        />
      ))}
      <Route path="*" element={<NotFoundContent />} />
    </Routes>
  );
}

function AdminPage({ label, children }: { label: ParseKeys; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const title = t(label);
  usePageTitle(`${title} · ${t('admin.title')}`);
  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1}>{title}</Title>
        <nav aria-label={t('admin.title')}>
          <Group gap={6} mt="sm">
            {SECTIONS.map((section) => {
              const to = `/admin/${section.path}`;
              const current = pathname === to;
              return (
                <Button
                  key={section.path}
                  component={Link}
                  to={to}
                  size="compact-md"
                  variant={current ? 'filled' : 'default'}
                  aria-current={current ? 'page' : undefined}
                >
                  {t(section.label)}
                </Button>
              );
            })}
          </Group>
        </nav>
      </div>
      {children}
    </Stack>
  );
}
