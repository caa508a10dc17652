import type { LicenseWrite, LicenseWriter, LicenseWriteOutcome } from '../ports/license-writer.ts';

/**
 * A `LicenseWriter` that calls `changed` around every write that can move seat counts, so a
 * cache of them (see `CachedDirectory`) never outlives a change License Desk made itself. It is
 * called before the write (nothing read meanwhile is kept) and again once the write is settled,
 * whether it worked or not (a failed or throttled write may still have landed).
 */
export class LicenseWritesClear implements LicenseWriter {
  readonly #writer: LicenseWriter;
  readonly #changed: () => void;

  constructor(writer: LicenseWriter, changed: () => void) {
    this.#writer = writer;
    this.#changed = changed;
  }

  async #around<T>(write: () => Promise<T>): Promise<T> {
    this.#changed();
    try {
      return await write();
    } finally {
      this.#changed();
    }
  }

  assignUserLicenses: LicenseWriter['assignUserLicenses'] = (userId, body) =>
    this.#around(() => this.#writer.assignUserLicenses(userId, body));

  // Graph processes a group's licenses in the background: members' seats move for a while after.
  assignGroupLicenses: LicenseWriter['assignGroupLicenses'] = (groupId, body) =>
    this.#around(() => this.#writer.assignGroupLicenses(groupId, body));

  setUsageLocation: LicenseWriter['setUsageLocation'] = (userId, usageLocation) =>
    this.#writer.setUsageLocation(userId, usageLocation);

  createDynamicGroup: LicenseWriter['createDynamicGroup'] = (body) =>
    this.#writer.createDynamicGroup(body);

  reprocessUser: LicenseWriter['reprocessUser'] = (userId) =>
    this.#around(() => this.#writer.reprocessUser(userId));

  async *writeMany(
    writes: AsyncIterable<LicenseWrite> | Iterable<LicenseWrite>,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<LicenseWriteOutcome> {
    this.#changed();
    try {
      for await (const outcome of this.#writer.writeMany(writes, options)) {
        // Each settled write may have moved seats: a reader between two outcomes sees it.
        this.#changed();
        yield outcome;
      }
    } finally {
      this.#changed();
    }
  }
}
