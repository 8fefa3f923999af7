import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../core/identity/password-rules';
import { PasswordField } from '../../components/PasswordField';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { isApiError } from '../../lib/api';
import { ErrorAlert, FieldIssueText } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useChangePassword } from './api';

/** Where the server reports problems with each field (see the API's problem `errors[].path`). */
const CURRENT_PATHS = ['currentPassword', 'body.currentPassword'];
const NEW_PATHS = ['password', 'newPassword', 'body.newPassword'];

export function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : <T i18nKey="password.currentRequired" />),
      newPassword: (value) =>
        [...value].length >= PASSWORD_MIN_LENGTH ? null : (
          <T i18nKey="password.tooShort" values={{ count: PASSWORD_MIN_LENGTH }} />
        ),
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : <T i18nKey="password.mismatch" />,
    },
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          change.reset();
          notify('green', t('password.changed'));
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const current = error.fieldIssue(...CURRENT_PATHS);
          const fresh = error.fieldIssue(...NEW_PATHS);
          if (current)
            form.setFieldError('currentPassword', <FieldIssueText error={error} issue={current} />);
          if (fresh) form.setFieldError('newPassword', <FieldIssueText error={error} issue={fresh} />);
          if (current || fresh) change.reset(); // said beside the field; no second copy above the button
        },
      },
    );
  });

  return (
    <Section id="password" title={t('password.title')} description={t('password.description')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" mt="md" maw={420}>
          <PasswordField
            label={t('password.current')}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={t('password.new')}
            description={t('password.rules', { count: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordField
            label={t('password.confirm')}
            autoComplete="new-password"
            {...form.getInputProps('confirmPassword')}
          />
          <ErrorAlert error={change.error} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
