"""One task runner: django-tasks (Wagtail's background work) goes through django-q2."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule

from portal.scheduling import RECURRING_JOBS, ensure_schedules, publish_scheduled_pages
from portal.tasks import run_task
from tests.factories import HomeEntryPointFactory, InformationPageFactory
from tests.portal.tasks_for_tests import remember

pytestmark = pytest.mark.django_db


def test_django_tasks_run_through_django_q2_inline_in_tests():
    cache.delete("answer")
    result = remember.enqueue("answer", 42)
    assert result.backend == "default"
    assert cache.get("answer") == 42


def test_django_tasks_are_queued_on_the_orm_broker(monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", False)
    before = OrmQ.objects.count()
    cache.delete("queued")
    remember.enqueue("queued", "yes")
    assert OrmQ.objects.count() == before + 1
    assert cache.get("queued") is None  # not run in the web process


def test_wagtail_search_indexing_is_queued_on_the_orm_broker(monkeypatch, home_page):
    monkeypatch.setattr(Conf, "SYNC", False)
    before = OrmQ.objects.count()
    InformationPageFactory(parent=home_page, slug="queued-page").save_revision().publish()
    queued = [task.func() for task in OrmQ.objects.order_by("id")[before:]]
    assert queued and set(queued) == {"portal.tasks.run_task"}


def test_a_task_whose_object_is_gone_is_a_no_op(home_page):
    entry = HomeEntryPointFactory(page=home_page, link_page=home_page)
    args = ["content", "homeentrypoint", entry.pk]
    entry.delete()
    assert run_task("wagtail.tasks.update_reference_index_task", args, {}) is None


def test_other_task_errors_still_fail():
    with pytest.raises(TypeError):
        run_task("tests.portal.tasks_for_tests.remember", ["only-one-argument"], {})


def test_schedules_are_created_once():
    created = ensure_schedules()
    assert created in ([], list(RECURRING_JOBS))
    assert ensure_schedules() == []
    job = Schedule.objects.get(name="Publish scheduled pages")
    assert (job.func, job.schedule_type, job.minutes) == (
        "portal.scheduling.publish_scheduled_pages",
        Schedule.MINUTES,
        1,
    )


def test_setup_schedules_command(capsys):
    call_command("setup_schedules")
    assert "recurring jobs in place" in capsys.readouterr().out
    assert Schedule.objects.filter(name="Publish scheduled pages").count() == 1


def test_publish_scheduled_pages_publishes_pages_whose_time_has_come(home_page):
    page = InformationPageFactory(parent=home_page, slug="later", live=False)
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = page.save_revision()
    revision.publish()  # go-live is in the future, so this only schedules it
    page.refresh_from_db()
    assert not page.live
    publish_scheduled_pages()
    page.refresh_from_db()
    assert not page.live  # not yet
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live
    publish_scheduled_pages()  # a repeated delivery changes nothing
    page.refresh_from_db()
    assert page.live
