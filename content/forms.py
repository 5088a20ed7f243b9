from django import forms
from django.utils.translation import gettext_lazy as _

from content.models import Audience, Topic
from content.models.feedback import COMMENT_MAX_LENGTH
from portal.forms import page_number_field, search_words_field


class TermChoiceField(forms.ModelChoiceField):
    """A topic or audience chosen by slug, labelled in the visitor's language."""

    def __init__(self, model, **kwargs):
        super().__init__(
            queryset=model.objects.none(), to_field_name="slug", required=False, **kwargs
        )
        self.model = model

    def label_from_instance(self, term):
        return term.localized.name


def audience_field():
    """Whom a guide or a webinar is for; the form sets its queryset when it is made."""
    return TermChoiceField(
        Audience,
        label=_("For"),
        empty_label=_("Everyone"),
        error_messages={"invalid_choice": _("Choose an audience from the list.")},
    )


class SearchForm(forms.Form):
    """Validates the search query string, so bad input becomes a message, not an error."""

    q = search_words_field(_("Search the portal"), max_length=200)
    topic = TermChoiceField(
        Topic,
        label=_("Topic"),
        empty_label=_("All topics"),
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    audience = audience_field()
    page = page_number_field()

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
