import { badRequest } from '../../../../core/errors';
import type { LinkInput, LinkKind } from '../../../../core/requests/schemas';
import { trailMarking } from '../../../../core/requests/visibility';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { insertLink } from '../request-entries.repository';
import { threadParty } from './checks';
import type { RequestCommandDeps } from './deps';

/** The key a link's event and audit entry name the linked record by (platform/events REFERENCES). */
const REFERENCE_KEY: Record<LinkKind, string> = {
  request: 'linkedId',
  report: 'linkedReportId',
  release: 'linkedReleaseId',
  submission: 'linkedSubmissionId',
  channel: 'linkedChannelId',
};

/**
 * Relates a request to a record the caller may read: another request (a
 * movement to the incident it follows), a report, a release, a submission or
 * a channel. Each end keeps its own rule: a reader sees the link only where
 * they may see both ends, and only those hear of it.
 */
export async function linkRecord(
  deps: RequestCommandDeps,
  caller: Caller,
  id: string,
  input: LinkInput,
): Promise<void> {
  const { queries } = deps;
  const target = 'requestId' in input ? { kind: 'request' as const, id: input.requestId } : input;
  const path = 'requestId' in input ? 'body.requestId' : 'body.id';
  const row = await queries.find(caller, id);
  threadParty(caller, row, await queries.relationsOf(caller, row));
  if (target.kind === 'request' && target.id === id)
    throw badRequest('link_to_itself', 'A request cannot be linked to itself.', [
      { path, message: 'This request itself' },
    ]);
  const linked = await deps.linkables[target.kind](caller, target.id);
  if (!linked)
    throw badRequest(
      target.kind === 'request' ? 'unknown_linked_request' : 'unknown_linked_record',
      `There is no such ${target.kind} to link.`,
      [{ path, message: `Unknown ${target.kind}` }],
    );
  await deps.change(caller, 'request.linked', async ({ tx, now, audit, emit }) => {
    await insertLink(tx, {
      request_id: id,
      linked_id: linked.id,
      target_kind: target.kind,
      created_by: caller.actor.userId,
      created_at: now,
    });
    const reference = { [REFERENCE_KEY[target.kind]]: linked.id };
    audit({
      subject: { type: 'request', id },
      details: { kind: target.kind, ...reference },
      marking: trailMarking(markingOfRow(row), { status: row.status, fromParty: row.from_party }),
    });
    // The linked id is a reference: only those who may see both records hear of it.
    emit({
      type: 'request.linked',
      subjectType: 'request',
      subjectId: id,
      data: { kind: target.kind, ...reference },
    });
  });
}
