"""The store's public forms, under /<lang>/store/ (the catalogue and the service
descriptions are Wagtail pages)."""

from django.urls import path

from services_store import views

urlpatterns = [
    path("suggest/", views.suggest, name="service_suggest"),
    path("suggest/sent/", views.suggestion_sent, name="service_suggestion_sent"),
    path("beta/", views.beta_services, name="service_beta"),
    path("useful/<slug:slug>/", views.usefulness, name="service_usefulness"),
]
