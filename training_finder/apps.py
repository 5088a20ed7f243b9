from django.apps import AppConfig


class TrainingFinderConfig(AppConfig):
    """Trainings ranked by how often they lead back to work."""

    name = "training_finder"
