"""Registrations are erased 30 days (a setting) after the webinar, except the e-mail
address of people who asked to hear about future webinars."""

import datetime

import pytest

from portal.scheduling import RECURRING_JOBS
from tests.factories import RegistrationFactory
from webinars.emails import claim
from webinars.models import Registration
from webinars.retention import purge_past_registrations

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_the_purge_is_a_recurring_job():
    functions = {func for func, _type, _minutes in RECURRING_JOBS.values()}
    assert "webinars.retention.purge_past_data" in functions


def test_registrations_are_erased_30_days_after_the_webinar(webinar):
    plain = RegistrationFactory(webinar=webinar)
    no_email = RegistrationFactory(webinar=webinar, email="")
    assert claim(plain, "reminder", "1h")
    assert purge_past_registrations(webinar.ends_at + 29 * DAY) == 0
    assert purge_past_registrations(webinar.ends_at + 31 * DAY) == 2
    assert not Registration.objects.filter(pk__in=[plain.pk, no_email.pk]).exists()


def test_people_who_opted_in_keep_only_their_address(webinar):
    kept = RegistrationFactory(webinar=webinar, keep_informed=True, display_name="Amina")
    assert claim(kept, "reminder", "1h")
    assert purge_past_registrations(webinar.ends_at + 31 * DAY) == 0
    kept.refresh_from_db()
    assert (kept.display_name, kept.email) == ("", kept.email)
    assert not kept.notifications.exists()


def test_the_delay_is_a_setting(webinar, settings):
    settings.WEBINAR_RETENTION_DAYS = 7
    RegistrationFactory(webinar=webinar)
    assert purge_past_registrations(webinar.ends_at + 8 * DAY) == 1


def test_registrations_of_coming_webinars_are_kept(webinar):
    RegistrationFactory(webinar=webinar)
    assert purge_past_registrations() == 0
    assert Registration.objects.count() == 1
