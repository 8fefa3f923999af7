import { randomBytes } from 'node:crypto';
import type { IdentityService } from '../modules/identity/identity.service';
import { DEMO_PARTIES, DEMO_USERS } from './demo-deployment';

export interface DemoSeedResult {
  created: boolean;
  /** Set only when the password was generated now: it is shown once and never stored in clear. */
  generatedPassword: string | null;
  usernames: string[];
}

/** Creates the demo deployment on an empty database; does nothing once anyone exists. */
export async function seedDemo(
  identity: IdentityService,
  password: string | undefined,
): Promise<DemoSeedResult> {
  const usernames = DEMO_USERS.map((user) => user.username);
  if ((await identity.countUsers()) > 0) return { created: false, generatedPassword: null, usernames };

  const generatedPassword = password ? null : randomBytes(12).toString('base64url');
  const demoPassword = password ?? (generatedPassword as string);
  for (const party of DEMO_PARTIES) await identity.ensureParty(party);
  for (const user of DEMO_USERS) await identity.createUser({ ...user, password: demoPassword });
  return { created: true, generatedPassword, usernames };
}
