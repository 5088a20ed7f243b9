"""Builds the demo guidance: taxonomies, the FAQ library, topic areas and guides, with
easy-read variants. Like the rest of the demo, it looks before it creates."""

from wagtail.models import Locale

from content.demo import guidance as demo
from content.models import Audience, FAQSnippet, Occupation, Topic
from tests.factories import (
    AudienceFactory,
    FAQSnippetFactory,
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    TopicFactory,
)

# The shared FAQs are translated into the languages the demo guides are translated into.
FAQ_LANGUAGES = ["fr", "ar"]


def ensure_terms(created):
    """Topics and audiences in the default language; returns them all."""
    default = Locale.get_default()
    terms = []
    for model, factory, vocabulary in [
        (Topic, TopicFactory, demo.TOPICS),
        (Audience, AudienceFactory, demo.AUDIENCES),
    ]:
        for slug, name in vocabulary:
            term = model.objects.filter(slug=slug, locale=default).first()
            if term is None:
                term = factory(slug=slug, name=name, locale=default)
                created.append(term)
            terms.append(term)
    return terms


def ensure_faqs(created):
    """The FAQ library, by key (the question in the default language)."""
    default = Locale.get_default()
    faqs = {}
    for faq in demo.FAQS:
        snippet = FAQSnippet.objects.filter(question=faq["question"], locale=default).first()
        if snippet is None:
            snippet = FAQSnippetFactory(
                question=faq["question"], answer=faq["answer"], locale=default
            )
            created.append(snippet)
        faqs[faq["key"]] = snippet
    return faqs


def ensure_topic_areas(parent, faqs, created):
    """Topic areas under `parent`, each with its guides; returns [(page, languages)]."""
    to_translate = []
    for area in demo.TOPIC_AREAS:
        index = parent.get_children().filter(slug=area["slug"]).first()
        if index is None:
            index = GuidanceIndexPageFactory(
                parent=parent, slug=area["slug"], title=area["title"], intro=area["intro"]
            )
            index.save_revision().publish()
            created.append(index)
        to_translate.append((index.specific, None))
        for guide in area["pages"]:
            for page in _ensure_guide(index, guide, faqs, created):
                to_translate.append((page, guide["translate_to"]))
    return to_translate


def _ensure_guide(index, guide, faqs, created):
    existing = index.get_children().filter(slug=guide["slug"]).first()
    if existing is not None:
        pages = [existing.specific]
        easy = existing.specific.easy_read_page
        return pages + ([easy.specific] if easy else [])
    easy = None
    if guide.get("easy_read"):
        easy = _create_guide(
            index,
            {**guide, "slug": f"{guide['slug']}-easy-read", "body": guide["easy_read_body"]},
            faqs,
            title=f"{guide['title']} (easy read)",
        )
        created.append(easy)
    page = _create_guide(index, guide, faqs, title=guide["title"], easy_read_page=easy)
    created.append(page)
    return [page] + ([easy] if easy else [])


def _create_guide(index, guide, faqs, title, easy_read_page=None):
    page = GuidancePageFactory(
        parent=index,
        slug=guide["slug"],
        title=title,
        listing_summary=guide["summary"],
        intro=guide["intro"],
        body=[_block(block, faqs) for block in guide["body"]],
        content_owner=guide["owner"],
        review_interval_months=guide["review_months"],
        easy_read_page=easy_read_page,
    )
    default = Locale.get_default()
    page.topics.set(Topic.objects.filter(slug__in=guide["topics"], locale=default))
    page.audiences.set(Audience.objects.filter(slug__in=guide["audiences"], locale=default))
    page.occupations.set(Occupation.objects.filter(code__in=guide["occupations"]))
    page.save_revision().publish()
    return page


def _block(block, faqs):
    block_type, value = block
    if block_type == "faq_snippet":
        return (block_type, faqs[value])
    return (block_type, value)
