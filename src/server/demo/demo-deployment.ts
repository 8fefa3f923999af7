import type { Locale } from '../../core/i18n/locales';
import type { CreateUserRequest } from '../../core/identity/schemas';

/**
 * The demo deployment: the USSC setting from the seed documents. A deployment
 * configuration file replaces this with the directory issue; until then the
 * demo is data, kept apart from the code that loads it.
 */
export const DEMO_PARTIES: { code: string; kind: 'coordinator' | 'party'; names: Record<Locale, string> }[] =
  [
    {
      code: 'USSC',
      kind: 'coordinator',
      names: {
        en: 'Office of the U.S. Security Coordinator',
        ar: 'مكتب المنسق الأمني الأمريكي',
        he: 'משרד המתאם הביטחוני האמריקאי',
      },
    },
    {
      code: 'ISF',
      kind: 'party',
      names: { en: 'Israeli Security Forces', ar: 'قوات الأمن الإسرائيلية', he: 'כוחות הביטחון של ישראל' },
    },
    {
      code: 'PASF',
      kind: 'party',
      names: {
        en: 'Palestinian Authority Security Forces',
        ar: 'قوات الأمن التابعة للسلطة الفلسطينية',
        he: 'כוחות הביטחון של הרשות הפלסטינית',
      },
    },
  ];

export type DemoUser = Omit<CreateUserRequest, 'password'>;

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    displayName: 'System Administrator',
    roles: ['administrator'],
    language: 'en',
    nationality: 'USA',
    clearance: 'S',
    partyCode: 'USSC',
  },
  {
    username: 'coord.duty',
    displayName: 'Maj. Sarah Mitchell',
    roles: ['coordinator', 'duty-officer'],
    language: 'en',
    nationality: 'USA',
    clearance: 'S',
    partyCode: 'USSC',
  },
  {
    username: 'coord.gbr',
    displayName: 'Lt Col James Whitfield',
    roles: ['coordinator'],
    language: 'en',
    nationality: 'GBR',
    clearance: 'S',
    partyCode: 'USSC',
  },
  {
    username: 'isf.hebron',
    displayName: 'Capt. Noa Levi',
    roles: ['officer', 'duty-officer'],
    language: 'en',
    nationality: 'ISR',
    clearance: 'C',
    partyCode: 'ISF',
  },
  {
    username: 'isf.supervisor',
    displayName: 'Lt Col Avi Mizrahi',
    roles: ['supervisor'],
    language: 'en',
    nationality: 'ISR',
    clearance: 'S',
    partyCode: 'ISF',
  },
  {
    username: 'pasf.hebron',
    displayName: 'Capt. Ahmad Khatib',
    roles: ['officer', 'duty-officer'],
    language: 'en',
    nationality: 'PSE',
    clearance: 'C',
    partyCode: 'PASF',
  },
  {
    username: 'pasf.supervisor',
    displayName: 'Col. Khalil Nasser',
    roles: ['supervisor'],
    language: 'en',
    nationality: 'PSE',
    clearance: 'S',
    partyCode: 'PASF',
  },
];
