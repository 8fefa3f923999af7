import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PartyDto } from '../../../core/directory/schemas';
import { MarkingError } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { Priority } from '../../../core/requests/request-type';
import type { RequestTypeView } from '../../../core/requests/schemas';
import {
  bannerOf,
  ClassificationPicker,
  initialMarkingChoice,
  type MarkingChoice,
} from '../../components/ClassificationPicker';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { isApiError } from '../../lib/api';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { useDirectory } from '../directory/api';
import { partiesProper } from '../directory/model';
import { useAbilities, useSignedInMe } from '../identity/api';
import { PlacePicker } from '../map/PlacePicker';
import { useCreateRequest } from './api';
import {
  districtsServedBy,
  emptyInputs,
  type FieldInputs,
  fieldKeyOfPath,
  fieldProblems,
  fieldValuesOf,
} from './form-model';
import { FieldsFieldset, focusFirstError, PriorityChoice, ToPartySelect } from './form-parts';

interface FormValues {
  fields: FieldInputs;
  /** Only in a coordinator's request: the party asked. */
  toParty: string;
  districtId: string;
  priority: Priority;
  marking: MarkingChoice;
}

type Districts = ReturnType<typeof districtsServedBy>;

/** The form of one request type, with what every request needs besides: where, how urgent, how marked. */
export function RequestForm({ view }: { view: RequestTypeView }) {
  const { user } = useSignedInMe();
  const asCoordinator = useAbilities().raiseRequestsAsCoordinator;
  const deployment = useDeployment();
  const directory = useDirectory();
  const ready =
    deployment.data && directory.data
      ? { deployment: deployment.data, directory: directory.data }
      : undefined;
  return (
    <Loaded data={ready} error={deployment.error ?? directory.error} refetch={directory.refetch}>
      {({ deployment, directory }) => (
        <TypeForm
          view={view}
          timeZone={deployment.timeZone}
          scheme={deployment.classification}
          parties={directory.parties}
          // A coordinator picks the party it asks; a party's request goes to the other party.
          askable={asCoordinator ? partiesProper(directory.parties) : null}
          districtsOf={(partyCodes) => districtsServedBy(directory.districts, directory.desks, partyCodes)}
          ownParty={user.party?.code ?? ''}
        />
      )}
    </Loaded>
  );
}

function TypeForm({
  view,
  timeZone,
  scheme,
  parties,
  askable,
  districtsOf,
  ownParty,
}: {
  view: RequestTypeView;
  timeZone: string;
  scheme: ClassificationScheme;
  parties: PartyDto[];
  /** The parties a coordinator may ask; null for a party's own people. */
  askable: PartyDto[] | null;
  districtsOf: (partyCodes: string[]) => Districts;
  ownParty: string;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const navigate = useNavigate();
  const create = useCreateRequest();

  const problemsOf = (values: FormValues, draft: boolean): FormErrors => {
    const errors: FormErrors = {};
    for (const [key, problem] of Object.entries(fieldProblems(view, values.fields, timeZone, { draft }))) {
      errors[`fields.${key}`] = <T i18nKey={problem.i18nKey} values={problem.values} />;
    }
    if (!values.districtId) errors.districtId = <T i18nKey="requests.form.districtRequired" />;
    if (askable && !values.toParty) errors.toParty = <T i18nKey="requests.form.toPartyRequired" />;
    return errors;
  };

  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      fields: emptyInputs(view),
      toParty: '',
      districtId: '',
      priority: view.defaultPriority,
      marking: initialMarkingChoice(scheme, null),
    },
    validate: (values) => problemsOf(values, false),
    validateInputOnBlur: true,
  });

  // A party's people ask about where their party keeps desks; a coordinator, where the party it asks does.
  const askedParties = askable
    ? form.values.toParty
      ? [form.values.toParty]
      : askable.map((party) => party.code)
    : [ownParty];
  const districts = districtsOf(askedParties);

  const send = (draft: boolean) => {
    const values = form.getValues();
    const errors = problemsOf(values, draft);
    let classification = '';
    try {
      classification = bannerOf(scheme, values.marking);
    } catch (error) {
      if (!(error instanceof MarkingError)) throw error;
      errors.marking = error.message;
    }
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return focusFirstError();
    create.mutate(
      {
        type: view.code,
        districtId: values.districtId,
        priority: values.priority,
        fields: fieldValuesOf(view, values.fields, timeZone),
        marking: { classification },
        draft,
        ...(askable ? { toParty: values.toParty } : {}),
      },
      {
        onSuccess: (request) => {
          notify(
            'green',
            t(draft ? 'requests.draftSaved' : 'requests.sentTo', { reference: request.reference }),
          );
          navigate(`/requests/${request.id}`);
        },
        onError: (error) => placeServerErrors(error, draft) && create.reset(),
      },
    );
  };

  /** The server's field issues beside their fields, in the user's language where the form knows the rule. */
  const placeServerErrors = (error: unknown, draft: boolean): boolean => {
    const placed = applyServerErrors(form, error, {
      marking_hides_from_receiver: 'marking',
      to_party_required: 'toParty',
      to_own_party: 'toParty',
    });
    if (!isApiError(error)) return placed;
    const local = fieldProblems(view, form.getValues().fields, timeZone, { draft });
    for (const issue of error.errors) {
      const key = fieldKeyOfPath(issue.path);
      const problem = key ? local[key] : undefined;
      if (problem)
        form.setFieldError(`fields.${key}`, <T i18nKey={problem.i18nKey} values={problem.values} />);
    }
    focusFirstError();
    return placed;
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send(false);
      }}
      aria-labelledby="request-form-title"
    >
      <Stack gap="lg">
        <Group justify="space-between" align="baseline">
          <Title order={2} id="request-form-title">
            {localised(view.names)}
          </Title>
          <Anchor component={Link} to="/requests/new" size="sm">
            {t('requests.form.otherType')}
          </Anchor>
        </Group>
        {view.description && <Text>{localised(view.description)}</Text>}
        <FieldsFieldset
          view={view}
          timeZone={timeZone}
          inputProps={(key) => form.getInputProps(`fields.${key}`)}
        />
        <Section id="request-routing" title={t('requests.form.whereAndWhen')}>
          <Stack gap="sm" mt="sm">
            {askable && (
              <ToPartySelect
                parties={askable}
                {...form.getInputProps('toParty')}
                onChange={(event) => {
                  const toParty = event.currentTarget.value;
                  form.setFieldValue('toParty', toParty);
                  // A district the newly chosen party keeps no desk in is no longer a choice.
                  const still = districtsOf([toParty]).some(({ district, areas }) =>
                    [district, ...areas].some((place) => place.id === form.values.districtId),
                  );
                  if (!still) form.setFieldValue('districtId', '');
                }}
              />
            )}
            <PlacePicker
              label={t('requests.district')}
              description={t('requests.form.districtHint')}
              required
              places={districts.flatMap(({ district, areas }) => [district, ...areas])}
              value={form.values.districtId}
              onChange={(id) => {
                form.setFieldValue('districtId', id);
                form.clearFieldError('districtId');
              }}
              error={form.errors.districtId as ReactNode}
            />
            <PriorityChoice view={view} {...form.getInputProps('priority')} />
          </Stack>
        </Section>
        <Section
          id="request-marking"
          title={t('requests.form.classification')}
          description={t('requests.form.classificationHint')}
        >
          <Stack mt="sm">
            <ClassificationPicker
              scheme={scheme}
              parties={parties}
              withAudience={false}
              value={form.values.marking}
              onChange={(marking) => {
                form.setFieldValue('marking', marking);
                form.clearFieldError('marking');
              }}
              error={form.errors.marking as ReactNode}
            />
          </Stack>
        </Section>
        <ErrorAlert error={create.error} />
        <Group gap="sm">
          <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={create.isPending}>
            {t('requests.form.submit')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            disabled={create.isPending}
            onClick={() => send(true)}
          >
            {t('requests.form.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
