"""Feed polls answered from the cache before the rest of the middleware and URL routing.

Podcast apps poll feeds all day long, and almost every poll finds the feed unchanged.
Placed right after WhiteNoise, this costs a poll about what a static file costs: one
cache read, one cache add (to count the client once a day) and usually a 304.
"""

import re

from podcasts import feeds
from podcasts.views import feed_base_url, feed_response

FEED_PATH = re.compile(r"^/podcasts/feeds/(?P<feed_key>[0-9a-f-]{36})/(?P<language>[\w-]+)\.xml$")


class FeedCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = FEED_PATH.match(request.path_info)
        if match is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        entry = feeds.cached_feed(match["feed_key"], match["language"], feed_base_url(request))
        if entry is None:
            return self.get_response(request)
        return feed_response(request, entry)
