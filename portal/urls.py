import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from content import views_admin as content_admin_views
from content.api import api_router
from content.sitemaps import AllLocalesSitemap
from portal.media import serve_media

urlpatterns = [
    # Checked before wagtail-localize's own upload view (content/views_admin.py).
    path(
        "admin/localize/translate/<int:translation_id>/pofile/upload/",
        content_admin_views.upload_pofile,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Fixed, language-free addresses podcast apps keep for years.
    path("podcasts/", include("podcasts.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_media, name="media"
        ),
    ]

urlpatterns += i18n_patterns(
    path("search/", content_views.search, name="search"),
    path("feedback/<int:page_id>/", content_views.page_feedback, name="page_feedback"),
    path(
        "topics/<slug:slug>/",
        content_views.term_listing,
        {"kind": "topic"},
        name="topic_listing",
    ),
    path(
        "audiences/<slug:slug>/",
        content_views.term_listing,
        {"kind": "audience"},
        name="audience_listing",
    ),
    path("webinar-registration/", include("webinars.urls")),
    path("webinar-chat/", include("webinars.urls_chat")),
    path("services/", include("services_store.urls")),
    path("store/", include("services_store.urls_public")),
    # Wagtail's page serving comes last: it matches any remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
