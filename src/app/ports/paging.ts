/** One page of a list, and the token to ask for the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

export interface PageRequest {
  /** At most this many items per page. */
  pageSize?: number;
  /** From the previous page; absent for the first. */
  continuationToken?: string;
}
