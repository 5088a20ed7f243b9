from django.shortcuts import render

from content.forms import SearchForm
from content.search import search_pages


def search(request):
    form = SearchForm(request.GET)
    results = None
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"] or ""
        if query:
            results = search_pages(
                query,
                form.cleaned_data["page"] or 1,
                topic=form.cleaned_data["topic"],
                audience=form.cleaned_data["audience"],
            )
    return render(
        request,
        "content/search.html",
        {"form": form, "query": query, "results": results},
        status=200,
    )
