import { reportReference } from '../core/reports/reference';
import type { LinkedRecord } from '../core/requests/schemas';
import { submissionReference } from '../core/submissions/schemas';
import type { ChannelsModule } from './modules/channels/channels.module';
import { findChannel } from './modules/channels/channels.queries';
import { viewRelease } from './modules/reports/releases.queries';
import type { ReportsDeps } from './modules/reports/reports.deps';
import { visibleHeader } from './modules/reports/reports.queries';
import type { RequestsQueries } from './modules/requests/requests.queries';
import type { SubmissionsDeps } from './modules/submissions/submissions.deps';
import { visibleSubmission } from './modules/submissions/submissions.queries';
import { type Linkables, orNull } from './platform/links';

const record = (fields: Pick<LinkedRecord, 'kind' | 'id' | 'reference' | 'title'>): LinkedRecord => ({
  ...fields,
  type: null,
  status: null,
  summary: null,
});

/**
 * What a request may be linked to, each kind found by its own module's read
 * rule (issue 15): a record the caller may not read does not exist for the
 * link, as it does not for its own page. Reading through a link is not
 * reading the record: nothing here writes a read-audit entry.
 */
export function buildLinkables(modules: {
  requests: RequestsQueries;
  reports: ReportsDeps;
  channels: ChannelsModule;
  submissions: SubmissionsDeps;
}): Linkables {
  const { requests, reports, channels, submissions } = modules;
  return {
    request: (caller, id) => requests.asLink(caller, id),
    report: async (caller, id) => {
      const report = await orNull(visibleHeader(reports, caller.actor, id));
      return (
        report &&
        record({ kind: 'report', id, reference: reportReference(report.number), title: report.title })
      );
    },
    release: async (caller, id) => {
      const view = await orNull(viewRelease(reports, caller, id));
      return (
        view &&
        record({
          kind: 'release',
          id,
          reference: `${view.release.from_party} → ${view.release.to_party}`,
          title: view.release.title,
        })
      );
    },
    submission: async (caller, id) => {
      const row = await orNull(visibleSubmission(submissions, caller.actor, id));
      return (
        row &&
        record({ kind: 'submission', id, reference: submissionReference(row.number), title: row.title })
      );
    },
    channel: async (caller, id) => {
      const channel = await orNull(findChannel(channels.ctx, caller, id));
      return channel && record({ kind: 'channel', id, reference: channel.name, title: channel.name });
    },
  };
}
