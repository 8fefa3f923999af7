import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords';

const codeOf = (password: string, username = 'isf.hebron') => {
  try {
    assertPasswordAcceptable(password, username);
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('password policy', () => {
  it('accepts long, uncommon passphrases, in any script', () => {
    expect(codeOf('olive-tree-at-dawn-42')).toBe('ok');
    expect(codeOf('שמש-על-הגבעות-בבוקר')).toBe('ok');
    expect(codeOf('شمس على التلال صباحا')).toBe('ok');
  });

  it('refuses short ones, counting characters rather than bytes', () => {
    expect(codeOf('elevenchars')).toBe('password_too_short');
    expect(codeOf('אבגדהוזחטיכ')).toBe('password_too_short'); // 11 Hebrew letters, 22 bytes
  });

  it('refuses the most common passwords, also when decorated', () => {
    for (const common of ['123456789012', 'qwertyuiop123', 'Password2024!', '!!Football1234']) {
      expect(codeOf(common), common).toBe('password_too_common');
    }
  });

  it('refuses repetitive passwords and ones that contain the username', () => {
    expect(codeOf('abababababababab')).toBe('password_too_simple');
    expect(codeOf('my-isf.hebron-secret')).toBe('password_contains_username');
  });

  it('throws typed 400 errors naming the field', () => {
    expect(() => assertPasswordAcceptable('short', 'x')).toThrow(AppError);
  });
});

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('olive-tree-at-dawn-42');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'olive-tree-at-dawn-42')).toBe(true);
    expect(await verifyPassword(hash, 'olive-tree-at-dawn-43')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
