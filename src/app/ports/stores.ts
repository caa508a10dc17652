import type { ObjectId } from '../../domain/licensing.ts';
import type { PriceChange } from './price-history.ts';

/** A stored value with the ETag that guards its next write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A write lost an ETag race: re-read and answer from the new state. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  readonly code = 'CONCURRENCY_CONFLICT';
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * Where the bot can write later without being spoken to: a personal chat (for a requester's
 * notifications) or a team channel / group chat (for approvals and alerts).
 */
export interface StoredConversation {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  /** The user of a personal chat. */
  userId?: ObjectId;
  /** The team of a channel (`channelData.team.id`), so removing the bot forgets all of them. */
  teamId?: string;
  /** The Bot Framework conversation reference as JSON: service URL, bot, conversation. */
  reference: Record<string, unknown>;
  updatedAt: string;
}

/** How a conversation reference is saved. */
export interface ConversationSaveOptions {
  /**
   * Only a refresh of a reference the bot keeps (every personal message): a cache may skip it
   * when it wrote the same moments ago. An install or `approvals here` writes through.
   */
  refresh?: boolean;
}

export interface ConversationStore {
  save(conversation: StoredConversation, options?: ConversationSaveOptions): Promise<void>;
  get(tenantId: string, conversationId: string): Promise<StoredConversation | null>;
  findPersonal(tenantId: string, userId: ObjectId): Promise<StoredConversation | null>;
  list(tenantId: string, kind?: ConversationKind): Promise<StoredConversation[]>;
  /**
   * Forgets a conversation the bot can no longer write to (it was removed or uninstalled), and
   * its welcome claim, so a reinstall welcomes again. False when nothing was stored.
   */
  remove(tenantId: string, conversationId: string): Promise<boolean>;
  /** Forgets every channel stored with this `teamId`; the ids of those forgotten. */
  removeTeam(tenantId: string, teamId: string): Promise<string[]>;
  /**
   * True for the first caller only, until the conversation is removed: Teams sends two events
   * for one team or group-chat install, possibly at once, and only one of them welcomes.
   */
  claimWelcome(tenantId: string, conversationId: string, at: string): Promise<boolean>;
  /** Gives a claim back (its welcome could not be sent), so the next install event welcomes. */
  releaseWelcome(tenantId: string, conversationId: string): Promise<void>;
}

export interface UserPreferences {
  tenantId: string;
  userId: ObjectId;
  /** Usage location a requester usually asks for, pre-filled on forms. */
  defaultUsageLocation?: string;
  /** Whether the welcome card was already sent. */
  welcomed?: boolean;
  /** An operator's approver's working tenant (`tenant use fabrikam`): their turns act there. */
  workingTenantId?: string;
  updatedAt: string;
}

export interface UserPreferencesStore {
  get(tenantId: string, userId: ObjectId): Promise<Versioned<UserPreferences> | null>;
  /** Creates when `etag` is absent; otherwise replaces only if the stored ETag still matches. */
  save(preferences: UserPreferences, etag?: string): Promise<Versioned<UserPreferences>>;
}

/** A SKU's monthly list price per seat, as the admins keep it, for cost previews. */
export interface SkuPrice {
  tenantId: string;
  skuId: string;
  monthlyAmount: number;
  /** ISO 4217, e.g. "USD". */
  currency: string;
  updatedAt: string;
  /** How many times an admin changed it; absent for a price nobody changed yet (seeded). */
  revision?: number;
  /**
   * The change that set it, kept with it: written in the same item as the price, it is there
   * to record again if its history record was not written (the next save of the SKU does).
   */
  lastChange?: PriceChange;
}

/** The admins' price table: one price per SKU and tenant, each write guarded by its ETag. */
export interface PriceStore {
  list(tenantId: string): Promise<SkuPrice[]>;
  get(tenantId: string, skuId: string): Promise<Versioned<SkuPrice> | null>;
  /**
   * Creates when `etag` is absent (a price already there is a `ConcurrencyConflictError`);
   * otherwise replaces only if the stored ETag still matches (else the same error).
   */
  save(price: SkuPrice, etag?: string): Promise<Versioned<SkuPrice>>;
}
