"""StreamField blocks for every page body. Each block says what it is for, so editors
know what they insert, and carries a preview value for the block chooser."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "How to register", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "content/blocks/callout.html"
        description = _("A highlighted box for something the reader must not miss.")
        preview_value = {
            "kind": "warning",
            "title": "Register within 12 months",
            "text": "<p>Register as a jobseeker within 12 months of losing your job.</p>",
        }


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an external link"), required=False)
    text = blocks.CharBlock(label=_("Link text"), max_length=120)

    class Meta:
        icon = "link"
        template = "content/blocks/link.html"
        description = _("A single prominent link to a page or another site.")
        preview_value = {"url": "https://example.org/", "text": "Find your nearest office"}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": [_("Choose a page or enter a link.")]}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every body shares; page types add their own on top."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="content/blocks/paragraph.html",
        description=_("Running text, with links and lists."),
        preview_value="<p>Jobseekers can register online or at any office.</p>",
    )
    callout = CalloutBlock()
    link = LinkBlock()
