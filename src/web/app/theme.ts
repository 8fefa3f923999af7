import { type CSSVariablesResolver, createTheme, Notification } from '@mantine/core';

/**
 * Colours are chosen for WCAG AA contrast on white: shade 8 of blue carries
 * white text at 4.9:1 (Mantine's default shade 6 only manages 3.6:1), and
 * dimmed text is gray 7 rather than gray 6, error text red 9 rather than red 6,
 * and so is a notification's text under its title (Mantine's gray 6 is 3.3:1).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  // Those who ask their system for less motion get no transitions (toasts, menus, dialogs appear at once).
  respectReducedMotion: true,
  // System fonts first; Noto covers Arabic and Hebrew where the system's own font does not.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Notification: Notification.extend({ styles: { description: { color: 'var(--mantine-color-dimmed)' } } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field errors in red 9 (5.6:1 on white); Mantine's red 6 is 3.3:1.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Text of "light" variants (alerts, badges) on their shade-1 backgrounds: Mantine's shade 9 of
    // these hues stays under 4.5:1 there (green 3.8, orange 3.6); these darker tones reach 5.1 or more.
    '--mantine-color-green-light-color': '#1f6b2e',
    '--mantine-color-teal-light-color': '#086048',
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-orange-light-color': '#a63c0a',
  },
  dark: {},
});
