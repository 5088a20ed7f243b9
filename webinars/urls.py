"""Registration addresses, under each language prefix: /<lang>/webinar-registration/…"""

from django.urls import path

from webinars import views

urlpatterns = [
    path("<int:page_id>/", views.register, name="webinar_register"),
    path("r/<str:token>/", views.registration_detail, name="webinar_registration"),
    path("r/<str:token>/cancel/", views.cancel, name="webinar_cancel"),
    path("r/<str:token>/webinar.ics", views.invite, name="webinar_invite"),
    path("r/<str:token>/my-data.json", views.my_data, name="webinar_my_data"),
    path("r/<str:token>/erase/", views.erase_my_data, name="webinar_erase"),
]
