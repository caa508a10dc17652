/** The Graph adapter's public face, for the composition root. */
export { createGraphClient } from './graph-client.ts';
export { GraphDirectory } from './graph-directory.ts';
export { GraphLicenseWriter, type GraphLicenseWriterOptions } from './graph-license-writer.ts';
export { graphSettingsSchema, type GraphSettings } from './graph-settings.ts';
export { GRAPH_WRITE_BUDGET, type WriteBudget } from './batch/write-pacer.ts';
export { systemClock } from './system-clock.ts';
