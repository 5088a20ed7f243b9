"""The store's public forms: the catalogue's filters, "Was this useful?", "Suggest a
service" and the beta opt-in. Bad input becomes a message in the visitor's language,
never an error page."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    language_field,
    optional_email_field,
    page_number_field,
    search_words_field,
)
from services_store.manifest import Category
from services_store.models.pages import AUDIENCE_LABELS
from services_store.models.suggestions import ServiceSuggestion


class StoreFilterForm(forms.Form):
    """The catalogue's filters, sent with GET; an invalid one is reported and ignored."""

    q = search_words_field(_("Search the services"), max_length=100)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *Category.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )
    audience = forms.ChoiceField(
        label=_("For"),
        choices=[("", _("Everyone")), *AUDIENCE_LABELS.items()],
        required=False,
        error_messages={"invalid_choice": _("Choose an audience from the list.")},
    )
    language = language_field(_("Language"))
    page = page_number_field()

    FILTERS = ("q", "category", "audience", "language")

    def filters(self):
        """{category, audience, language, query} from the valid fields ("" for none)."""
        self.is_valid()
        data = self.cleaned_data
        values = {name: data.get(name) or "" for name in self.FILTERS}
        values["query"] = values.pop("q")
        return values

    def page_number(self):
        self.is_valid()
        return self.cleaned_data.get("page") or 1

    @property
    def is_filtered(self):
        return any(self.filters().values())


class UsefulnessForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this service useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose yes or no."),
            "invalid_choice": _("Please choose yes or no."),
        },
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


# Characters that turn the direction of the text around it (embeddings, overrides and
# isolates), which could make a title shown to others read differently from what it is.
# The marks people type in Arabic (U+200E, U+200F) and the joiners (U+200C, U+200D) stay.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char):
    return char in _DIRECTION_CONTROLS or unicodedata.category(char) in ("Cc", "Co", "Cs")


def _plain_text(value, message):
    """`value` with its white space tidied; a ValidationError for control characters."""
    lines = [" ".join(line.split()) for line in value.splitlines()]
    text = "\n".join(lines).strip()
    if any(_is_control(char) for char in text if char != "\n"):
        raise forms.ValidationError(message)
    return text


_TITLE_MAX = ServiceSuggestion._meta.get_field("title").max_length
_NEED_MAX = ServiceSuggestion._meta.get_field("need").max_length


class SuggestionForm(forms.Form):
    """A new idea in a few words, the need behind it, and an e-mail address only if the
    person wants to hear what was decided."""

    title = forms.CharField(
        label=_("What would the service do?"),
        help_text=_("In a few words, for example “Find a training course near me”."),
        max_length=_TITLE_MAX,
        error_messages={
            "required": _("Please say in a few words what the service would do."),
            "max_length": _("Please use at most %(limit_value)d characters here."),
        },
    )
    need = forms.CharField(
        label=_("What need is behind it?"),
        help_text=_(
            "Who would use it, and what is hard for them today? Please do not write names, "
            "phone numbers or other personal details."
        ),
        min_length=10,
        max_length=_NEED_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Please tell us about the need behind your idea."),
            "min_length": _("Please tell us a little more (at least %(limit_value)d characters)."),
            "max_length": _("Please keep it under %(limit_value)d characters."),
        },
    )
    email = optional_email_field(
        _("Your e-mail address (optional)"),
        help_text=_(
            "Only if you want to hear what we decide. We use it for nothing else and erase "
            "it once we have answered."
        ),
    )

    def clean_title(self):
        title = _plain_text(self.cleaned_data["title"], _("Please use only ordinary text."))
        if not title:
            raise forms.ValidationError(_("Please say in a few words what the service would do."))
        return " ".join(title.split())

    def clean_need(self):
        return _plain_text(self.cleaned_data["need"], _("Please use only ordinary text."))

    def text(self):
        """What the overlap check compares: the idea and its need."""
        return f"{self.cleaned_data['title']}\n{self.cleaned_data['need']}"


class BetaForm(forms.Form):
    try_beta = forms.TypedChoiceField(
        choices=[("on", _("On")), ("off", _("Off"))],
        coerce=lambda value: value == "on",
        error_messages={
            "required": _("Please choose on or off."),
            "invalid_choice": _("Please choose on or off."),
        },
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
