"""Periodic review with teeth, over a simulated year day by day: reminders 30 and 7 days
before, the overdue notice, hidden after the grace period, each e-mail once; a review
brings the service back and starts the next cycle."""

import datetime

import pytest
from django.core import mail

from portal.scheduling import RECURRING_JOBS
from services_store import reviews
from services_store.lifecycle import TransitionRefused
from services_store.models import (
    Decision,
    LifecycleState,
    Rating,
    ReviewNotice,
    Service,
    ServiceVisitDay,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 5)
GREEN = dict.fromkeys(reviews.ServiceReview.RATED_POINTS, Rating.GREEN)


@pytest.fixture
def service(users_by_role):
    # Only this service is live here (the demo content may hold others; rolled back).
    Service.objects.filter(state=LifecycleState.LIVE).update(state=LifecycleState.BETA)
    owner = UserFactory(username="test-amelie", email="amelie@pes.example.org", groups=["Editors"])
    users_by_role["Managers"].email = "manager@pes.example.org"
    users_by_role["Managers"].save()
    return Service.objects.create(
        slug="hidden-vacancies-test",
        state=LifecycleState.LIVE,
        intrapreneur=owner,
        next_review=datetime.date(2026, 7, 5),
    )


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def test_the_review_job_runs_every_day():
    functions = {func for func, _type, _minutes in RECURRING_JOBS.values()}
    assert "services_store.reviews.run_review_job" in functions


def test_a_year_of_daily_runs_sends_each_notice_once_and_hides_after_grace(service):
    sent = {}
    for day in days(START, START + datetime.timedelta(days=364)):
        # Twice a day, as when a job is retried: nothing goes out twice.
        for _run in range(2):
            for slug, kind in reviews.run_review_job(day):
                assert (slug, kind) not in sent, f"{kind} sent again on {day}"
                sent[(slug, kind)] = day
        service.refresh_from_db()
        if day < datetime.date(2026, 8, 4):
            assert not service.hidden_for_review, day
        else:
            assert service.hidden_for_review, day
    slug = service.slug
    assert sent == {
        (slug, "due30"): datetime.date(2026, 6, 5),
        (slug, "due7"): datetime.date(2026, 6, 28),
        (slug, "overdue"): datetime.date(2026, 7, 6),
        (slug, "hidden"): datetime.date(2026, 8, 4),
    }
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2 + 2 + 2 + 1  # owner and Manager each, owner only when hidden
    assert sum("hidden from the store" in subject for subject in subjects) == 1
    assert ReviewNotice.objects.filter(sent_at__isnull=True).count() == 0
    assert not Service.objects.in_store().filter(pk=service.pk).exists()


def test_a_review_that_keeps_the_service_brings_it_back_and_starts_a_new_cycle(
    service, users_by_role
):
    reviews.run_review_job(datetime.date(2026, 8, 10))
    service.refresh_from_db()
    assert service.hidden_for_review
    ServiceVisitDay.objects.create(
        service=service, date=datetime.date(2026, 8, 1), visits=900, unique_visitors=400
    )
    review = reviews.record_review(
        service,
        users_by_role["Managers"],
        GREEN,
        Decision.KEEP,
        lessons_learnt="Employers liked the printable list.",
        today=datetime.date(2026, 8, 11),
    )
    assert (review.visits, review.unique_visitors) == (900, 400)
    service.refresh_from_db()
    assert not service.hidden_for_review
    assert service.next_review == datetime.date(2027, 2, 11)
    assert reviews.notices_due(service, datetime.date(2027, 1, 12)) == ["due30"]


def test_adjust_sends_the_service_back_to_beta_and_retire_closes_it(service, users_by_role):
    manager = users_by_role["Managers"]
    reviews.run_review_job(datetime.date(2026, 8, 10))  # overdue past its grace: hidden
    service.refresh_from_db()
    assert service.hidden_for_review
    reviews.record_review(service, manager, GREEN, Decision.ADJUST, actions="Fix the map.")
    service.refresh_from_db()
    assert service.state == LifecycleState.BETA
    assert not service.hidden_for_review  # listed again, as a beta
    with pytest.raises(TransitionRefused, match="Only live"):
        reviews.record_review(service, manager, GREEN, Decision.KEEP)
    Service.objects.filter(pk=service.pk).update(state=LifecycleState.LIVE)
    service.refresh_from_db()
    reviews.record_review(service, manager, GREEN, Decision.RETIRE, lessons_learnt="Low use.")
    service.refresh_from_db()
    assert service.state == LifecycleState.RETIRED


def test_only_managers_record_reviews(service, users_by_role):
    for role in ("Editors", "Publishers", "Moderators"):
        with pytest.raises(TransitionRefused):
            reviews.record_review(service, users_by_role[role], GREEN, Decision.KEEP)
    assert not service.reviews.exists()
