"""One task runner: django-q2.

Wagtail 8 enqueues its own background work (reference index updates, image renditions,
file deletion) through django-tasks. `DjangoQ2Backend` hands those tasks to django-q2,
so the portal runs one worker process, not two. django-q2's ORM broker delivers at least
once: the tasks handed over are idempotent (Wagtail's are; ours must be too).
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.tasks import async_task
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json

logger = logging.getLogger(__name__)


class DjangoQ2Backend(BaseTaskBackend):
    """A django-tasks backend that queues every task on the django-q2 cluster."""

    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        args, kwargs = normalize_json(args), normalize_json(kwargs)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        async_task(
            "portal.tasks.run_task",
            task.module_path,
            args,
            kwargs,
            task_name=f"{task.name}:{result.id}",
            group=task.module_path,
        )
        return result


def run_task(module_path, args, kwargs):
    """Run a django-tasks task inside a django-q2 worker.

    A queued task can outlive the object it was about: Wagtail queues a reference-index
    update for an inline object that a later save of its page replaces. Such a task has
    nothing left to do, and is not an error.
    """
    task = import_string(module_path)
    try:
        return task.call(*args, **kwargs)
    except ObjectDoesNotExist as gone:
        logger.info("Skipped %s%s: %s", module_path, tuple(args), gone)
        return None
