/** How people name a report: RPT- and its number, drawn at random among eight digits (RPT-30571946); older ones have six (RPT-000123). */
export const reportReference = (number: string | number) => `RPT-${String(number).padStart(6, '0')}`;
