import type { DirectoryGroup } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';

const LOOKS_LIKE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHOICES_SHOWN = 10;

export type FoundGroup =
  | { kind: 'found'; group: DirectoryGroup }
  | { kind: 'several'; choices: DirectoryGroup[] }
  | { kind: 'none' };

/**
 * The group a request names: by object id, by its exact name (in any case), or by the start of
 * its name when only one group starts so; several are a choice for the requester.
 */
export async function findLicensingGroup(directory: Directory, typed: string): Promise<FoundGroup> {
  const text = typed.trim();
  if (LOOKS_LIKE_ID.test(text)) {
    const group = await directory.findGroup(text);
    return group ? { kind: 'found', group } : { kind: 'none' };
  }
  const matches = await directory.searchGroups(text, { limit: CHOICES_SHOWN + 1 });
  const exact = matches.filter((group) => group.displayName.toLowerCase() === text.toLowerCase());
  if (exact.length === 1) {
    return { kind: 'found', group: exact[0]! };
  }
  if (matches.length === 1) {
    return { kind: 'found', group: matches[0]! };
  }
  if (matches.length === 0) {
    return { kind: 'none' };
  }
  return { kind: 'several', choices: (exact.length > 1 ? exact : matches).slice(0, CHOICES_SHOWN) };
}
