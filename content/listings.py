"""Guides by topic or audience, in the visitor's language, with the guides not yet
translated shown in the default language (as topic areas do)."""

from wagtail.models import Locale

from content.models import GuidancePage


def guides_tagged(field, term, locale):
    """Live guides whose `field` ("topics" or "audiences") includes `term`."""
    tagged = list(GuidancePage.objects.live().public().filter(**{field: term}).specific())
    own = [guide for guide in tagged if guide.locale_id == locale.pk]
    translated = {guide.translation_key for guide in own}
    default = Locale.get_default()
    others = [
        guide
        for guide in tagged
        if locale != default
        and guide.locale_id == default.pk
        and guide.translation_key not in translated
    ]
    return sorted(own + others, key=lambda guide: guide.title.casefold())
