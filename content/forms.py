from django import forms
from django.utils.translation import gettext_lazy as _

from content.models import Audience, Topic
from content.models.feedback import COMMENT_MAX_LENGTH


class TermChoiceField(forms.ModelChoiceField):
    """A topic or audience chosen by slug, labelled in the visitor's language."""

    def __init__(self, model, **kwargs):
        super().__init__(
            queryset=model.objects.none(), to_field_name="slug", required=False, **kwargs
        )
        self.model = model

    def label_from_instance(self, term):
        return term.localized.name


class SearchForm(forms.Form):
    """Validates the search query string, so bad input becomes a message, not an error."""

    q = forms.CharField(
        label=_("Search the portal"),
        max_length=200,
        required=False,
        strip=True,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )
    topic = TermChoiceField(
        Topic,
        label=_("Topic"),
        empty_label=_("All topics"),
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    audience = TermChoiceField(
        Audience,
        label=_("For"),
        empty_label=_("Everyone"),
        error_messages={"invalid_choice": _("Choose an audience from the list.")},
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.in_default_locale()
        self.fields["audience"].queryset = Audience.objects.in_default_locale()


class FeedbackForm(forms.Form):
    """'Was this page useful?' Yes or no, and an optional comment without personal data."""

    useful = forms.TypedChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could be better? (optional)"),
        help_text=_("Please do not write your name, e-mail or phone number here."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Please keep your comment under %(limit_value)d characters.")
        },
    )
