import { describe, expect, it } from 'vitest';
import { US_SCHEME } from '../../../test/support/marking-fixtures';
import { parseMarking } from '../marking/marking';
import { releasableTo } from './releases';

const portion = (mark: string) => parseMarking(US_SCHEME, mark);

describe('what may be released to a party', () => {
  it('keeps NOFORN for the home nationality and REL TO for the nationalities it lists', () => {
    expect(releasableTo(US_SCHEME, portion('(S//NF)'), ['PSE'])).toBe(false);
    expect(releasableTo(US_SCHEME, portion('(S//NF)'), ['USA'])).toBe(true);
    expect(releasableTo(US_SCHEME, portion('(C//REL TO USA, GBR)'), ['PSE'])).toBe(false);
    expect(releasableTo(US_SCHEME, portion('(C//REL TO USA, GBR)'), ['GBR'])).toBe(true);
    expect(releasableTo(US_SCHEME, portion('(U)'), ['PSE'])).toBe(true);
  });

  it('needs every nationality of the party to qualify, and refuses a party with none', () => {
    expect(releasableTo(US_SCHEME, portion('(C//REL TO USA, GBR)'), ['GBR', 'CAN'])).toBe(false);
    expect(releasableTo(US_SCHEME, portion('(U)'), [])).toBe(false);
  });
});
