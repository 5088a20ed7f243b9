"""Recurring jobs, declared once and kept in django-q2's schedule table.

`ensure_schedules()` is idempotent: `make run` and deployments call it (through the
`setup_schedules` command) after migrating, and it never creates a second copy of a job.
Each job is a plain function, so it can be tested directly with a frozen clock.
"""

from django.core.management import call_command
from django_q.models import Schedule


def publish_scheduled_pages():
    """Publish pages whose go-live time has come and unpublish expired ones.

    Wagtail's `publish_scheduled` is idempotent, so a repeated delivery is harmless.
    """
    call_command("publish_scheduled", verbosity=0)


# name -> (function path, schedule type, minutes between runs)
RECURRING_JOBS = {
    "Publish scheduled pages": (
        "portal.scheduling.publish_scheduled_pages",
        Schedule.MINUTES,
        1,
    ),
    "Warn about empty podcast slots": (
        "podcasts.scheduling.warn_about_empty_slots",
        Schedule.HOURLY,
        60,
    ),
    "Delete anonymous listening hashes after 48 hours": (
        "podcasts.stats.purge_raw_hashes",
        Schedule.HOURLY,
        60,
    ),
    "Send webinar reminders": (
        "webinars.reminders.send_due_reminders",
        Schedule.MINUTES,
        5,
    ),
    "Review micro-services: reminders, overdue, hidden after grace": (
        "services_store.reviews.run_review_job",
        Schedule.DAILY,
        1440,
    ),
    "Delete anonymous service-visit hashes after 48 hours": (
        "services_store.usage.purge_raw_hashes",
        Schedule.HOURLY,
        60,
    ),
    "Erase past webinar registrations": (
        "webinars.retention.purge_past_data",
        Schedule.DAILY,
        1440,
    ),
    "Fit the hidden-vacancy finder's hiring potential": (
        "hidden_vacancies.scoring.fit_hiring_potential",
        Schedule.DAILY,
        1440,
    ),
}


# Jobs that may run longer than the worker's default timeout (Q_CLUSTER["timeout"]):
# name -> seconds. Refitting a million establishments takes a few minutes; a country's
# worth of them, more. Q_CLUSTER["retry"] stays above the longest, so a running job is
# never handed to a second worker.
LONG_JOB_TIMEOUTS = {"Fit the hidden-vacancy finder's hiring potential": 3600}


def ensure_schedules(jobs=None):
    """Create or update every recurring job; return the names that were created."""
    created = []
    for name, (func, schedule_type, minutes) in (jobs or RECURRING_JOBS).items():
        timeout = LONG_JOB_TIMEOUTS.get(name)
        _, was_created = Schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": schedule_type,
                "minutes": minutes,
                "repeats": -1,
                "kwargs": repr({"q_options": {"timeout": timeout}}) if timeout else None,
            },
        )
        if was_created:
            created.append(name)
    return created
