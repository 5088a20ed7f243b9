"""Staff side: editors get clear messages on what a webinar page needs, subjects are
managed as snippets, and the attendance report gives counts, never names."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import RegistrationFactory, SubjectFactory, UserFactory
from webinars.emails import claim
from webinars.models import WebinarPage

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:04.000\n<v Amina>Welcome to the webinar.\n"


@pytest.fixture
def editor(client, locales):
    user = UserFactory(username="ed", groups=["Editors"])
    client.force_login(user)
    return user


def webinar_form(subject, **overrides):
    data = nested_form_data(
        {
            "title": "Job interviews by video",
            "slug": "video-interviews",
            "subject": subject.pk,
            "intro": "How to prepare.",
            "session_language": "en",
            "starts_at": "2031-03-04 14:00",
            "ends_at": "2031-03-04 15:00",
            "capacity": "",
            "stream_url": "",
            "recording_url": "",
            "moderation_mode": "pre",
            "body": streamfield([]),
            "related_links": streamfield([]),
        }
    )
    data.update(overrides)
    return data


def add_webinar(client, calendar, data):
    url = reverse("wagtailadmin_pages:add", args=["webinars", "webinarpage", calendar.pk])
    return client.post(url, data)


def errors_of(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".error-message"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"stream_url": "https://zoom.us/j/123456789"}, "not an address we can use"),
        ({"stream_url": "http://meet.jit.si/pes-room"}, "starting with https://"),
        ({"recording_url": "https://meet.jit.si/pes-room"}, "must be a PeerTube or YouTube"),
        ({"ends_at": "2031-03-04 13:00"}, "The end must come after the start"),
        ({"ends_at": "2031-03-05 15:00"}, "at most 8 hours"),
        ({"capacity": "0"}, "greater than or equal to 1"),
        (
            {"captions_file": SimpleUploadedFile("c.vtt", b"WEBVTT\n\n00:0x.000 --> 1\nHi\n")},
            "line 3",
        ),
        (
            {
                "captions_file": SimpleUploadedFile(
                    "c.vtt", b"1\n00:00:00,000 --> 00:00:04,000\nHello\n"
                )
            },
            "WebVTT",
        ),
    ],
    ids=[
        "zoom",
        "not-https",
        "room-as-recording",
        "end-first",
        "too-long",
        "no-places",
        "bad-captions",
        "srt-captions",
    ],
)
def test_editor_gets_a_clear_message(client, editor, calendar, overrides, message):
    response = add_webinar(client, calendar, webinar_form(SubjectFactory(), **overrides))
    assert response.status_code == 200
    assert message.lower() in errors_of(response).lower()
    assert not WebinarPage.objects.filter(slug="video-interviews").exists()


def test_editor_uploads_valid_captions(client, editor, calendar):
    captions = SimpleUploadedFile("captions.vtt", VTT, content_type="text/vtt")
    data = webinar_form(SubjectFactory(), captions_file=captions)
    response = add_webinar(client, calendar, data)
    assert response.status_code == 302, errors_of(response)
    page = WebinarPage.objects.get(slug="video-interviews").get_latest_revision_as_object()
    assert page.captions.cues[0].text == "Welcome to the webinar."


def test_presenters_are_chosen_among_staff(client, editor, calendar):
    UserFactory(username="outsider")
    moderator = UserFactory(username="moderator", groups=["Moderators"])
    url = reverse("wagtailadmin_pages:add", args=["webinars", "webinarpage", calendar.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    options = {o.get_text(strip=True) for o in page.select("select[name=presenters] option")}
    assert str(moderator) in options or moderator.get_full_name() in options
    assert not any("outsider" in option for option in options)


def test_subjects_are_snippets_grouped_in_the_admin_menu(client, locales):
    admin = UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    subject = SubjectFactory(name="Writing a CV")
    url = reverse("wagtailsnippets_webinars_subject:list")
    response = client.get(url, {"category": subject.category_id})
    assert response.status_code == 200
    assert "Writing a CV" in response.content.decode()
    assert subject.category.name in response.content.decode()


def test_attendance_report_counts_without_names(client, webinar, users_by_role):
    RegistrationFactory.create_batch(2, webinar=webinar, display_name="Secret Name")
    RegistrationFactory(webinar=webinar, status="waiting", email="")
    lost = RegistrationFactory(webinar=webinar, status="waiting")
    notification = claim(lost, "reminder", "1h")
    notification.claimed_at -= datetime.timedelta(hours=1)
    notification.save()
    client.force_login(users_by_role["Managers"])
    response = client.get(reverse("webinar_attendance"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    row = next(tr for tr in page.select("tbody tr") if webinar.title in tr.get_text())
    headings = [th.get_text(strip=True) for th in page.select("thead th")]
    values = [cell.get_text(strip=True) for cell in row.select("th, td")]
    cells = dict(zip([heading for heading in headings if heading], values, strict=True))
    counted = ["Places", "Registered", "Waiting list", "With e-mail", "E-mails not sent"]
    assert [cells[heading] for heading in counted] == ["2", "2", "2", "3", "1"]
    assert "Secret Name" not in response.content.decode()
    export = client.get(reverse("webinar_attendance") + "?export=csv")
    assert export.status_code == 200
    assert webinar.title in b"".join(export.streaming_content).decode()


def test_editor_previews_a_new_webinar(client, editor, calendar):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["webinars", "webinarpage", calendar.pk]
    )
    response = client.post(url, webinar_form(SubjectFactory()))
    assert response.json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Job interviews by video" in response.content.decode()


def test_editor_chooses_a_subject_by_searching(client, editor, demo_content):
    # The demo's 60+ subjects fill the chooser's first page: editors search.
    SubjectFactory(name="Welding for beginners", slug="welding-beginners")
    url = reverse("wagtailsnippetchoosers_webinars_subject:choose_results")
    response = client.get(url, {"q": "welding"})
    assert response.status_code == 200
    assert "Welding for beginners" in response.content.decode()
