from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import CounsellorContact


class PortalContentChecker(ContentCheckerItem):
    """Editors' accessibility checker, held to the same axe tags as the public site."""

    axe_run_only = settings.PORTAL_AXE_TAGS


@hooks.register("construct_wagtail_userbar")
def use_portal_content_checker(request, items, page):
    items[:] = [
        PortalContentChecker(item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]


class CounsellorContactViewSet(SnippetViewSet):
    model = CounsellorContact
    icon = "user"
    menu_label = _("Counsellor contact")
    add_to_settings_menu = True
    list_display = ["heading", "phone", "locale"]


register_snippet(CounsellorContactViewSet)
