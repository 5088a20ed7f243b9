from django import template

from content.search import highlight as highlight_words

register = template.Library()


@register.filter
def highlight(text, query):
    return highlight_words(text or "", query or "")
