import { z } from 'zod';

/** A timestamp in responses: a Date from the database, sent as an ISO 8601 string. */
export const Timestamp = z
  .date()
  .transform((value) => value.toISOString())
  .pipe(z.iso.datetime());
