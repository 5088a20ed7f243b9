"""One typed way to read the environment, used by the base and production settings only."""

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def as_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected one of {sorted(_TRUE | _FALSE)}, got {raw!r}")


def as_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def env(name: str, default: T, cast: Callable[[str], T] = str) -> T:
    """Return the environment variable `name` converted by `cast`, or `default` when unset.

    A value that cannot be converted is a configuration error naming the variable,
    rather than a confusing failure somewhere later.
    """
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return cast(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"Environment variable {name}: {error}") from error
