"""Blocks of webinar pages: links to the guidance and online services a session is about."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content.blocks import RelatedToolBlock


class RelatedLinksBlock(blocks.StreamBlock):
    guidance = blocks.PageChooserBlock(
        page_type="content.GuidancePage",
        label=_("Related guidance"),
        icon="doc-full",
        description=_("A guidance page that goes further than the session."),
    )
    tool = RelatedToolBlock()
