"""Staff side of webinars: attendance figures (counts, never names), draft FAQs made from
a session's answered questions, and a participant's personal data (find, export, erase)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, FloatField, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Round
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from content.models import FAQSnippet
from portal.locales import locale_for_language
from webinars import privacy
from webinars.models import (
    ChatMessage,
    ChatRoom,
    MessageKind,
    Notification,
    Registration,
    RegistrationStatus,
    SessionRating,
    WebinarPage,
)

# A claim older than this without `sent_at` is an e-mail lost to a crash or a mail error.
UNSENT_AFTER = datetime.timedelta(minutes=10)

faq_permission_policy = ModelPermissionPolicy(FAQSnippet)


def _is_id(value):
    """Whether a submitted value can be a row's id: digits, and few enough for any
    database (SQLite cannot even hold a larger number, and would fail, not refuse)."""
    return str(value).isdecimal() and len(str(value)) <= 18


# --- Attendance ---


def _registrations(status=None, **extra):
    condition = Q(registrations__status=status) if status else Q()
    for name, value in extra.items():
        condition &= Q(**{f"registrations__{name}": value})
    return Count("registrations", filter=condition, distinct=True)


def _per_webinar(rows, aggregate, output_field=None):
    """`aggregate` over `rows` (a queryset filtered on webinar=OuterRef("pk")), as a
    subquery: one per figure, so no figure multiplies the rows of another."""
    grouped = rows.order_by().values("webinar").annotate(value=aggregate).values("value")
    return Subquery(grouped, output_field=output_field)


def _count(rows):
    return Coalesce(_per_webinar(rows, Count("pk")), 0)


def _unsent_notifications():
    stale = Notification.objects.filter(
        registration__webinar=OuterRef("pk"),
        sent_at__isnull=True,
        claimed_at__lt=timezone.now() - UNSENT_AFTER,
    )
    return Coalesce(
        Subquery(
            stale.order_by().values("registration__webinar").annotate(n=Count("pk")).values("n")
        ),
        0,
    )


def faq_candidates(webinar):
    """The questions of a session that can become FAQs: shown in the room and answered
    in writing (a question answered aloud has no answer to copy)."""
    return ChatMessage.objects.filter(webinar=webinar).answered().visible().exclude(answer="")


def attendance_queryset():
    """One row per session (the original page of each set of translations): registrations,
    then what happened in its room and how viewers rated it, in one query."""
    originals = WebinarPage.objects.filter(translation_key=OuterRef("translation_key"))
    messages_here = ChatMessage.objects.filter(webinar=OuterRef("pk"))
    ratings_here = SessionRating.objects.filter(webinar=OuterRef("pk"))
    return (
        WebinarPage.objects.annotate(original=Subquery(originals.order_by("pk").values("pk")[:1]))
        .filter(pk=F("original"))
        .annotate(
            confirmed=_registrations(RegistrationStatus.CONFIRMED),
            waiting=_registrations(RegistrationStatus.WAITING),
            with_email=_registrations(email__gt=""),
            unsent_emails=_unsent_notifications(),
            peak_viewers=Coalesce(
                Subquery(
                    ChatRoom.objects.filter(webinar=OuterRef("pk")).values("peak_viewers")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            questions=_count(messages_here.filter(kind=MessageKind.QUESTION)),
            questions_answered=_count(messages_here.answered()),
            comments=_count(messages_here.filter(kind=MessageKind.COMMENT)),
            satisfaction=Round(
                _per_webinar(ratings_here, Avg("rating"), output_field=FloatField()), 1
            ),
            rating_count=_count(ratings_here),
            faq_candidates=_count(faq_candidates(OuterRef("pk")).filter(faq=None)),
        )
        .order_by("-starts_at")
    )


class DraftFAQsColumn(Column):
    """A link to turn the session's answered questions into draft FAQs, when some are left."""

    cell_template_name = "webinars/admin/draft_faqs_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("webinar_draft_faqs", args=[instance.pk])
        return context


class AttendanceReport(ReportView):
    page_title = _("Webinar attendance")
    header_icon = "group"
    index_url_name = "webinar_attendance"
    index_results_url_name = "webinar_attendance_results"
    paginate_by = 50
    list_export = [
        "title",
        "starts_at",
        "session_language",
        "capacity",
        "confirmed",
        "waiting",
        "with_email",
        "unsent_emails",
        "peak_viewers",
        "questions",
        "questions_answered",
        "comments",
        "satisfaction",
        "rating_count",
    ]
    export_headings = {
        "title": _("Webinar"),
        "starts_at": _("Date"),
        "session_language": _("Language"),
        "capacity": _("Places"),
        "confirmed": _("Registered"),
        "waiting": _("Waiting list"),
        "with_email": _("With e-mail"),
        "unsent_emails": _("E-mails not sent"),
        "peak_viewers": _("Most viewers at once"),
        "questions": _("Questions"),
        "questions_answered": _("Answered"),
        "comments": _("Comments"),
        "satisfaction": _("Satisfaction (1–5)"),
        "rating_count": _("Ratings"),
    }

    @cached_property
    def columns(self):
        columns = [
            TitleColumn(
                "title", label=_("Webinar"), url_name="wagtailadmin_pages:edit", id_accessor="pk"
            ),
            DateColumn("starts_at", label=_("Date")),
            *[
                Column(name, label=self.export_headings[name])
                for name in self.list_export
                if name not in ("title", "starts_at")
            ],
        ]
        if faq_permission_policy.user_has_permission(self.request.user, "add"):
            columns.append(DraftFAQsColumn("faq_candidates", label=_("FAQs")))
        return columns

    def get_queryset(self):
        return attendance_queryset()


class RefuseWith403Mixin:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a
    message; these views, which touch other people's data or make content, answer a plain
    403 with that message, so a refused request is never mistaken for a success."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            reason = _("Sorry, you do not have permission to access this area.")
            return TemplateResponse(
                request, "portal/admin/refused.html", {"reason": reason}, status=403
            )


# --- Draft FAQs from a session's answered questions ---


class QuestionsField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        if not all(_is_id(pk) for pk in value or []):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


class DraftFAQsForm(forms.Form):
    questions = QuestionsField(
        queryset=ChatMessage.objects.none(),
        error_messages={
            "required": _("Choose at least one question."),
            "invalid_choice": _("Choose among this webinar's answered questions."),
            "invalid_pk_value": _("Choose among this webinar's answered questions."),
        },
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = questions


def faq_locale(webinar):
    """The language the questions were asked and answered in: the session's (one of the
    portal's languages), which may differ from the language of the page that describes it."""
    return locale_for_language(webinar.session_language)


def make_draft_faqs(webinar, questions, user):
    """One draft FAQ for each of `questions` not made into one yet (by someone else since,
    or by a double click), in the session's language; returns the FAQs made."""
    locale = faq_locale(webinar)
    made = []
    with transaction.atomic():
        for message in questions.filter(faq=None).select_for_update().order_by("pk"):
            message.faq = FAQSnippet.create_draft(
                question=message.text, answer=message.answer, locale=locale, user=user
            )
            message.save(update_fields=["faq"])
            made.append(message.faq)
    return made


class DraftFAQsView(
    RefuseWith403Mixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """Pick a session's answered questions (all ticked) and make a draft FAQ of each, for
    the usual review: drafts show on no page until a Publisher approves them."""

    permission_policy = faq_permission_policy
    permission_required = "add"
    template_name = "webinars/admin/draft_faqs.html"
    header_icon = "help"
    form_class = DraftFAQsForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.webinar = get_object_or_404(WebinarPage, pk=kwargs["page_id"]).event

    def get_page_title(self):
        return _("Draft FAQs from questions")

    def get_page_subtitle(self):
        return self.webinar.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webinar_attendance"), "label": _("Webinar attendance")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.webinar.title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "questions": faq_candidates(self.webinar)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = faq_candidates(self.webinar).order_by("pk").select_related("faq")
        form = context["form"]
        chosen = {str(pk) for pk in form["questions"].value() or []}
        context.update(
            webinar=self.webinar,
            faq_locale=faq_locale(self.webinar),
            open_questions=[q for q in questions if q.faq_id is None],
            made_questions=[q for q in questions if q.faq_id is not None],
            # Every question is ticked until the form comes back with the user's choice.
            chosen=chosen if form.is_bound else None,
        )
        return context

    def form_valid(self, form):
        made = make_draft_faqs(self.webinar, form.cleaned_data["questions"], self.request.user)
        if made:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d draft FAQ made from the questions of “%(webinar)s”. It shows on "
                    "no page until a Publisher approves it: submit it for approval.",
                    "%(count)d draft FAQs made from the questions of “%(webinar)s”. They show "
                    "on no page until a Publisher approves them: submit them for approval.",
                    len(made),
                )
                % {"count": len(made), "webinar": self.webinar.title},
            )
        else:
            messages.info(self.request, _("These questions are already FAQs."))
        listing = reverse("wagtailsnippets_content_faqsnippet:list")
        return redirect(f"{listing}?locale={faq_locale(self.webinar).language_code}")


# --- A participant's personal data ---


def _json_download(content, filename):
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class PersonalDataView(
    RefuseWith403Mixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Find a participant's registrations by e-mail address, then download or erase them.

    The address travels in POST requests only (search, download, erase), so it is kept in
    no address bar, browser history or server log. Finding and downloading need the
    "view registration" permission, erasing "delete registration" (Managers)."""

    permission_policy = ModelPermissionPolicy(Registration)
    permission_required = "view"
    template_name = "webinars/admin/personal_data.html"
    page_title = _("Webinar personal data")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def post(self, request):
        form = PersonForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        found = privacy.registrations_for_email(form.cleaned_data["email"])
        action = request.POST.get("action")
        if action == "download":
            return _json_download(privacy.export_json(found), "webinar-personal-data.json")
        if action not in ("confirm", "erase"):
            return self.render_to_response(self.get_context_data(form=form, found=found))
        if not self.user_has_permission("delete"):
            raise PermissionDenied
        # Exactly the registrations the user saw, should the address have registered since.
        shown = found.filter(pk__in=_ids(request.POST.getlist("registration")))
        if action == "confirm":
            self.template_name = "webinars/admin/personal_data_erase.html"
            return self.render_to_response(self.get_context_data(form=form, found=shown))
        erased = privacy.erase_person(shown, user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d registration erased, with the e-mails sent and %(messages)d chat "
                "messages.",
                "%(count)d registrations erased, with the e-mails sent and %(messages)d chat "
                "messages.",
                erased.registrations,
            )
            % {"count": erased.registrations, "messages": erased.chat_messages},
        )
        return redirect("webinar_personal_data")

    def get_context_data(self, form=None, found=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or PersonForm()
        context["can_erase"] = self.user_has_permission("delete")
        if found is not None:
            context["registration_ids"] = list(found.values_list("pk", flat=True))
            context["people"] = privacy.export_person(found)["registrations"]
        return context


def _ids(values):
    return [int(value) for value in values if _is_id(value)]
