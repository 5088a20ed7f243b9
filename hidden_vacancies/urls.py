"""Mounted by the store under /<lang>/services/hidden-vacancies/ (namespace
`hidden_vacancies`), every view behind the service's lifecycle gate."""

from django.urls import path

from hidden_vacancies import views
from hidden_vacancies.api import api

urlpatterns = [
    path("", views.search_page, name="search"),
    path("api/v1/", api.urls),
]
