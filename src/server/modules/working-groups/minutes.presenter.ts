import type { MinutesVersion, MinutesView } from '../../../core/minutes/schemas';
import type { viewMinutes, viewVersion } from './minutes.queries';
import type { SignatureRow } from './minutes.repository';

const presentSignature = (signature: SignatureRow) => ({
  party: signature.party,
  signedBy: { id: signature.user_id, displayName: signature.signer_name },
  version: signature.version,
  digest: signature.digest,
  signedAt: signature.signed_at.toISOString(),
});

export function presentMinutes(view: Awaited<ReturnType<typeof viewMinutes>>): MinutesView {
  const { current } = view;
  return {
    meetingId: view.meeting.id,
    status: view.facts.status,
    version: view.facts.version,
    sections: current?.sections ?? [],
    digest: current?.digest ?? null,
    writtenBy: current ? { id: current.written_by, displayName: current.writer_name } : null,
    writtenAt: current?.written_at.toISOString() ?? null,
    signingParties: [...view.facts.signingParties],
    signatures: view.signatures.map(presentSignature),
    changeRequests: view.changeRequests.map((request) => ({
      party: request.party,
      requestedBy: { id: request.user_id, displayName: request.requester_name },
      version: request.version,
      note: request.note,
      createdAt: request.created_at.toISOString(),
    })),
    actions: view.actions,
  };
}

export function presentVersion(view: Awaited<ReturnType<typeof viewVersion>>): MinutesVersion {
  const { version } = view;
  return {
    version: version.version,
    digest: version.digest,
    writtenBy: { id: version.written_by, displayName: version.writer_name },
    writtenAt: version.written_at.toISOString(),
    signedBy: view.signedBy,
    sections: version.sections,
    changes: view.changes.map((change) => ({
      change: change.change,
      heading: (change.after ?? change.before)?.heading ?? null,
      words: change.words,
    })),
  };
}
