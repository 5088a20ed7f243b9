from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from webinars.models import Subject, SubjectCategory
from webinars.views_admin import AttendanceReport


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


@hooks.register("register_admin_urls")
def register_attendance_urls():
    view = AttendanceReport
    return [
        path("reports/webinar-attendance/", view.as_view(), name="webinar_attendance"),
        path(
            "reports/webinar-attendance/results/",
            view.as_view(results_only=True),
            name="webinar_attendance_results",
        ),
    ]
