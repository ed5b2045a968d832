import { AppError } from '../../platform/http/errors.ts';

/**
 * Flood protection for visitors: at most N messages (or uploads) per visitor in any 60 seconds,
 * counted in this process's memory. With several nodes each counts its own requests, so a visitor
 * spread over them could send up to N per node — acceptable for a flood guard, and it costs no round
 * trip on the message path.
 */
const windowMs = 60_000;
const sweepEvery = 10_000;

export class VisitorRateLimiter {
  private readonly sent = new Map<string, number[]>();
  private lastSweep = Date.now();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one message for `key`, or refuses it with 429 and Retry-After when `perMinute` were already sent. */
  take(key: string, perMinute: number, what = 'messages'): void {
    const time = this.now();
    this.sweep(time);
    const recent = (this.sent.get(key) ?? []).filter((at) => at > time - windowMs);
    if (recent.length >= perMinute) {
      const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? time) + windowMs - time) / 1000));
      this.sent.set(key, recent);
      throw new AppError(
        429,
        'rate_limit_exceeded',
        `You're sending ${what} too quickly. Please wait ${retryAfter} second${retryAfter === 1 ? '' : 's'} and try again.`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    recent.push(time);
    this.sent.set(key, recent);
  }

  /** Forgets visitors quiet for a whole window, so memory follows the active ones only. */
  private sweep(time: number): void {
    if (time - this.lastSweep < sweepEvery) return;
    this.lastSweep = time;
    for (const [key, times] of this.sent) if ((times.at(-1) ?? 0) <= time - windowMs) this.sent.delete(key);
  }
}
