import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './layout.module.css';

export const MAIN_ID = 'main-content';

/** The first stop of the Tab key: past the header and navigation, straight to the page. */
export function SkipLink() {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault(); // focus rather than a #fragment in the address, which the router would own
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className={classes.skipLink} href={`#${MAIN_ID}`} onClick={skip}>
      {t('shell.skipToContent')}
    </a>
  );
}
