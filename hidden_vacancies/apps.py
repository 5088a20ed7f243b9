from django.apps import AppConfig


class HiddenVacanciesConfig(AppConfig):
    """Companies likely to hire for an occupation near you, from their hiring history."""

    name = "hidden_vacancies"
