"""StreamField blocks for every page body. Each block says what it is for, so editors
know what they insert, and carries a preview value for the block chooser."""

from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


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


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=120)
    text = blocks.RichTextBlock(label=_("What to do"), features=["bold", "italic", "link", "ul"])


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "content/blocks/steps.html"
        description = _("Numbered steps, to walk the reader through a task in order.")
        preview_value = {
            "title": "How to register",
            "steps": [
                {"title": "Create your account", "text": "<p>Use your e-mail address.</p>"},
                {"title": "Fill in your profile", "text": "<p>Add your last job.</p>"},
            ],
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    items = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        template = "content/blocks/checklist.html"
        description = _("A list of things to have or do, shown with tick boxes.")
        preview_value = {
            "title": "What you need",
            "items": ["An identity document", "Your last employment contract"],
        }


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul"])


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "content/blocks/faq.html"
        description = _("Questions that open to show their answer; works without JavaScript.")
        preview_value = {
            "title": "Questions",
            "items": [{"question": "Is it free?", "answer": "<p>Yes, always.</p>"}],
        }


class FAQSnippetBlock(SnippetChooserBlock):
    """A shared question and answer, kept once and reused on many pages."""

    def __init__(self, **kwargs):
        super().__init__(
            "content.FAQSnippet",
            icon="help",
            template="content/blocks/faq_snippet.html",
            description=_("A shared question and answer from the FAQ library."),
            **kwargs,
        )


class ContactCounsellorBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Invitation"),
        max_length=200,
        default="Not sure? A counsellor can help you.",
    )

    class Meta:
        icon = "user"
        template = "content/blocks/contact_counsellor.html"
        description = _("A box with the counsellor's phone number and opening hours.")
        preview_value = {"text": "Not sure? A counsellor can help you."}


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"))
    transcript = blocks.RichTextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"
        description = _("A video with captions; captions are required for accessibility.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video, captions = value.get("video"), value.get("captions")
        if video and video.file_extension.lower() not in {"mp4", "webm"}:
            errors["video"] = ErrorList([_("Choose an MP4 or WebM video file.")])
        if captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = ErrorList([_("Captions must be a WebVTT (.vtt) file.")])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    text = blocks.CharBlock(label=_("Link text"), max_length=120, required=False)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/document.html"
        description = _("A file to download, shown with its type and size.")


class RelatedToolBlock(blocks.StructBlock):
    """A link to a micro-service in the service store, by its slug."""

    service_slug = blocks.CharBlock(
        label=_("Service"), max_length=60, help_text=_("The service's short name in the store.")
    )
    text = blocks.CharBlock(label=_("Why use it"), max_length=200)

    class Meta:
        icon = "cogs"
        template = "content/blocks/related_tool.html"
        description = _("A link to one of the online services that helps with this task.")
        preview_value = {
            "service_slug": "hidden-vacancies",
            "text": "Find companies likely to hire near you.",
        }


class GuidanceStreamBlock(BaseStreamBlock):
    steps = StepsBlock()
    checklist = ChecklistBlock()
    faq = FAQBlock()
    faq_snippet = FAQSnippetBlock()
    contact_counsellor = ContactCounsellorBlock()
    video = VideoBlock()
    document = DocumentBlock()
    related_tool = RelatedToolBlock()
