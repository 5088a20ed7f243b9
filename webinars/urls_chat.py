"""The live room's pages for visitors without JavaScript and for presenters, under each
language prefix: /<lang>/webinar-chat/…"""

urlpatterns = []
