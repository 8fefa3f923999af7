import { describe, expect, it } from 'vitest';
import type { DeskDto, DistrictDto } from '../../../core/directory/schemas';
import type { RequestTypeView } from '../../../core/requests/schemas';
import {
  districtsServedBy,
  emptyInputs,
  fieldKeyOfPath,
  fieldProblems,
  fieldValuesOf,
  inputsOf,
  requestTypeOf,
} from './form-model';

const names = (en: string) => ({ en, ar: `${en} (ar)`, he: `${en} (he)` });
const sla = { acknowledgeMinutes: 5, respondMinutes: 15, resolveMinutes: 180 };
type ViewField = RequestTypeView['fields'][number];
const field = (key: string, kind: ViewField['kind'], extra: Partial<ViewField> = {}): ViewField => ({
  key,
  kind,
  labels: names(key),
  help: null,
  required: false,
  options: null,
  min: null,
  max: null,
  maxLength: null,
  ...extra,
});

/** A type as GET /api/request-types shows it: nulls where the configuration sets nothing. */
const movement: RequestTypeView = {
  code: 'movement',
  names: names('Movement'),
  description: null,
  defaultPriority: 'routine',
  sla: { critical: sla, urgent: sla, routine: sla },
  escalation: { steps: [{ afterMinutes: 0, notify: 'desk' }], repeatEveryMinutes: null },
  coordinatorCoSigns: true,
  answerApproval: null,
  handover: false,
  crisisRoom: false,
  category: null,
  ledger: 'completion',
  expiresAfterHours: 72,
  fields: [
    field('unit', 'text', { required: true, maxLength: 20 }),
    field('personnel', 'number', { required: true, min: 1, max: 5000 }),
    field('windowStart', 'datetime', { required: true }),
    field('severity', 'select', {
      options: [
        { value: 'minor', labels: names('Minor') },
        { value: 'grave', labels: names('Grave') },
      ],
    }),
    field('notes', 'textarea'),
  ],
  schema: {},
};

const JERUSALEM = 'Asia/Jerusalem';
const filled = {
  ...emptyInputs(movement),
  unit: '  Battalion 50 ',
  personnel: '١٢٠',
  windowStart: '2026-07-01T08:00',
  severity: 'grave',
};

describe('the request form, checked by the schema the server uses', () => {
  it('turns the API view back into the configuration, nulls into absences', () => {
    const type = requestTypeOf(movement);
    expect(type.escalation.repeatEveryMinutes).toBeUndefined();
    expect(type.fields[0]).toMatchObject({ key: 'unit', maxLength: 20, help: undefined, options: undefined });
    expect(type.fields[1]).toMatchObject({ min: 1, max: 5000 });
  });

  it('sends numbers as numbers (Arabic-Indic digits too), times with the zone offset, and leaves out empty fields', () => {
    expect(fieldValuesOf(movement, filled, JERUSALEM)).toEqual({
      unit: 'Battalion 50',
      personnel: 120,
      windowStart: '2026-07-01T08:00:00+03:00',
      severity: 'grave',
    });
    expect(fieldProblems(movement, filled, JERUSALEM)).toEqual({});
  });

  it('names each problem with a message key of the user’s language', () => {
    const problems = fieldProblems(
      movement,
      { ...filled, unit: 'x'.repeat(21), personnel: '0', windowStart: '2026-07-01', severity: 'huge' },
      JERUSALEM,
    );
    expect(problems).toEqual({
      unit: { i18nKey: 'requests.form.tooLong', values: { count: 20 } },
      personnel: { i18nKey: 'requests.form.atLeast', values: { min: 1 } },
      windowStart: { i18nKey: 'requests.form.dateTime' },
      severity: { i18nKey: 'requests.form.chooseOption' },
    });
    expect(fieldProblems(movement, { ...filled, personnel: '9000' }, JERUSALEM).personnel).toEqual({
      i18nKey: 'requests.form.atMost',
      values: { max: 5000 },
    });
    expect(fieldProblems(movement, { ...filled, personnel: 'many' }, JERUSALEM).personnel).toEqual({
      i18nKey: 'requests.form.notANumber',
    });
  });

  it('requires the required fields, except in a draft', () => {
    const empty = emptyInputs(movement);
    expect(Object.keys(fieldProblems(movement, empty, JERUSALEM)).sort()).toEqual([
      'personnel',
      'unit',
      'windowStart',
    ]);
    expect(fieldProblems(movement, { ...empty, unit: '   ' }, JERUSALEM).unit).toEqual({
      i18nKey: 'requests.form.required',
    });
    expect(fieldProblems(movement, empty, JERUSALEM, { draft: true })).toEqual({});
    // A draft still may not hold a wrong value.
    expect(fieldProblems(movement, { ...empty, personnel: '0' }, JERUSALEM, { draft: true })).toHaveProperty(
      'personnel',
    );
  });

  it("puts a draft's saved values back in the inputs, times on the deployment's clock", () => {
    const saved = fieldValuesOf(movement, filled, JERUSALEM);
    expect(inputsOf(movement, saved, JERUSALEM)).toEqual({
      ...emptyInputs(movement),
      unit: 'Battalion 50',
      personnel: '120',
      windowStart: '2026-07-01T08:00',
      severity: 'grave',
    });
    // The server may answer in UTC: the input still shows the wall-clock time there.
    expect(inputsOf(movement, { windowStart: '2026-07-01T05:00:00.000Z' }, JERUSALEM).windowStart).toBe(
      '2026-07-01T08:00',
    );
    // A value the type no longer has is dropped; a malformed time is shown as it was saved.
    expect(inputsOf(movement, { gone: 'x', windowStart: 'soon' }, JERUSALEM)).toEqual({
      ...emptyInputs(movement),
      windowStart: 'soon',
    });
  });

  it('finds the field a server issue is about', () => {
    expect(fieldKeyOfPath('body.fields.who')).toBe('who');
    expect(fieldKeyOfPath('fields.lastKnownLocation')).toBe('lastKnownLocation');
    expect(fieldKeyOfPath('body.districtId')).toBeNull();
    expect(fieldKeyOfPath('body.fields')).toBeNull();
  });
});

describe('the districts a party raises requests about', () => {
  const place = (id: string, parentId: string | null = null): DistrictDto => ({
    id,
    code: id.toUpperCase(),
    parentId,
    status: '',
    aliases: [],
    names: names(id),
    geometry: null,
    kind: parentId ? 'area' : 'governorate',
    source: null,
  });
  const desk = (id: string, partyCode: string, districtId: string | null) =>
    ({ id, partyCode, districtId }) as DeskDto;

  it('lists each district with a desk of the party, its areas after it', () => {
    const districts = [
      place('hebron'),
      place('h1', 'hebron'),
      place('h2', 'hebron'),
      place('jenin'),
      place('gaza'),
    ];
    const desks = [
      desk('isf-hebron', 'ISF', 'hebron'),
      desk('isf-jenin', 'ISF', 'jenin'),
      desk('pasf-gaza', 'PASF', 'gaza'),
      desk('ussc', 'USSC', null),
    ];
    expect(
      districtsServedBy(districts, desks, 'ISF').map(({ district, areas }) => [
        district.id,
        areas.map((area) => area.id),
      ]),
    ).toEqual([
      ['hebron', ['h1', 'h2']],
      ['jenin', []],
    ]);
  });

  it('for a coordinator, lists the districts of the parties it may ask', () => {
    const districts = [place('hebron'), place('jenin'), place('gaza')];
    const desks = [desk('isf-jenin', 'ISF', 'jenin'), desk('pasf-gaza', 'PASF', 'gaza')];
    const ids = (codes: string[]) =>
      districtsServedBy(districts, desks, codes).map(({ district }) => district.id);
    expect(ids(['PASF'])).toEqual(['gaza']);
    expect(ids(['ISF', 'PASF'])).toEqual(['jenin', 'gaza']);
  });
});
