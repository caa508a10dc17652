import { z } from 'zod';

/** A name, UPN or email to look up: present, and short enough to be one. */
export const lookupText = z.string().trim().min(1).max(256);
