import { type FormValidateInput, type UseFormReturnType, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useInvalidateDirectory } from '../directory/api';

/** Errors that name no field but are about one, for every directory form. */
const FIELD_OF_CODE: Record<string, string> = {
  code_taken: 'code',
  username_taken: 'username',
  unit_cycle: 'parentId',
  district_cycle: 'parentId',
  parent_of_other_party: 'parentId',
  counterpart_same_party: 'counterpartId',
  counterpart_other_district: 'counterpartId',
  counterpart_is_self: 'counterpartId',
  unit_of_other_party: 'unitId',
  desk_of_other_party: 'deskIds',
  unknown_clearance: 'clearance',
  password_too_short: 'password',
  password_too_common: 'password',
  password_too_simple: 'password',
  password_contains_username: 'password',
};

/**
 * The one way administration edits an entry: a form in a dialog that saves
 * through `save`, puts the server's messages beside their fields, refreshes
 * the directory and closes. Rendered only while open, so each opening starts
 * from `initialValues`.
 */
export function EditorModal<Values extends Record<string, unknown>>({
  title,
  submitLabel,
  initialValues,
  validate,
  save,
  savedMessage,
  onClose,
  children,
}: {
  title: ReactNode;
  submitLabel?: ReactNode;
  initialValues: Values;
  validate?: FormValidateInput<Values>;
  save: (values: Values) => Promise<unknown>;
  savedMessage: string;
  onClose: () => void;
  children: (form: UseFormReturnType<Values>) => ReactNode;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDirectory();
  const form = useForm<Values>({ mode: 'controlled', initialValues, validate });
  const mutation = useMutation({ mutationFn: save });

  const submit = form.onSubmit((values) =>
    mutation.mutate(values, {
      onSuccess: async () => {
        await invalidate();
        notify('green', savedMessage);
        onClose();
      },
      onError: (error) => applyServerErrors(form, error, FIELD_OF_CODE) && mutation.reset(),
    }),
  );

  return (
    <FormModal
      title={title}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={submitLabel ?? t('common.save')}
      loading={mutation.isPending}
      error={mutation.error}
    >
      {children(form)}
    </FormModal>
  );
}
