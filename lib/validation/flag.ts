import { z } from 'zod';

/** A yes/no text value (environment variables, query flags): true/false, 1/0, yes/no. */
export const flagString = (message = 'must be true or false') =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message }).transform((v) => v === 'true' || v === '1' || v === 'yes');
