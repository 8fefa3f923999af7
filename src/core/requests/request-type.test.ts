import { describe, expect, it } from 'vitest';
import { requestTypeSchema } from './request-type';

const names = { en: 'Check', ar: 'فحص', he: 'בדיקה' };
const sla = { acknowledgeMinutes: 5, respondMinutes: 10, resolveMinutes: 60 };
const valid = {
  code: 'check',
  names,
  defaultPriority: 'urgent',
  sla: { critical: sla, urgent: sla, routine: sla },
  escalation: { steps: [{ afterMinutes: 0, notify: 'desk' }] },
  fields: [{ key: 'where', kind: 'text', labels: names }],
};
const problems = (input: unknown) =>
  requestTypeSchema
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('a request type in the deployment file', () => {
  it('takes defaults for what a deployment may leave out', () => {
    const type = requestTypeSchema.parse(valid);
    expect(type.coordinatorCoSigns).toBe(false);
    expect(type.expiresAfterHours).toBe(72);
    expect(type.fields[0]?.required).toBe(false);
  });

  it('points at the field that is wrong', () => {
    expect(
      problems({
        ...valid,
        sla: { ...valid.sla, urgent: { acknowledgeMinutes: 30, respondMinutes: 10, resolveMinutes: 60 } },
        escalation: {
          steps: [
            { afterMinutes: 10, notify: 'desk' },
            { afterMinutes: 5, notify: 'supervisors' },
          ],
        },
        fields: [
          { key: 'where', kind: 'select', labels: names },
          { key: 'where', kind: 'text', labels: names, options: [] },
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        'sla.urgent.respondMinutes: Answering comes after acknowledging',
        'escalation.steps.1.afterMinutes: Steps come in order, each later than the one before',
        'fields.0.options: A select field lists its options',
        'fields.1.key: "where" is used twice',
      ]),
    );
  });

  it('refuses an escalation target nobody knows', () => {
    expect(
      problems({ ...valid, escalation: { steps: [{ afterMinutes: 0, notify: 'president' }] } })?.[0],
    ).toMatch(/^escalation\.steps\.0\.notify/);
  });
});
