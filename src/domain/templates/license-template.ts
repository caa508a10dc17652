import { z } from 'zod';

/** One SKU of a template: the plans it turns on, or all of them. */
export const templateLicenseSchema = z.object({
  skuPartNumber: z.string().min(1),
  /** Service plan names turned on; every other plan of the SKU is off. 'all' keeps all on. */
  enabledPlans: z.union([z.literal('all'), z.array(z.string().min(1))]),
  /** The SKU's plan names when the template was last saved, to notice plans added or removed. */
  knownPlans: z.array(z.string()).optional(),
});

/** A named bundle of SKUs and enabled plans, stored per tenant and edited by approvers. */
export const licenseTemplateSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(80),
  description: z.string().max(500).optional(),
  licenses: z.array(templateLicenseSchema).min(1),
});

export type TemplateLicense = z.infer<typeof templateLicenseSchema>;
export type LicenseTemplate = z.infer<typeof licenseTemplateSchema>;
