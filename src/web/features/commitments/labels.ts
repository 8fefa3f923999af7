import type { ParseKeys } from 'i18next';
import type { CommitmentAction, CommitmentStatus } from '../../../core/commitments/lifecycle';

export const STATUS_LABELS: Record<CommitmentStatus, ParseKeys> = {
  open: 'commitments.status.open',
  'in-progress': 'commitments.status.in-progress',
  done: 'commitments.status.done',
  dropped: 'commitments.status.dropped',
};

export const ACTION_LABELS: Record<CommitmentAction, ParseKeys> = {
  start: 'commitments.actions.start',
  complete: 'commitments.actions.complete',
  confirm: 'commitments.actions.confirm',
  reopen: 'commitments.actions.reopen',
  drop: 'commitments.actions.drop',
};

export const STATUS_COLOURS: Record<CommitmentStatus, string> = {
  open: 'blue',
  'in-progress': 'cyan',
  done: 'green',
  dropped: 'gray',
};
