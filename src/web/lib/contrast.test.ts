import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contrastRatio, readableTextOn } from './contrast';

describe('readable text on configured colours', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('picks black on light colours and white on dark ones', () => {
    expect(readableTextOn('#ff8c00')).toBe('#000000');
    expect(readableTextOn('#0033a0')).toBe('#ffffff');
  });

  it('reaches WCAG AA (4.5:1) on every level colour of the demo scheme', () => {
    const demo = parse(readFileSync(new URL('../../../deployments/demo.yaml', import.meta.url), 'utf8'));
    for (const level of demo.classification.levels as { code: string; colour: string }[]) {
      const ratio = contrastRatio(level.colour, readableTextOn(level.colour));
      expect({ level: level.code, passes: ratio >= 4.5 }).toEqual({ level: level.code, passes: true });
    }
  });
});
