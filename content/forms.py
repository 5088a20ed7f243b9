from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """Validates the search query string, so bad input becomes a message, not an error."""

    q = forms.CharField(
        label=_("Search the portal"),
        max_length=200,
        required=False,
        strip=True,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )
    page = forms.IntegerField(
        min_value=1,
        max_value=1000,
        required=False,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be 1 or more."),
            "max_value": _("The page number is too large."),
        },
    )
