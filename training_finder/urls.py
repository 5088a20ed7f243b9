"""Mounted by the store under /<lang>/services/training-finder/ (namespace
`training_finder`), every view behind the service's lifecycle gate."""

from django.urls import path

from training_finder import views

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/occupations/", views.suggest_occupations, name="suggest_occupations"),
    path("suggest/places/", views.suggest_places, name="suggest_places"),
]
