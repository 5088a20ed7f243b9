from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from webinars import privacy
from webinars.models import Subject, SubjectCategory, WebinarPage
from webinars.views_admin import (
    AttendanceReport,
    DraftFAQsView,
    PersonalDataView,
    faq_permission_policy,
)


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "tag"
    list_display = ["name", "category", "slug", "locale"]
    list_filter = ["category", "locale"]
    search_fields = ["name"]


class SubjectCategoryViewSet(SnippetViewSet):
    model = SubjectCategory
    icon = "folder-open-inverse"
    menu_label = _("Subject categories")
    list_display = ["name", "slug", "locale"]


class WebinarSubjectsGroup(SnippetViewSetGroup):
    items = (SubjectViewSet, SubjectCategoryViewSet)
    menu_icon = "tag"
    menu_label = _("Webinar subjects")
    menu_name = "webinar_subjects"


register_snippet(WebinarSubjectsGroup)


@hooks.register("register_reports_menu_item")
def register_attendance_report():
    return MenuItem(_("Webinar attendance"), reverse("webinar_attendance"), icon_name="group")


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return PersonalDataView.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Webinar personal data"), reverse("webinar_personal_data"), icon_name="user"
    )


@hooks.register("register_admin_urls")
def register_webinar_admin_urls():
    view = AttendanceReport
    return [
        path("reports/webinar-attendance/", view.as_view(), name="webinar_attendance"),
        path(
            "reports/webinar-attendance/results/",
            view.as_view(results_only=True),
            name="webinar_attendance_results",
        ),
        path(
            "webinars/<int:page_id>/draft-faqs/", DraftFAQsView.as_view(), name="webinar_draft_faqs"
        ),
        path("webinars/personal-data/", PersonalDataView.as_view(), name="webinar_personal_data"),
    ]


def _draft_faqs_button(page, user, priority):
    if issubclass(page.specific_class or type(page), WebinarPage) and (
        faq_permission_policy.user_has_permission(user, "add")
    ):
        url = reverse("webinar_draft_faqs", args=[page.pk])
        yield Button(_("Make draft FAQs"), url, icon_name="help", priority=priority)


@hooks.register("register_page_header_buttons")
def draft_faqs_header_button(page, user, view_name=None, next_url=None):
    yield from _draft_faqs_button(page, user, priority=68)


@hooks.register("register_page_listing_more_buttons")
def draft_faqs_listing_button(page, user, next_url=None):
    yield from _draft_faqs_button(page, user, priority=55)


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        privacy.ERASE_ACTION, privacy.ERASE_ACTION_LABEL, privacy.ERASE_ACTION_MESSAGE
    )
