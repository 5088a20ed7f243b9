from django.urls import path, re_path

from podcasts import views

urlpatterns = [
    path(
        "feeds/<uuid:feed_key>/<str:language>.xml",
        views.podcast_feed,
        name="podcast_feed",
    ),
    re_path(
        r"^episodes/(?P<guid>[0-9a-f-]{36})/audio\.(?P<extension>mp3|m4a)$",
        views.podcast_audio,
        name="podcast_audio",
    ),
    path(
        "episodes/<uuid:guid>/<str:language>/chapters.json",
        views.podcast_chapters,
        name="podcast_chapters",
    ),
]
