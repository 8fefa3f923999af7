import { Checkbox, Group, MultiSelect, NativeSelect, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyDto } from '../../core/directory/schemas';
import { formatBanner, formatPortion, hasNoforn, MarkingError } from '../../core/marking/marking';
import type { ClassificationScheme } from '../../core/marking/scheme';
import { useLocalised } from '../lib/use-localised';
import { MarkingBanner } from './MarkingBanner';

/** What an author picks: the classification parts and the audience parties. */
export interface MarkingChoice {
  level: string;
  caveats: string[];
  relTo: string[];
  parties: string[];
}

export function initialMarkingChoice(scheme: ClassificationScheme, ownParty: string | null): MarkingChoice {
  return { level: scheme.levels[0]?.code ?? '', caveats: [], relTo: [], parties: ownParty ? [ownParty] : [] };
}

const classificationOf = (choice: MarkingChoice) => ({
  level: choice.level,
  caveats: choice.caveats,
  relTo: choice.relTo.length ? choice.relTo : null,
});

/** The banner the server is sent ("SECRET//REL TO USA, GBR"); throws MarkingError for a contradiction. */
export function bannerOf(scheme: ClassificationScheme, choice: MarkingChoice): string {
  return formatBanner(scheme, classificationOf(choice));
}

function preview(scheme: ClassificationScheme, choice: MarkingChoice) {
  try {
    const classification = classificationOf(choice);
    return {
      marking: {
        level: choice.level,
        banner: formatBanner(scheme, classification),
        portion: formatPortion(scheme, classification),
      },
    };
  } catch (error) {
    if (error instanceof MarkingError) return { problem: error.message };
    throw error;
  }
}

/**
 * Level, caveats, releasability and audience, with the banner they make shown
 * as the author chooses. Names come from the scheme in the user's language;
 * the codes stay as they are printed on records. Records whose audience is
 * fixed (a request's is its two parties) leave the audience out.
 */
export function ClassificationPicker({
  scheme,
  parties,
  value,
  onChange,
  error,
  withAudience = true,
}: {
  scheme: ClassificationScheme;
  /** Their nationalities are offered for releasability, and they for the audience. */
  parties: PartyDto[];
  value: MarkingChoice;
  onChange: (value: MarkingChoice) => void;
  error?: ReactNode;
  withAudience?: boolean;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const noforn = hasNoforn(scheme, value.caveats);
  // The home nationality is offered too: a list of it alone (REL TO USA) must survive an edit, not widen to none.
  const nationalities = [
    scheme.homeNationality,
    ...[...new Set(parties.flatMap((party) => party.nationalities))]
      .filter((code) => code !== scheme.homeNationality)
      .sort(),
  ];
  const shown = preview(scheme, value);
  const set = (change: Partial<MarkingChoice>) => onChange({ ...value, ...change });

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('marking.level')}
        data={scheme.levels.map((level) => ({ value: level.code, label: localised(level.names) }))}
        value={value.level}
        onChange={(event) => set({ level: event.currentTarget.value })}
      />
      {scheme.caveats.length > 0 && (
        <Checkbox.Group
          label={t('marking.caveats')}
          value={value.caveats}
          onChange={(caveats) => set({ caveats, relTo: hasNoforn(scheme, caveats) ? [] : value.relTo })}
        >
          <Stack gap={6} mt={4}>
            {scheme.caveats.map((caveat) => (
              <Checkbox
                key={caveat.code}
                value={caveat.code}
                label={
                  <>
                    {localised(caveat.names)}{' '}
                    <Text span size="xs" c="dimmed" dir="ltr">
                      ({caveat.code})
                    </Text>
                  </>
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <MultiSelect
        label={t('marking.relTo', { prefix: scheme.releasabilityPrefix })}
        description={
          noforn ? t('marking.relToNoforn') : t('marking.relToHint', { home: scheme.homeNationality })
        }
        data={nationalities}
        value={value.relTo}
        onChange={(relTo) => set({ relTo })}
        disabled={noforn}
        searchable
        clearable
      />
      {withAudience && (
        <Checkbox.Group
          label={t('marking.audience')}
          description={t('marking.audienceHint')}
          value={value.parties}
          onChange={(chosen) => set({ parties: chosen })}
        >
          <Group gap="md" mt={4}>
            {parties.map((party) => (
              <Checkbox key={party.code} value={party.code} label={localised(party.names)} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      <div aria-live="polite">
        <Text size="sm" fw={600} mb={4}>
          {t('marking.preview')}
        </Text>
        {shown.marking ? (
          <MarkingBanner marking={shown.marking} />
        ) : (
          <Text c="red.9" size="sm" dir="ltr">
            {shown.problem}
          </Text>
        )}
        {error && (
          <Text c="red.9" size="sm" mt={4} role="alert">
            {error}
          </Text>
        )}
      </div>
    </Stack>
  );
}
