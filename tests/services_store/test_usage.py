"""Counting a service's use through its gate: pages people read are visits, a visitor
counts once per day, nothing identifying is kept, and the anonymous hashes go after
48 hours."""

import datetime

import pytest
from django.utils import timezone

from services_store.models import LifecycleState, Service, ServiceVisitDay, ServiceVisitHit
from services_store.usage import count_visit, purge_raw_hashes

pytestmark = pytest.mark.django_db

EXAMPLE = "example-tool"
HOME = f"/en/services/{EXAMPLE}/"


@pytest.fixture
def service():
    Service.objects.filter(slug=EXAMPLE).update(state=LifecycleState.LIVE)
    ServiceVisitHit.objects.all().delete()
    return Service.objects.get(slug=EXAMPLE)


def figures(service):
    day = ServiceVisitDay.objects.filter(service=service, date=timezone.localdate()).first()
    return (day.visits, day.unique_visitors) if day else (0, 0)


def test_each_page_read_is_a_visit_and_each_visitor_counts_once_a_day(client, service):
    client.get(HOME, HTTP_USER_AGENT="phone A")
    client.get(f"{HOME}items/2/", HTTP_USER_AGENT="phone A")
    client.get(HOME, HTTP_USER_AGENT="phone B")
    assert figures(service) == (3, 2)


def test_api_answers_redirects_and_errors_are_not_visits(client, service):
    assert client.get(f"{HOME}items.json").status_code == 200
    assert client.get(f"{HOME}first/").status_code == 302
    assert client.post(HOME).status_code == 200
    assert figures(service) == (0, 0)


def test_pages_of_a_closed_service_are_not_counted(client, service):
    Service.objects.filter(pk=service.pk).update(state=LifecycleState.BUILDING)
    assert client.get(HOME).status_code == 404
    assert figures(service) == (0, 0)


def test_nothing_identifying_is_stored(client, service):
    client.get(HOME, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 phone")
    (hit,) = ServiceVisitHit.objects.filter(service=service)
    assert len(hit.client_hash) == 32
    assert "203.0.113" not in hit.client_hash and "Mozilla" not in hit.client_hash
    stored = [str(value) for value in ServiceVisitHit.objects.values_list().get()]
    assert not any("203.0.113.7" in value for value in stored)


def test_a_new_day_counts_the_visitor_again(rf, service):
    request = rf.get(HOME, HTTP_USER_AGENT="phone A")
    today = timezone.now()
    count_visit(service, request, now=today)
    count_visit(service, request, now=today)
    count_visit(service, request, now=today + datetime.timedelta(days=1))
    days = dict(
        ServiceVisitDay.objects.filter(service=service).values_list("date", "unique_visitors")
    )
    assert sorted(days.values()) == [1, 1]


def test_the_hashes_are_deleted_after_48_hours(rf, service):
    now = timezone.now()
    count_visit(service, rf.get(HOME, HTTP_USER_AGENT="phone A"), now=now)
    assert purge_raw_hashes(now + datetime.timedelta(hours=47)) == 0
    assert purge_raw_hashes(now + datetime.timedelta(hours=49)) == 1
    assert figures(service)[0] == 1  # the day's figures stay
