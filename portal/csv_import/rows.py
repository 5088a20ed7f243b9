"""Reading one value of a CSV row: each reader returns the value or raises RowError with
the column and the reason, in words a data steward can act on."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

LIST_SEPARATOR = "|"
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RowError(ValueError):
    def __init__(self, column, reason):
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


def text(values, column, max_length, required=True):
    value = values.get(column, "")
    if required and not value:
        raise RowError(column, "must not be empty")
    if len(value) > max_length:
        raise RowError(column, f"{len(value)} characters, at most {max_length}")
    return value


def identifier(values, column):
    value = text(values, column, 64)
    if not IDENTIFIER.match(value):
        raise RowError(column, f"{value!r}: letters, digits and . _ / - only")
    return value


def whole_number(values, column, minimum, maximum, required=True):
    value = values.get(column, "")
    if not value and not required:
        return None
    if not re.fullmatch(r"\d+", value):
        raise RowError(column, f"{value!r} is not a whole number")
    number = int(value)
    if not minimum <= number <= maximum:
        raise RowError(column, f"{number} is not between {minimum} and {maximum}")
    return number


def decimal(values, column, minimum, maximum, required=True):
    """A number with a dot for decimals ("1200.50"), within bounds."""
    value = values.get(column, "")
    if not value and not required:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        hint = " (use a dot for decimals, e.g. 1200.50)" if "," in value else ""
        raise RowError(column, f"{value!r} is not a number{hint}") from None
    if not number.is_finite() or not minimum <= number <= maximum:
        raise RowError(column, f"{value} is not between {minimum} and {maximum}")
    return number


def percentage(values, column, required=True):
    """A percentage 0-100 ("71.5"), returned as a share 0-1."""
    number = decimal(values, column, 0, 100, required)
    return None if number is None else float(number / 100)


def choice(values, column, choices):
    value = values.get(column, "").lower()
    if value not in choices:
        raise RowError(column, f"{value!r} is not one of {', '.join(choices)}")
    return value


def items(values, column, required=False):
    """The values of a list column, separated by "|" ("2512|2513"), without repeats."""
    found = [item.strip() for item in values.get(column, "").split(LIST_SEPARATOR)]
    found = list(dict.fromkeys(item for item in found if item))
    if required and not found:
        raise RowError(column, "name at least one")
    return found


def choices(values, column, allowed):
    found = items(values, column)
    unknown = [item for item in found if item not in allowed]
    if unknown:
        raise RowError(column, f"{', '.join(unknown)}: not one of {', '.join(allowed)}")
    return found


def iso_dates(values, column):
    return sorted(_iso_date(column, item) for item in items(values, column))


def _iso_date(column, value):
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RowError(column, f"{value!r} is not a date as YYYY-MM-DD") from None


def web_address(values, column):
    value = text(values, column, 500, required=False)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise RowError(column, f"{value!r} is not a web address (http or https)") from None
    return value
