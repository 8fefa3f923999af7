/**
 * The largest value of a PostgreSQL `integer` column. A number a client sends
 * for such a column is bounded by it in its schema: above it, the database
 * would fail instead of the request being refused.
 */
export const INT4_MAX = 2_147_483_647;
