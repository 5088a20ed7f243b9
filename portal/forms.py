"""Fields that several public forms share, so that a visitor meets one wording of each
message wherever the field stands, and translators translate it once.

Each is a function, so that every form gets a field of its own, with its own label."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def search_words_field(label, max_length):
    """The words a listing is searched with, sent with GET; optional."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        strip=True,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )


def language_choices():
    return [("", _("Any language")), *settings.LANGUAGES]


def language_field(label):
    """One of the portal's languages, or any; each language named in its own words."""
    return forms.ChoiceField(
        label=label,
        choices=language_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )


def page_number_field():
    """The page of a paginated listing; a bad number is reported, never an error page."""
    return forms.IntegerField(
        min_value=1,
        max_value=1000,
        required=False,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be 1 or more."),
            "max_value": _("The page number is too large."),
        },
    )


def optional_email_field(label, help_text):
    """An e-mail address a person may leave out."""
    return forms.EmailField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an e-mail address like name@example.org, or leave it empty."),
            "max_length": _("This e-mail address is too long."),
        },
    )
