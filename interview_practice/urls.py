from django.urls import path

from interview_practice import views

urlpatterns = [
    path("", views.index, name="index"),
]
