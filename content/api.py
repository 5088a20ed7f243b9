"""Read-only JSON API (Wagtail API v2) for a mobile app: guidance pages, filterable by
`locale` and `translation_of` (both built into Wagtail's pages endpoint)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from content.models import GuidancePage


class GuidanceAPIViewSet(PagesAPIViewSet):
    model = GuidancePage
    name = "guidance"


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("guidance", GuidanceAPIViewSet)
