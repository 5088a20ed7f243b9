"""'Was this page useful?' answers. No personal data: no account, no IP address, no
time of day, only the date, the answer and an optional comment."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 500


class PageFeedbackQuerySet(models.QuerySet):
    def summary_for(self, page):
        return self.filter(page=page).aggregate(
            useful_count=models.Count("pk", filter=models.Q(useful=True)),
            not_useful_count=models.Count("pk", filter=models.Q(useful=False)),
        )


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=8)
    created_on = models.DateField(_("date"), default=timezone.localdate)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self):
        return f"{self.page} · {'+' if self.useful else '-'}"
