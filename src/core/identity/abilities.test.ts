import { describe, expect, it } from 'vitest';
import { abilitiesOf } from './abilities';
import type { Role } from './schemas';

const coordinator = { code: 'UNC', kind: 'coordinator' as const };
const party = { code: 'ALPHA', kind: 'party' as const };
const of = (roles: Role[], p: typeof coordinator | typeof party | null) => abilitiesOf({ roles, party: p });

describe('abilitiesOf', () => {
  it('gives an administrator alone no request to raise, in any party, but administration and the audit log', () => {
    for (const p of [coordinator, party]) {
      const abilities = of(['administrator'], p);
      expect(abilities.raiseRequests).toBe(false);
      expect(abilities.raiseRequestsAsCoordinator).toBe(false);
      expect(abilities.receiveRequests).toBe(false);
      expect(abilities.administer).toBe(true);
      expect(abilities.audit).toBe(true);
    }
  });

  it("lets a party's coordinating people raise and receive requests, naming no party", () => {
    for (const role of ['officer', 'duty-officer', 'supervisor', 'coordinator'] as Role[]) {
      const abilities = of([role], party);
      expect(abilities.raiseRequests).toBe(true);
      expect(abilities.raiseRequestsAsCoordinator).toBe(false);
      expect(abilities.receiveRequests).toBe(true);
      expect(abilities.writeReports).toBe(false);
      expect(abilities.browseReports).toBe(false);
    }
  });

  it("has the coordinator's people name the party they ask, and only its officers and coordinators write reports", () => {
    expect(of(['officer'], coordinator)).toMatchObject({
      raiseRequests: true,
      raiseRequestsAsCoordinator: true,
      receiveRequests: false,
      writeReports: true,
      importCables: true,
    });
    expect(of(['duty-officer'], coordinator)).toMatchObject({
      raiseRequests: true,
      writeReports: false,
      browseReports: true,
    });
    expect(of(['supervisor'], coordinator)).toMatchObject({ overseeRequests: true, writeReports: false });
  });

  it('gives nobody without a party a request to raise or a channel to open', () => {
    expect(of(['coordinator'], null)).toMatchObject({
      raiseRequests: false,
      openChannels: false,
      openCrisisRooms: false,
      writeReports: false,
    });
  });

  it("opens crisis rooms for coordinators and the directory's channels for administrators and coordinators", () => {
    expect(of(['coordinator'], coordinator)).toMatchObject({
      openCrisisRooms: true,
      syncDirectoryChannels: true,
    });
    expect(of(['officer'], party)).toMatchObject({ openCrisisRooms: false, openChannels: true });
    expect(of(['administrator'], coordinator)).toMatchObject({
      openCrisisRooms: false,
      syncDirectoryChannels: true,
    });
  });
});
