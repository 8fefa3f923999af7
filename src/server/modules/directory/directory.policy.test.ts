import { describe, expect, it } from 'vitest';
import {
  mayAdministerDirectory,
  mayDeleteHandoverNote,
  mayDisablePerson,
  mayKeepRoster,
  maySeeGroup,
  maySeePerson,
  mayWriteHandoverNotes,
} from './directory.policy';

const desk = { id: 'desk-1', party_code: 'ISF' };
const viewer = (roles: string[], party: string | null = 'ISF', deskIds: string[] = []) => ({
  userId: 'me',
  roles,
  party,
  deskIds,
});

describe('the directory policy', () => {
  it('lets administrators keep the directory, and nobody else', () => {
    expect(mayAdministerDirectory(viewer(['administrator']))).toBe(true);
    expect(mayAdministerDirectory(viewer(['supervisor', 'coordinator']))).toBe(false);
  });

  it('lets administrators and the desk party’s supervisors keep its roster', () => {
    expect(mayKeepRoster(viewer(['administrator'], null), desk)).toBe(true);
    expect(mayKeepRoster(viewer(['supervisor']), desk)).toBe(true);
    expect(mayKeepRoster(viewer(['supervisor'], 'PASF'), desk)).toBe(false);
    expect(mayKeepRoster(viewer(['officer'], 'ISF', [desk.id]), desk)).toBe(false);
  });

  it('lets the desk’s officers and their party’s supervisors write its handover notes', () => {
    expect(mayWriteHandoverNotes(viewer(['officer'], 'ISF', [desk.id]), desk)).toBe(true);
    expect(mayWriteHandoverNotes(viewer(['supervisor']), desk)).toBe(true);
    expect(mayWriteHandoverNotes(viewer(['administrator']), desk)).toBe(false);
    expect(mayWriteHandoverNotes(viewer(['supervisor'], 'PASF'), desk)).toBe(false);
  });

  it('lets only the author delete a handover note', () => {
    expect(mayDeleteHandoverNote({ userId: 'me' }, { author_id: 'me' })).toBe(true);
    expect(mayDeleteHandoverNote({ userId: 'me' }, { author_id: 'other' })).toBe(false);
    expect(mayDeleteHandoverNote({ userId: 'me' }, { author_id: null })).toBe(false);
  });

  it('lets administrators disable accounts but their own, and see disabled ones', () => {
    expect(mayDisablePerson(viewer(['administrator']), 'other')).toBe(true);
    expect(mayDisablePerson(viewer(['administrator']), 'me')).toBe(false);
    expect(mayDisablePerson(viewer(['supervisor']), 'other')).toBe(false);
    expect(maySeePerson(viewer(['administrator']), { disabled_at: new Date() })).toBe(true);
    expect(maySeePerson(viewer(['officer']), { disabled_at: new Date() })).toBe(false);
    expect(maySeePerson(viewer(['officer']), { disabled_at: null })).toBe(true);
  });

  it('shows working groups to everyone and need-to-know groups to their members and administrators', () => {
    const group = { kind: 'need-to-know', member_ids: ['member'] };
    expect(maySeeGroup(viewer(['officer']), { kind: 'working-group', member_ids: [] })).toBe(true);
    expect(maySeeGroup(viewer(['officer']), group)).toBe(false);
    expect(maySeeGroup({ userId: 'member', roles: [] }, group)).toBe(true);
    expect(maySeeGroup(viewer(['administrator']), group)).toBe(true);
  });
});
