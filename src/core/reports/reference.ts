/** How people name a report: RPT- and its number in six digits (RPT-000123). */
export const reportReference = (number: string | number) => `RPT-${String(number).padStart(6, '0')}`;
