"""The live room's pages for visitors without JavaScript and for presenters, under each
language prefix: /<lang>/webinar-chat/…"""

from django.urls import path

from webinars import views_chat

urlpatterns = [
    path("<int:page_id>/post/", views_chat.post_message, name="webinar_chat_post"),
    path("<int:page_id>/vote/", views_chat.vote, name="webinar_chat_vote"),
    path("<int:page_id>/moderate/", views_chat.moderate, name="webinar_chat_moderate"),
    path("<int:page_id>/presenter/", views_chat.presenter, name="webinar_chat_presenter"),
    path("<int:page_id>/rate/", views_chat.rate, name="webinar_rate"),
]
