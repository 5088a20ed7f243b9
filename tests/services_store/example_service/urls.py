from django.http import HttpResponse
from django.urls import path


def greeting(request):
    return HttpResponse(f"Hello from {request.microservice.slug}")


def detail(request, number):
    return HttpResponse(f"Item {number}")


urlpatterns = [
    path("", greeting, name="home"),
    path("items/<int:number>/", detail, name="item"),
]
