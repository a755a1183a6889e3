import { z } from 'zod';

/**
 * A name a person typed (a display name, a nickname): trimmed, never empty, and free of control
 * characters, because it is shown to other clients and written into the model's prompt.
 */
export const typedName = (maxLength: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(maxLength)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');
