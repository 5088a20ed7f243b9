from django.shortcuts import render


def index(request):
    """The service's first page. `request.microservice` is its record in the store."""
    return render(request, "interview_practice/index.html", {"service": request.microservice})
