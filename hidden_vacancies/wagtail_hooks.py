"""The occupation ↔ sector mapping in the admin (Snippets › Occupations by sector).

Managers add, change and delete rows (the mapping decides which companies are shown
for an occupation, so it belongs with the store's owners and its bias check); Editors
can read it. Changes count from the next fit of the scores (nightly)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hidden_vacancies.models import OccupationSector


class OccupationSectorViewSet(SnippetViewSet):
    model = OccupationSector
    icon = "site"
    menu_label = _("Occupations by sector")
    list_display = ["occupation", "division", "weight"]
    list_filter = ["division"]
    # Searched in the database (the rows are not in the search index).
    search_backend_name = None
    search_fields = ["division", "occupation__title", "occupation__code"]
    list_per_page = 50
    ordering = ["occupation__code", "division"]


register_snippet(OccupationSectorViewSet)
