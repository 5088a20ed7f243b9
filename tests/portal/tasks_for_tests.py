"""Module-level tasks for the task-runner tests (django-tasks needs importable functions)."""

from django.core.cache import cache
from django_tasks import task


@task()
def remember(key, value):
    cache.set(key, value)
    return value
