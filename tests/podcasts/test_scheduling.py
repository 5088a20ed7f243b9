"""The weekly rhythm: from Thursday, an empty Monday slot warns Publishers, once."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from podcasts.models import MissedSlotWarning
from podcasts.scheduling import warn_about_empty_slots
from tests.factories import PodcastEpisodePageFactory, PodcastShowPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
WEDNESDAY = datetime.datetime(2026, 11, 25, 18, tzinfo=PARIS)
THURSDAY = datetime.datetime(2026, 11, 26, 9, tzinfo=PARIS)
FRIDAY = datetime.datetime(2026, 11, 27, 9, tzinfo=PARIS)
NEXT_THURSDAY = datetime.datetime(2026, 12, 3, 9, tzinfo=PARIS)


@pytest.fixture
def show(home_page):
    return PodcastShowPageFactory(parent=home_page, slug="work-matters")


@pytest.fixture
def publishers(locales):
    return [
        UserFactory(username="pub1", email="pub1@example.org", groups=["Publishers"]),
        UserFactory(username="pub2", email="pub2@example.org", groups=["Publishers"]),
        UserFactory(username="ed", email="ed@example.org", groups=["Editors"]),
    ]


def test_no_warning_before_thursday(show, publishers):
    assert warn_about_empty_slots(now=WEDNESDAY) == 0
    assert mail.outbox == []


def test_publishers_are_warned_once_per_missed_week(show, publishers):
    assert warn_about_empty_slots(now=THURSDAY) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["pub1@example.org", "pub2@example.org"]
    assert "Work Matters" in mail.outbox[0].subject
    assert "2026-11-30 06:00" in mail.outbox[0].subject
    # Every hour after that: nothing new for the same slot.
    assert warn_about_empty_slots(now=FRIDAY) == 0
    assert len(mail.outbox) == 2
    # The next week's empty slot is a new warning.
    assert warn_about_empty_slots(now=NEXT_THURSDAY) == 1
    assert MissedSlotWarning.objects.filter(show=show).count() == 2


def test_a_scheduled_episode_means_no_warning(show, publishers):
    episode = PodcastEpisodePageFactory(parent=show, live=False)
    episode.go_live_at = datetime.datetime(2026, 11, 30, 6, tzinfo=PARIS)
    episode.save_revision().publish()
    assert warn_about_empty_slots(now=THURSDAY) == 0
    assert mail.outbox == []


def test_a_draft_without_approval_still_warns(show, publishers):
    draft = PodcastEpisodePageFactory(parent=show, live=False)
    draft.go_live_at = datetime.datetime(2026, 11, 30, 6, tzinfo=PARIS)
    draft.save_revision()
    draft.save()
    assert warn_about_empty_slots(now=THURSDAY) == 1


def test_dashboard_panel_for_publishers_only(client, show, publishers):
    client.force_login(publishers[0])
    with time_machine.travel(THURSDAY, tick=False):
        response = client.get(reverse("wagtailadmin_home"))
    text = response.content.decode()
    assert "Podcast episodes missing" in text
    assert "Work Matters" in text
    client.force_login(publishers[2])
    with time_machine.travel(THURSDAY, tick=False):
        response = client.get(reverse("wagtailadmin_home"))
    assert "Podcast episodes missing" not in response.content.decode()
