import type { ClassificationScheme } from '../../../core/marking/scheme';
import {
  type ConsentView,
  type SubmissionSummary,
  type SubmissionView,
  submissionReference,
} from '../../../core/submissions/schemas';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import type { ConsentViewOf, SubmissionListItem, SubmissionViewOf } from './submissions.queries';
import type { ConsentRow, PortionRow } from './submissions.repository';

const person = (names: Map<string, string>, id: string) => ({ id, displayName: names.get(id) ?? '' });

export function presentSubmissionSummary(
  scheme: ClassificationScheme,
  item: SubmissionListItem,
): SubmissionSummary {
  const { submission } = item;
  return {
    id: submission.id,
    reference: submissionReference(submission.number),
    title: submission.title,
    ownerParty: submission.owner_party,
    coordinatorParty: submission.coordinator_party,
    createdAt: submission.created_at.toISOString(),
    updatedAt: submission.updated_at.toISOString(),
    banner: presentMarking(scheme, item.banner),
    pendingConsents: item.pendingConsents,
    releases: item.releases,
  };
}

const presentPortion = (scheme: ClassificationScheme, portion: PortionRow) => ({
  id: portion.id,
  position: portion.position,
  heading: portion.heading,
  text: portion.body,
  portion: presentMarking(scheme, markingOfRow(portion)),
  release: { instruction: portion.instruction, toParty: portion.instruction_party },
});

const presentConsentSummary = (names: Map<string, string>, consent: ConsentRow, visible: Set<string>) => ({
  id: consent.id,
  toParty: consent.release_to,
  status: consent.status,
  // Only the portions the reader may see are named.
  portions: consent.portions.filter((id) => visible.has(id)),
  requestedBy: person(names, consent.requested_by),
  requestedAt: consent.requested_at.toISOString(),
  note: consent.note,
  decision:
    consent.decided_by && consent.decided_at
      ? {
          by: person(names, consent.decided_by),
          at: consent.decided_at.toISOString(),
          note: consent.decision_note,
        }
      : null,
  releaseId: consent.release_id,
});

/** The caller's view: the header, the portions they may see with their instructions, what went where, and what they may do. */
export function presentSubmission(scheme: ClassificationScheme, view: SubmissionViewOf): SubmissionView {
  const { submission, names } = view;
  const visible = new Set(view.portions.map((portion) => portion.id));
  return {
    ...presentSubmissionSummary(scheme, view),
    subject: submission.subject,
    author: person(names, submission.author_id),
    headerMarking: presentMarking(scheme, markingOfRow(submission)),
    version: submission.version,
    portions: view.portions.map((portion) => presentPortion(scheme, portion)),
    releaseHistory: view.releaseHistory.map((release) => ({
      id: release.id,
      toParty: release.to_party,
      releasedBy: person(names, release.released_by),
      releasedAt: release.released_at.toISOString(),
      portions: release.portions,
      consentId: view.consents.find((consent) => consent.release_id === release.id)?.id ?? null,
    })),
    consents: view.consents.map((consent) => presentConsentSummary(names, consent, visible)),
    actions: view.actions,
  };
}

export function presentConsent(scheme: ClassificationScheme, view: ConsentViewOf): ConsentView {
  const visible = new Set(view.portions.map((portion) => portion.id));
  return {
    ...presentConsentSummary(view.names, view.consent, visible),
    submissionId: view.submission.id,
    submissionReference: submissionReference(view.submission.number),
    submissionTitle: view.submission.title,
    ownerParty: view.submission.owner_party,
    portionTexts: view.portions.map((portion) => presentPortion(scheme, portion)),
    banner: presentMarking(scheme, view.banner),
    actions: view.actions,
  };
}
