import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { directionOf } from '../../core/i18n/locales';
import { FullPageLoader } from '../components/FullPageLoader';
import { styleNonce } from '../lib/nonce';
import { createQueryClient } from '../lib/query-client';
import { RequireAuth } from './guards';
import { currentLocale, i18next } from './i18n';
import { LanguageSync } from './language';
import { cssVariablesResolver, theme } from './theme';

// Each page is its own chunk: the login page does not carry the profile's code.
const LoginPage = lazy(() => import('../features/identity/LoginPage'));
const HomePage = lazy(() => import('../features/home/HomePage'));
const ProfilePage = lazy(() => import('../features/identity/ProfilePage'));
const DirectoryPage = lazy(() => import('../features/directory/DirectoryPage'));
const DeskPage = lazy(() => import('../features/directory/DeskPage'));
const MapPage = lazy(() => import('../features/map/MapPage'));
const WorkingGroupsPage = lazy(() => import('../features/working-groups/WorkingGroupsPage'));
const WorkingGroupPage = lazy(() => import('../features/working-groups/WorkingGroupPage'));
const CommitmentsPage = lazy(() => import('../features/commitments/CommitmentsPage'));
const CommitmentPage = lazy(() => import('../features/commitments/CommitmentPage'));
const ReciprocityPage = lazy(() => import('../features/reciprocity/ReciprocityPage'));
const MeetingPage = lazy(() => import('../features/meetings/MeetingPage'));
const AdminRoutes = lazy(() => import('../features/admin/AdminRoutes'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const RequestsPage = lazy(() => import('../features/requests/RequestsPage'));
const NewRequestPage = lazy(() => import('../features/requests/NewRequestPage'));
const RequestPage = lazy(() => import('../features/requests/RequestPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const ReportEditorPage = lazy(() => import('../features/reports/ReportEditorPage'));
const ReportEditPage = lazy(() =>
  import('../features/reports/ReportEditorPage').then((module) => ({ default: module.ReportEditPage })),
);
const ImportPage = lazy(() => import('../features/reports/ImportPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const ReportPrintPage = lazy(() => import('../features/reports/ReportPrintPage'));
const SearchPage = lazy(() => import('../features/reports/SearchPage'));
const EntityPage = lazy(() => import('../features/reports/EntityPage'));
const ReleasesPage = lazy(() => import('../features/reports/ReleasesPage'));
const ReleasePage = lazy(() => import('../features/reports/ReleasePage'));
const SubmissionsPage = lazy(() => import('../features/submissions/SubmissionsPage'));
const SubmissionEditorPage = lazy(() => import('../features/submissions/SubmissionEditorPage'));
const SubmissionPage = lazy(() => import('../features/submissions/SubmissionPage'));
const SubmissionEditPage = lazy(() =>
  import('../features/submissions/SubmissionEditorPage').then((module) => ({
    default: module.SubmissionEditPage,
  })),
);
const ConsentsPage = lazy(() => import('../features/submissions/ConsentsPage'));
const ChannelsPage = lazy(() => import('../features/channels/ChannelsPage'));
const ChannelPage = lazy(() => import('../features/channels/ChannelPage'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18next}>
      <DirectionProvider initialDirection={directionOf(currentLocale())}>
        <MantineProvider
          theme={theme}
          forceColorScheme="light"
          getStyleNonce={styleNonce}
          cssVariablesResolver={cssVariablesResolver}
        >
          <Notifications position="top-center" />
          <QueryClientProvider client={queryClient}>
            <LanguageSync />
            <BrowserRouter>
              <Suspense fallback={<FullPageLoader />}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route element={<RequireAuth />}>
                    <Route index element={<HomePage />} />
                    <Route path="/profile" element={<ProfilePage />} />
                    <Route path="/requests" element={<RequestsPage />} />
                    <Route path="/requests/new" element={<NewRequestPage />} />
                    <Route path="/requests/:id" element={<RequestPage />} />
                    <Route path="/channels" element={<ChannelsPage />} />
                    <Route path="/channels/:id" element={<ChannelPage />} />
                    <Route path="/reports" element={<ReportsPage />} />
                    <Route path="/reports/new" element={<ReportEditorPage />} />
                    <Route path="/reports/import" element={<ImportPage />} />
                    <Route path="/reports/:id" element={<ReportPage />} />
                    <Route path="/reports/:id/edit" element={<ReportEditPage />} />
                    <Route path="/reports/:id/print" element={<ReportPrintPage />} />
                    <Route path="/search" element={<SearchPage />} />
                    <Route path="/entities/:id" element={<EntityPage />} />
                    <Route path="/releases" element={<ReleasesPage />} />
                    <Route path="/releases/:id" element={<ReleasePage />} />
                    <Route path="/submissions" element={<SubmissionsPage />} />
                    <Route path="/submissions/new" element={<SubmissionEditorPage />} />
                    <Route path="/submissions/:id" element={<SubmissionPage />} />
                    <Route path="/submissions/:id/edit" element={<SubmissionEditPage />} />
                    <Route path="/consents" element={<ConsentsPage />} />
                    <Route path="/directory" element={<DirectoryPage />} />
                    <Route path="/directory/desks/:id" element={<DeskPage />} />
                    <Route path="/map" element={<MapPage />} />
                    <Route path="/working-groups" element={<WorkingGroupsPage />} />
                    <Route path="/working-groups/:id" element={<WorkingGroupPage />} />
                    <Route path="/commitments" element={<CommitmentsPage />} />
                    <Route path="/commitments/:id" element={<CommitmentPage />} />
                    <Route path="/reciprocity" element={<ReciprocityPage />} />
                    <Route path="/meetings/:id" element={<MeetingPage />} />
                    <Route path="/admin/*" element={<AdminRoutes />} />
                    <Route path="/audit" element={<AuditPage />} />
                  </Route>
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
              </Suspense>
            </BrowserRouter>
          </QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
