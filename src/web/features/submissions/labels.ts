import type { ParseKeys } from 'i18next';
import type { ReleaseInstruction } from '../../../core/submissions/schemas';

export const INSTRUCTION_LABELS: Record<ReleaseInstruction, ParseKeys> = {
  'not-releasable': 'submissions.instruction.not-releasable',
  'releasable-to': 'submissions.instruction.releasable-to',
  'releasable-after-consent': 'submissions.instruction.releasable-after-consent',
};

export const CONSENT_STATUS_LABELS = {
  pending: 'consents.status.pending',
  approved: 'consents.status.approved',
  refused: 'consents.status.refused',
} as const satisfies Record<string, ParseKeys>;
