/** How people name a request: REQ- and its number, drawn at random among eight digits (REQ-48210937); older ones have six (REQ-000123). */
export const requestReference = (number: string | number) => `REQ-${String(number).padStart(6, '0')}`;
