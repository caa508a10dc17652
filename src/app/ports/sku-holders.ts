import type { DirectoryUser, SkuId } from '../../domain/licensing.ts';
import type { ListOptions } from './directory.ts';

/**
 * Who holds a SKU, read from the directory: the people to ask before buying more seats. Disabled
 * accounts are read apart from enabled ones, because they are the first place to reclaim a seat.
 */
export interface SkuHolders {
  /**
   * Users who hold the SKU, directly or from a group, whose account is enabled or not, read
   * lazily: nothing is read before the caller iterates. Each comes with its license sources
   * (`licenseAssignmentStates`) and `accountEnabled`.
   */
  listHolders(
    skuId: SkuId,
    accountEnabled: boolean,
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser>;
  /** How many users with an enabled (or disabled) account hold the SKU. */
  countHolders(skuId: SkuId, accountEnabled: boolean): Promise<number>;
}
