"""Public forms: registering for a webinar, and filtering the calendar. Bad input
becomes a message in the visitor's language, never an error page."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from content.forms import audience_field
from content.models import Audience
from portal.forms import language_field, optional_email_field, page_number_field
from webinars.models.registrations import DISPLAY_NAME_MAX_LENGTH


class RegistrationForm(forms.Form):
    """The least we need: a name to show in the chat, and an e-mail only for reminders."""

    display_name = forms.CharField(
        label=_("Your name, as others will see it"),
        help_text=_("A first name or a nickname is enough."),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        error_messages={
            "required": _("Please enter a name to show in the chat."),
            "max_length": _("Please use at most %(limit_value)d characters for your name."),
        },
    )
    email = optional_email_field(
        _("E-mail address for reminders (optional)"),
        help_text=_(
            "We send your invitation, a reminder the day before and an hour before, and "
            "news if the time changes. Nothing else."
        ),
    )
    keep_informed = forms.BooleanField(
        label=_("Also tell me about future webinars (optional)"),
        required=False,
    )

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter a name to show in the chat."))
        if any(unicodedata.category(character).startswith("C") for character in name):
            raise forms.ValidationError(
                _("Please use only letters, numbers, spaces and punctuation in your name.")
            )
        return name

    def clean(self):
        cleaned = super().clean()
        wants_news = cleaned.get("keep_informed")
        if wants_news and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email", _("Enter an e-mail address so that we can tell you about webinars.")
            )
        return cleaned


class WebinarFilterForm(forms.Form):
    """The calendar's filters, sent with GET so that they work without JavaScript and a
    filtered calendar can be bookmarked or shared."""

    subject = forms.ChoiceField(
        label=_("Subject"),
        required=False,
        error_messages={"invalid_choice": _("Choose a subject from the list.")},
    )
    audience = audience_field()
    language = language_field(_("Language of the session"))
    page = page_number_field()

    def __init__(self, *args, subject_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", _("All subjects")), *subject_choices]
        self.fields["audience"].queryset = Audience.objects.in_default_locale()

    @property
    def is_filtered(self):
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("subject", "audience", "language"))
