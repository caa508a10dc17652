/**
 * One zod field per environment variable, each failing with a message that says what is wrong
 * and what to do. Blank values count as unset, as they do in most hosting portals.
 */
import { z } from 'zod';
import { logLevels } from './settings.ts';

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const text = () => z.preprocess(blankToUndefined, z.string().trim().optional());

/** Entra ids: GUIDs, as the portal shows them (demo ids are not well-formed, see `relaxedId`). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const guid = (what: string) =>
  text().refine((value) => value === undefined || GUID.test(value), {
    message: `is not a GUID. Copy the ${what} from the Azure portal (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`,
  });

/** GUID check for lists, applied in production only: demo tenant ids are not all well-formed. */
export const isGuid = (value: string): boolean => GUID.test(value);

/** A comma-separated list of ids; blanks between commas are dropped. */
export const idList = () =>
  text().transform((value) =>
    value === undefined
      ? undefined
      : value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
  );

export const integer = (min: number, max: number, hint: string) =>
  text()
    .refine((value) => value === undefined || /^\d+$/.test(value), {
      message: `is not a whole number. ${hint}`,
    })
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .refine((value) => value === undefined || (value >= min && value <= max), {
      message: `must be between ${min} and ${max}. ${hint}`,
    });

export const httpsUrl = (hint: string) =>
  text().refine(
    (value) => value === undefined || (URL.canParse(value) && new URL(value).protocol === 'https:'),
    {
      message: `is not an https URL. ${hint}`,
    },
  );

/** http or https, for the embedded run's own loopback services. */
export const webUrl = (hint: string) =>
  text().refine(
    (value) =>
      value === undefined ||
      (URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol)),
    { message: `is not an http or https URL. ${hint}` },
  );

export const flag = (name: string) =>
  text()
    .refine((value) => value === undefined || /^(true|false|1|0|yes|no)$/i.test(value), {
      message: `must be true or false. Set ${name}=true to use it.`,
    })
    .transform((value) => (value === undefined ? undefined : /^(true|1|yes)$/i.test(value)));

export const logLevel = () =>
  text()
    .transform((value) => value?.toLowerCase())
    .refine((value) => value === undefined || (logLevels as readonly string[]).includes(value), {
      message: `must be one of ${logLevels.join(', ')}.`,
    })
    .transform((value) => value as (typeof logLevels)[number] | undefined);

export const appType = () =>
  text()
    .transform((value) => {
      if (value === undefined) {
        return undefined;
      }
      // botbuilder compares case-insensitively and spells it "UserAssignedMsi".
      const known = ['SingleTenant', 'UserAssignedMSI'] as const;
      return known.find((type) => type.toLowerCase() === value.toLowerCase()) ?? value;
    })
    .refine(
      (value) => value === undefined || value === 'SingleTenant' || value === 'UserAssignedMSI',
      {
        message:
          'must be SingleTenant or UserAssignedMSI (Azure Bot Service no longer creates multi-tenant bots). Use the type shown on your Azure Bot resource.',
      },
    )
    .transform((value) => value);

export const mode = () =>
  text()
    .transform((value) => value?.toLowerCase())
    .refine((value) => value === undefined || value === 'embedded' || value === 'production', {
      message: 'must be embedded or production (or unset to decide from the credentials).',
    })
    .transform((value) => value);

export { text };
