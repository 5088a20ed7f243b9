"""Suggestions for new services, from the public and from frontline staff, which
Managers triage: new → under study → accepted or declined (with a reason sent back
when an e-mail address was given)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_STUDY = "study", _("Under study")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


_NEXT_STATUS = {
    SuggestionStatus.NEW: (SuggestionStatus.UNDER_STUDY, SuggestionStatus.DECLINED),
    SuggestionStatus.UNDER_STUDY: (SuggestionStatus.ACCEPTED, SuggestionStatus.DECLINED),
    SuggestionStatus.ACCEPTED: (),
    SuggestionStatus.DECLINED: (),
}


class ServiceSuggestion(index.Indexed, models.Model):
    title = models.CharField(_("what the service would do"), max_length=120)
    need = models.TextField(_("the need behind it"), max_length=2000)
    from_staff = models.BooleanField(_("suggested by frontline staff"), default=False)
    # Optional, and only to send the outcome back; erased once the suggestion is closed.
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.NEW,
        db_index=True,
    )
    reason = models.TextField(_("reason given"), blank=True)
    service = models.ForeignKey(
        "services_store.Service",
        verbose_name=_("service it became"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    search_fields = [index.SearchField("title"), index.SearchField("need")]

    class Meta:
        verbose_name = _("service suggestion")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def can_become(self, status):
        return SuggestionStatus(status) in _NEXT_STATUS[SuggestionStatus(self.status)]
