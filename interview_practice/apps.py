"""Interview practice: a micro-service of the portal's store.

Its manifest tells the store what it is, who built it and what data it uses; the
store mounts its pages under /<lang>/services/interview-practice/ and opens them according
to its lifecycle state (building, beta, live ...), which Managers decide in the admin.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from services_store.manifest import Category, Interaction, ServiceManifest, Team


class InterviewPracticeConfig(AppConfig):
    name = "interview_practice"
    manifest = ServiceManifest(
        slug="interview-practice",
        name=_("Interview practice"),
        summary=_("What Interview practice does for people, in one sentence."),
        category=Category.FINDING_WORK,
        interaction=Interaction.INFORMATION,
        audiences=("jobseekers",),
        team=Team(
            "Interview coaching team",
            intrapreneur="amelie",
            coach="jonas",
            it_lead="mei",
        ),
        data_sources=("Describe where the data comes from",),
        languages=("en",),
        urls="interview_practice.urls",
        # personal_data=(PersonalData("e-mail address", "to send the result", 30),),
        ranks_people_or_companies=False,
    )
