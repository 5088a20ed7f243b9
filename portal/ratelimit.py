"""A small fixed-window rate limit keyed on an anonymous, daily-rotating client hash.

The key is a hash of the client's IP address and user agent with a salt that changes
every day, so it identifies nobody and cannot be linked across days; it lives only in
the cache, never in the database.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def client_key(request):
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}"
    ip = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(f"{salt}|{ip}|{agent}".encode()).hexdigest()[:32]


def hit(scope, request, limit, window_seconds):
    """Count one request for this client in `scope`; False when over `limit` per window."""
    key = f"ratelimit:{scope}:{client_key(request)}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= limit
