from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path


def greeting(request):
    return HttpResponse(f"Hello from {request.microservice.slug}")


def detail(request, number):
    return HttpResponse(f"Item {number}")


def items_json(request):
    return JsonResponse({"items": [1, 2, 3]})


def first(request):
    return redirect("example_service:item", number=1)


urlpatterns = [
    path("", greeting, name="home"),
    path("items/<int:number>/", detail, name="item"),
    path("items.json", items_json, name="items_json"),
    path("first/", first, name="first"),
]
