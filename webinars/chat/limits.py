"""Per-participant rate limits for the chat: token buckets, kept in the process's memory.

A participant connected to two processes gets a bucket in each; the limit is there to
keep one eager viewer from flooding 500 screens, not to be exact.
"""

import math
import time


class TokenBucket:
    """`burst` posts at once, then one every `1 / rate` seconds."""

    __slots__ = ("rate", "burst", "tokens", "updated")

    def __init__(self, rate, burst, now):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = now

    def take(self, now):
        """0 when a token was taken, else the seconds until one will be there."""
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

    def full(self, now):
        return self.tokens + (now - self.updated) * self.rate >= self.burst


class RateLimiter:
    """One token bucket per key (a participant in a room), forgotten once it is full again,
    so the table stays as small as the set of recent posters."""

    def __init__(self, rate=0.5, burst=5, clock=time.monotonic):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._buckets = {}
        self._next_sweep = 0.0

    def wait_time(self, key):
        """0 when `key` may act now (and the action is counted), else whole seconds to wait."""
        now = self.clock()
        self._sweep(now)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self.rate, self.burst, now)
        wait = bucket.take(now)
        return math.ceil(wait) if wait else 0

    def _sweep(self, now):
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.burst / self.rate
        for key in [key for key, bucket in self._buckets.items() if bucket.full(now)]:
            del self._buckets[key]
