import type { Executor } from '../../platform/db/database.ts';
import { deleteAnonymousVisitors } from './data.ts';

/**
 * Anonymous visitors (browsers that booted the Messenger and never wrote nor identified) are kept this
 * long after they were last seen, then forgotten, as Intercom forgets its anonymous visitors: the
 * browser that comes back later simply gets a new visitor id. A visitor that became a lead or a user is
 * never deleted here — its contact and conversations hang on it.
 */
export const anonymousVisitorRetentionDays = 90;
/** One statement deletes at most this many rows, so no run holds many locks or a long transaction. */
const defaultBatchSize = 1000;

/** The daily `messenger.prune_visitors` job, one bounded statement after another; returns how many visitors were deleted. */
export async function pruneAnonymousVisitors(
  db: Executor,
  { retentionDays = anonymousVisitorRetentionDays, batchSize = defaultBatchSize }: { retentionDays?: number; batchSize?: number } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteAnonymousVisitors(db, retentionDays, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
