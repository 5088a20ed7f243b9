"""Run inside the portal (`python bench/feed_show.py`, Django settings from the
environment): create a show with ten years of Monday episodes, then time a cold feed
rebuild against a bare feedgen build of the same entries. Prints one JSON line."""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    django.setup()


def ensure_show(episode_count):
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.models import Site

    from podcasts.demo import _artwork
    from podcasts.demo_audio import generate_demo_mp3
    from podcasts.models import PodcastEpisodePage, PodcastShowPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    show = PodcastShowPage.objects.filter(slug="ten-years").first()
    if show is not None:
        return show
    show = PodcastShowPage(
        title="Ten years of Mondays",
        slug="ten-years",
        description="<p>A show with an episode every Monday for ten years.</p>",
        artwork=_artwork([]),
        author="Public Employment Service",
        owner_name="Podcast team",
        owner_email="podcast@example.org",
    )
    home.add_child(instance=show)
    show.save_revision().publish()
    audio = ContentFile(generate_demo_mp3(5), name="bench.mp3")
    first = PodcastEpisodePage(title="x", show_notes="<p>x</p>")
    first.set_audio(audio)
    audio_name = first.audio_file.name
    ten_years_ago = timezone.now() - datetime.timedelta(weeks=episode_count)
    slots = show.slots_after(ten_years_ago, episode_count)
    for number, slot in enumerate(slots, start=1):
        episode = PodcastEpisodePage(
            title=f"Episode {number}: finding work, week {number}",
            slug=f"episode-{number}",
            episode_number=number,
            show_notes=f"<p>Show notes of episode {number}, with <b>advice</b>.</p>",
            chapters="0:00 Welcome\n0:02 Advice",
            audio_file=audio_name,
            duration_seconds=first.duration_seconds,
            size_bytes=first.size_bytes,
            mime_type=first.mime_type,
            live=True,
            first_published_at=slot,
            last_published_at=slot,
        )
        show.add_child(instance=episode)
        episode.people.create(name="Amina Diallo", role="host", locale=episode.locale)
    return show


def median_seconds(function, repeats):
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def time_builds(show, base_url, repeats=15):
    from django.db import reset_queries

    from podcasts.feed import bare_feedgen_build
    from podcasts.feeds import ShowFeed

    feed = ShowFeed(show, base_url)
    episodes = list(feed.episodes())
    show_data = feed.show_data(episodes)
    items = [feed.item_data(e) for e in episodes]
    cold = median_seconds(lambda: ShowFeed(show, base_url).render(), repeats)
    bare = median_seconds(lambda: bare_feedgen_build(show_data, items), repeats)
    reset_queries()
    return {"episodes": len(episodes), "cold_rebuild_s": cold, "bare_feedgen_s": bare}


def main():
    setup_django()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 520
    base_url = sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:8766"
    show = ensure_show(count)
    result = time_builds(show, base_url)
    result["feed_path"] = show.feed_path
    print(json.dumps(result))


if __name__ == "__main__":
    main()
