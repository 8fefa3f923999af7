import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { readableTextOn } from '../lib/contrast';
import { useLevel } from '../lib/deployment';
import { useLocalised } from '../lib/use-localised';
import classes from './MarkingBanner.module.css';

export interface ShownMarking {
  /** Level code, e.g. "C": picks the colour and the localised name from the scheme. */
  level: string;
  banner: string;
  portion: string;
}

const FALLBACK_COLOUR = '#495057';

/**
 * A record's classification as people recognise it: the banner
 * ("SECRET//REL TO USA, GBR") in its level's colour, or the compact portion
 * mark "(S//REL TO USA, GBR)". Markings are written left to right in every
 * language; screen readers hear "Classification: …" before them.
 */
export function MarkingBanner({
  marking,
  variant = 'banner',
}: {
  marking: ShownMarking;
  variant?: 'banner' | 'portion';
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const level = useLevel(marking.level);
  const background = level?.colour ?? FALLBACK_COLOUR;
  const colours = { backgroundColor: background, color: readableTextOn(background) };
  const label = t('marking.label');

  if (variant === 'portion') {
    return (
      <span className={classes.portion} style={colours}>
        <VisuallyHidden>{`${label}: ${marking.banner}`}</VisuallyHidden>
        <span aria-hidden dir="ltr" lang="en">
          {marking.portion}
        </span>
      </span>
    );
  }
  const localName = level ? localised(level.names) : null;
  return (
    <div className={classes.banner} style={colours} role="note">
      <VisuallyHidden>{`${label}:`}</VisuallyHidden>
      <span dir="ltr" lang="en">
        {marking.banner}
      </span>
      {localName && localName.toUpperCase() !== marking.banner && (
        <span className={classes.localName}>{localName}</span>
      )}
    </div>
  );
}
