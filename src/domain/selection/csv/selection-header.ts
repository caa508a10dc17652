import type { SelectionRecord } from './selection-sheet.ts';

/** The columns a selection CSV may have; the first line names them. */
export const SELECTION_CSV_HEADER = 'UserPrincipalName (or ObjectId), LicenseSKU, DisabledPlans';

/** Where each known column is in the header (-1 when absent). */
export interface SelectionColumns {
  upn: number;
  objectId: number;
  license: number;
  disabledPlans: number;
}

/** A header title compared without case, spaces or underscores: `User Principal Name` too. */
const key = (title: string): string => title.toLowerCase().replace(/[\s_]+/g, '');

const titles: Readonly<Record<keyof SelectionColumns, readonly string[]>> = {
  upn: ['userprincipalname'],
  objectId: ['objectid'],
  license: ['licensesku', 'skupartnumber'],
  disabledPlans: ['disabledplans'],
};

/**
 * Where the known columns are, or undefined when the header names no user column (then the
 * first line is data, or the wrong file). Other columns are ignored.
 */
export function selectionColumns(header: SelectionRecord): SelectionColumns | undefined {
  const keys = header.fields.map(key);
  const at = (names: readonly string[]) => keys.findIndex((title) => names.includes(title));
  const columns: SelectionColumns = {
    upn: at(titles.upn),
    objectId: at(titles.objectId),
    license: at(titles.license),
    disabledPlans: at(titles.disabledPlans),
  };
  return columns.upn === -1 && columns.objectId === -1 ? undefined : columns;
}
