from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from content.page_cache import remember
from portal.locales import active_locale as _active_locale
from portal.locales import locale_by_id, localized
from portal.models import CounsellorContact

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    bidi: bool
    is_current: bool
    # False when the page has no translation in that language yet (the link then shows
    # the default-language page with a notice); such links are not hreflang alternates.
    is_translation: bool


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per portal language, never to a "not found" page.

    On a page: its translation; where there is none, the same address in that language,
    which shows the default-language page with a notice. On a view such as search: the
    same view in that language. On a "not found" page: that language's home page.
    """
    request = context.get("request")
    page = context.get("page")
    on_page = isinstance(page, Page) and page.pk is not None
    translations = _page_translation_urls(page, request) if on_page else {}
    if on_page:
        targets = _same_path_urls(page.get_url(request))
    elif _is_view_url(request):
        targets = _same_path_urls(request.get_full_path())
    else:
        targets = _home_urls(request)
    return [
        LanguageLink(
            code=code,
            name=_language_names()[code],
            url=translations.get(code) or targets.get(code) or f"/{code}/",
            bidi=get_language_info(code)["bidi"],
            is_current=code == get_language(),
            is_translation=code in translations,
        )
        for code in _codes()
    ]


def _same_path_urls(url):
    """`url` under each language's prefix (every public URL starts with one)."""
    return {code: _with_language_prefix(url, code) for code in _codes()} if url else {}


def _with_language_prefix(url, code):
    first, _, rest = url.lstrip("/").partition("/")
    if first in _codes():
        return f"/{code}/{rest}"
    return translate_url(url, code)


def _is_view_url(request):
    """True for portal views such as search, whose URL exists in every language.

    Wagtail's catch-all page route matches any path, so a request that reached it
    without a page in the context is a "not found" page.
    """
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name != "wagtail_serve"


def _codes():
    return [code for code, _name in settings.LANGUAGES]


def _language_names():
    """Each language named in itself, as in settings.LANGUAGES."""
    return dict(settings.LANGUAGES)


def _page_translation_urls(page, request):
    """{language code: URL} of the page's live, public translations (itself included),
    kept until the next publish, since every page in every language shows them."""
    host = request.get_host() if request else ""
    return remember(
        f"translations:{host}:{page.translation_key}",
        lambda: _query_translation_urls(page, request),
    )


def _query_translation_urls(page, request):
    translations = page.get_translations(inclusive=True).live().public().select_related("locale")
    urls = {t.locale.language_code: t.get_url(request) for t in translations}
    return {code: url for code, url in urls.items() if url is not None}


def _home_urls(request):
    """The home page's URL in each language, worked out once per request (the header,
    the language switcher and the footer all need it)."""
    if request is None:
        return {}
    if not hasattr(request, "_portal_home_urls"):
        # Kept with the other page parts: finding the site costs a query per request.
        request._portal_home_urls = remember(
            f"home-urls:{request.get_host()}", lambda: _query_home_urls(request)
        )
    return request._portal_home_urls


def _query_home_urls(request):
    site = Site.find_for_request(request)
    return _query_translation_urls(site.root_page, request) if site else {}


@register.simple_tag(takes_context=True)
def url_in_current_language(context, page):
    """`page`'s address under the visitor's language prefix. For a page not yet
    translated, that address shows it with a "not yet translated" notice, and the
    visitor stays in their language for everything around it."""
    url = page.get_url(context.get("request"))
    return _with_language_prefix(url, get_language()) if url else ""


@register.simple_tag(takes_context=True)
def page_language(context):
    """The language the page's content is written in (Django's language info), or None
    outside pages. It differs from the visitor's when a page is not yet translated."""
    page = context.get("page")
    if not isinstance(page, Page):
        return None
    code = locale_by_id(page.locale_id).language_code
    return {**get_language_info(code), "code": code}


@register.simple_tag
def counsellor_contact():
    return remember(f"counsellor:{get_language()}", CounsellorContact.for_active_locale)


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the active language (or the default one)."""
    request = context.get("request")
    homes = _home_urls(request)
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE) or "/"


@dataclass(frozen=True)
class NavigationItem:
    pk: int
    title: str
    url: str


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The home page's children in the active language: those marked "show in menus"
    form the main menu, the others (about, privacy, accessibility) the footer links.
    Kept until the next publish: every page shows it."""
    request = context.get("request")
    if request is None:
        return {"menu": [], "footer": []}
    # Keyed by host (one of ALLOWED_HOSTS): finding the site costs a query per request.
    return remember(
        f"navigation:{request.get_host()}:{get_language()}", lambda: _query_navigation(request)
    )


def _query_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"menu": [], "footer": []}
    home = localized(site.root_page)
    children = home.get_children().live().public().only("title", "url_path", "show_in_menus")
    navigation = {"menu": [], "footer": []}
    for child in children:
        item = NavigationItem(child.pk, child.title, child.get_url(request))
        navigation["menu" if child.show_in_menus else "footer"].append(item)
    return navigation


@register.simple_tag
def active_locale():
    return _active_locale()


@register.simple_tag(takes_context=True)
def ui_lang(context):
    """` lang=… dir=…` for interface text (headings, labels, dates) inside a page whose
    content is in another language (not yet translated), so screen readers read each
    part in its own language; nothing on a page in the visitor's language."""
    page = context.get("page")
    language = get_language()
    if not isinstance(page, Page) or locale_by_id(page.locale_id).language_code == language:
        return ""
    direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)
