"""Factories for tests and for the demo content (`manage.py load_initial_data`)."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from content.models import (
    Audience,
    FAQSnippet,
    GuidanceIndexPage,
    GuidancePage,
    HomeEntryPoint,
    HomePage,
    InformationPage,
    Topic,
)
from podcasts.models import PodcastEpisodePage, PodcastShowPage
from portal.models import CounsellorContact


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set([Group.objects.get(name=name) for name in names])


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    heading = "Find work, get support, learn new skills"
    intro = "<p>Guidance, a podcast, webinars and online services from your employment service.</p>"

    class Meta:
        model = HomePage


class HomeEntryPointFactory(DjangoModelFactory):
    title = "Guidance"
    summary = "Step-by-step help with registering, CVs, interviews and benefits."

    class Meta:
        model = HomeEntryPoint


class InformationPageFactory(wagtail_factories.PageFactory):
    title = "About the portal"
    intro = "What the portal offers and who runs it."

    class Meta:
        model = InformationPage


class CounsellorContactFactory(DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)
    heading = "Talk to a counsellor"
    phone = "+33 1 23 45 67 89"
    opening_hours = "Monday to Friday, 8:30 to 17:00"
    office_finder_url = "https://example.org/offices"
    office_finder_label = "Find your nearest office"
    note = "Interpreters are available on request, free of charge."

    class Meta:
        model = CounsellorContact


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


class AudienceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.Sequence(lambda n: f"audience-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Audience


class FAQSnippetFactory(DjangoModelFactory):
    question = factory.Sequence(lambda n: f"Is question {n} answered here?")
    answer = "<p>Yes. A counsellor can tell you more.</p>"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = FAQSnippet


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Finding work"
    intro = "Register, write your CV and prepare for interviews."

    class Meta:
        model = GuidanceIndexPage


class GuidancePageFactory(wagtail_factories.PageFactory):
    title = "Writing a CV"
    intro = "A good CV is short, clear and true."
    body = [("paragraph", "<p>Start with your most recent job.</p>")]
    content_owner = "Jobseeker services team"

    class Meta:
        model = GuidancePage


def artwork_jpeg(size=(1400, 1400), mode="RGB", image_format="JPEG"):
    """Bytes of a picture podcast apps accept (or not, with other arguments)."""
    import io

    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new(mode, size, (0, 84, 147) if mode == "RGB" else None).save(
        buffer, format=image_format
    )
    return buffer.getvalue()


class ArtworkImageFactory(wagtail_factories.ImageFactory):
    title = "Show artwork"
    file = factory.LazyFunction(lambda: ContentFile(artwork_jpeg(), name="artwork.jpg"))


class PodcastShowPageFactory(wagtail_factories.PageFactory):
    title = "Work Matters"
    description = "<p>The weekly podcast for jobseekers.</p>"
    artwork = factory.SubFactory(ArtworkImageFactory)
    author = "Public Employment Service"
    owner_name = "Podcast team"
    owner_email = "podcast@example.org"

    class Meta:
        model = PodcastShowPage


class PodcastEpisodePageFactory(wagtail_factories.PageFactory):
    """An episode with real (generated) audio and a WebVTT transcript. Pass
    `audio_seconds=…` for another length, `transcript=False` for none."""

    title = factory.Sequence(lambda n: f"Episode {n}")
    show_notes = "<p>What this episode is about.</p>"
    chapters = "0:00 Welcome\n0:05 The topic"
    episode_number = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = PodcastEpisodePage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        from podcasts.demo import _webvtt
        from podcasts.demo_audio import generate_demo_mp3

        seconds = kwargs.pop("audio_seconds", 12)
        with_transcript = kwargs.pop("transcript", True)
        episode = model_class(**kwargs)
        episode.set_audio(ContentFile(generate_demo_mp3(seconds), name="episode.mp3"))
        if with_transcript:
            vtt = _webvtt([("Host", "Welcome to the show."), ("Guest", "Thank you.")])
            episode.transcript_file.save("episode.vtt", ContentFile(vtt.encode()), save=False)
        parent.add_child(instance=episode)
        return episode


# --- Webinars ---


def _next_week_at_ten():
    import datetime

    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=7)
    naive = datetime.datetime.combine(day, datetime.time(10))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def _an_hour_later(page):
    import datetime

    return page.starts_at + datetime.timedelta(hours=1)


class SubjectCategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = "webinars.SubjectCategory"


class SubjectFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Subject {n}")
    slug = factory.Sequence(lambda n: f"subject-{n}")
    category = factory.SubFactory(SubjectCategoryFactory)
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = "webinars.Subject"


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Webinar calendar"
    intro = "Live sessions with our specialists."

    class Meta:
        model = "webinars.WebinarIndexPage"


class WebinarPageFactory(wagtail_factories.PageFactory):
    """A webinar next week at 10:00 (the portal's time zone), one hour long."""

    title = factory.Sequence(lambda n: f"Webinar {n}")
    subject = factory.SubFactory(SubjectFactory)
    intro = "What recruiters read first, and how to fit your experience on one page."
    session_language = "en"
    starts_at = factory.LazyFunction(_next_week_at_ten)
    ends_at = factory.LazyAttribute(_an_hour_later)

    class Meta:
        model = "webinars.WebinarPage"


class RegistrationFactory(DjangoModelFactory):
    """Pass `webinar=`; confirmed, with an e-mail address, in English."""

    display_name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    language = "en"
    status = "confirmed"

    class Meta:
        model = "webinars.Registration"


class ChatParticipantFactory(DjangoModelFactory):
    """Pass `webinar=` (the event page); a registrant's participant unless `key=` says."""

    key = factory.Sequence(lambda n: f"registration:{n:032x}")
    display_name = factory.Sequence(lambda n: f"Viewer {n}")

    class Meta:
        model = "webinars.ChatParticipant"


class ChatMessageFactory(DjangoModelFactory):
    """Pass `participant=`; a visible question in the participant's room."""

    webinar = factory.LazyAttribute(lambda message: message.participant.webinar)
    kind = "question"
    text = factory.Sequence(lambda n: f"Question {n}: can I apply while I am on benefits?")
    author_name = factory.LazyAttribute(lambda message: message.participant.display_name)
    state = "visible"

    class Meta:
        model = "webinars.ChatMessage"
