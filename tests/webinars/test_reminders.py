"""Reminders 24 hours and 1 hour before, with a frozen clock: each goes out exactly once,
even when the worker is killed and restarted, or two workers run the job together."""

import datetime

import pytest
import time_machine
from django.core import mail

from portal.scheduling import RECURRING_JOBS
from tests.factories import RegistrationFactory
from webinars import emails
from webinars.models import Notification
from webinars.reminders import send_due_reminders

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: the job stops wherever it is."""


@pytest.fixture
def registrants(webinar):
    webinar.capacity = None
    webinar.save_revision().publish()
    before = webinar.starts_at - 3 * 24 * HOUR
    return [
        RegistrationFactory(webinar=webinar, email=f"person{n}@example.org", created_at=before)
        for n in range(4)
    ]


def run_every_five_minutes(start, end):
    """Run the job as the scheduler would, from `start` to `end`; return how many sent."""
    sent, moment = 0, start
    while moment <= end:
        with time_machine.travel(moment, tick=False):
            sent += send_due_reminders()
        moment += 5 * MINUTE
    return sent


def reminders_by_address():
    counts = {}
    for message in mail.outbox:
        counts[message.to[0]] = counts.get(message.to[0], 0) + 1
    return counts


def test_the_job_is_scheduled_every_five_minutes():
    assert RECURRING_JOBS["Send webinar reminders"][0] == "webinars.reminders.send_due_reminders"


def test_each_registrant_gets_two_reminders_exactly_once(webinar, registrants):
    start = webinar.starts_at
    assert run_every_five_minutes(start - 26 * HOUR, start + HOUR) == 8
    assert reminders_by_address() == {r.email: 2 for r in registrants}
    subjects = {message.subject for message in mail.outbox}
    assert subjects == {"Reminder: Writing a CV that gets read"}
    assert all("/en/webinar-registration/r/" in message.body for message in mail.outbox)


def test_nobody_without_an_address_or_a_place(webinar, registrants):
    RegistrationFactory(webinar=webinar, email="", created_at=registrants[0].created_at)
    RegistrationFactory(webinar=webinar, status="waiting", created_at=registrants[0].created_at)
    run_every_five_minutes(webinar.starts_at - 25 * HOUR, webinar.starts_at)
    assert len(mail.outbox) == 8


def test_a_worker_killed_and_restarted_sends_each_reminder_once(webinar, registrants, monkeypatch):
    due = webinar.starts_at - 24 * HOUR + MINUTE
    send = emails.EmailMessage.send
    calls = []

    def killed_on_the_third_send(message, *args, **kwargs):
        calls.append(message.to[0])
        if len(calls) == 3:
            raise WorkerKilled  # after the claim, during the hand-over
        return send(message, *args, **kwargs)

    monkeypatch.setattr(emails.EmailMessage, "send", killed_on_the_third_send)
    with time_machine.travel(due, tick=False), pytest.raises(WorkerKilled):
        send_due_reminders()
    assert len(mail.outbox) == 2
    monkeypatch.setattr(emails.EmailMessage, "send", send)
    # The restarted worker, and the next runs, send only what was never claimed.
    with time_machine.travel(due + 5 * MINUTE, tick=False):
        assert send_due_reminders() == 1
    with time_machine.travel(due + 10 * MINUTE, tick=False):
        assert send_due_reminders() == 0
    counts = reminders_by_address()
    assert sorted(counts.values()) == [1, 1, 1]
    lost = Notification.objects.get(sent_at__isnull=True)
    assert lost.registration.email == calls[2] and calls[2] not in counts
    # The lost one is never sent twice; its next reminder still comes.
    run_every_five_minutes(webinar.starts_at - HOUR, webinar.starts_at)
    assert reminders_by_address()[calls[2]] == 1
    assert sum(reminders_by_address().values()) == 3 + 4


def test_a_worker_killed_before_claiming_leaves_the_rest_for_the_restart(
    webinar, registrants, monkeypatch
):
    due = webinar.starts_at - HOUR + MINUTE
    claim = emails.claim
    claims = []

    def killed_before_the_third_claim(*args, **kwargs):
        claims.append(1)
        if len(claims) == 3:
            raise WorkerKilled
        return claim(*args, **kwargs)

    monkeypatch.setattr(emails, "claim", killed_before_the_third_claim)
    with time_machine.travel(due, tick=False), pytest.raises(WorkerKilled):
        send_due_reminders()
    monkeypatch.setattr(emails, "claim", claim)
    with time_machine.travel(due + 5 * MINUTE, tick=False):
        assert send_due_reminders() == 2
    assert reminders_by_address() == {r.email: 1 for r in registrants}


def test_a_killed_worker_whose_task_is_retried_sends_nothing_twice(webinar, registrants):
    due = webinar.starts_at - HOUR + MINUTE
    with time_machine.travel(due, tick=False):
        assert send_due_reminders() == 4
        # django-q2 redelivers a task whose worker died: the same run again.
        assert send_due_reminders() == 0
    assert len(mail.outbox) == 4


def test_a_mail_server_error_does_not_stop_the_others(webinar, registrants, monkeypatch):
    send = emails.EmailMessage.send

    def refused_for_one(message, *args, **kwargs):
        if message.to == [registrants[1].email]:
            raise OSError("connection refused")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(emails.EmailMessage, "send", refused_for_one)
    with time_machine.travel(webinar.starts_at - 30 * MINUTE, tick=False):
        assert send_due_reminders() == 3


def test_a_new_time_means_new_reminders(webinar, registrants):
    start = webinar.starts_at
    run_every_five_minutes(start - 25 * HOUR, start - 23 * HOUR)
    assert len(mail.outbox) == 4
    webinar.starts_at += 48 * HOUR
    webinar.ends_at += 48 * HOUR
    webinar.save_revision().publish()
    mail.outbox.clear()
    run_every_five_minutes(webinar.starts_at - 25 * HOUR, webinar.starts_at)
    assert reminders_by_address() == {r.email: 2 for r in registrants}


def test_late_registrants_and_unpublished_webinars(webinar, registrants):
    late = RegistrationFactory(webinar=webinar, created_at=webinar.starts_at - 2 * HOUR)
    run_every_five_minutes(webinar.starts_at - 2 * HOUR, webinar.starts_at)
    assert reminders_by_address()[late.email] == 1  # the 1-hour one only
    mail.outbox.clear()
    webinar.unpublish()
    Notification.objects.all().delete()
    run_every_five_minutes(webinar.starts_at - 2 * HOUR, webinar.starts_at)
    assert mail.outbox == []
