"""Attendance figures per session: registrations, the most viewers at once, questions
asked and answered, comments and the viewers' rating, on screen and in the exports, in a
number of queries that does not grow with the number of sessions."""

import csv
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ChatMessageFactory,
    ChatParticipantFactory,
    RegistrationFactory,
    WebinarPageFactory,
)
from webinars.models import ChatRoom, SessionRating
from webinars.views_admin import AttendanceReport

pytestmark = pytest.mark.django_db

FIGURES = ["Most viewers at once", "Questions", "Answered", "Comments", "Satisfaction (1–5)"]


def busy_session(webinar, ratings=(4, 5, 5)):
    """Two registrations, 37 viewers at most, three questions (one answered, one waiting
    for approval), one comment, and the given ratings."""
    RegistrationFactory.create_batch(2, webinar=webinar)
    ChatRoom.objects.create(webinar=webinar, peak_viewers=37)
    viewer = ChatParticipantFactory(webinar=webinar)
    ChatMessageFactory(participant=viewer, answered=True, answer="Yes.")
    ChatMessageFactory(participant=viewer)
    ChatMessageFactory(participant=viewer, state="pending")
    ChatMessageFactory(participant=viewer, kind="comment")
    for rating in ratings:
        SessionRating.objects.create(webinar=webinar, rating=rating)


def report_rows(response):
    """{page id: {heading: cell text}} (the demo content may add sessions of its own)."""
    table = BeautifulSoup(response.content, "html.parser").select_one("table.listing")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        page_id = int(tr.select_one("a[href*='/admin/pages/']")["href"].split("/")[-3])
        cells = [td.get_text(strip=True) for td in tr.select("td")]
        rows[page_id] = dict(zip(headings, cells, strict=True))
    return rows


def export_row(rows, webinar):
    (row,) = [row for row in rows if row["Webinar"] == webinar.title]
    return row


@pytest.fixture
def manager(client, users_by_role):
    client.force_login(users_by_role["Managers"])
    return users_by_role["Managers"]


@pytest.fixture
def webinar(calendar):
    """A session of its own title (the demo content has a "Writing a CV" one too)."""
    page = WebinarPageFactory(parent=calendar, slug="counted", title="Counted session")
    page.save_revision().publish()
    return page


def test_the_report_shows_what_happened_in_the_room(client, manager, webinar, calendar):
    busy_session(webinar)
    quiet = WebinarPageFactory(parent=calendar, slug="quiet", title="A quiet session")
    rows = report_rows(client.get(reverse("webinar_attendance")))
    busy = rows[webinar.pk]
    assert [busy[name] for name in FIGURES] == ["37", "3", "1", "1", "4.7"]
    assert busy["Ratings"] == "3"
    assert busy["Registered"] == "2"
    assert [rows[quiet.pk][name] for name in FIGURES] == ["0", "0", "0", "0", ""]
    assert rows[quiet.pk]["Ratings"] == "0"


def test_the_average_rating_has_one_decimal(client, manager, webinar):
    busy_session(webinar, ratings=(1, 2, 2))  # 1.666…
    row = report_rows(client.get(reverse("webinar_attendance")))[webinar.pk]
    assert row["Satisfaction (1–5)"] == "1.7"


def test_the_csv_export_has_the_figures_under_readable_headings(client, manager, webinar):
    busy_session(webinar)
    response = client.get(reverse("webinar_attendance") + "?export=csv")
    text = b"".join(response.streaming_content).decode()
    row = export_row(csv.DictReader(io.StringIO(text)), webinar)
    assert [row[name] for name in FIGURES] == ["37", "3", "1", "1", "4.7"]
    assert row["Ratings"] == "3"
    assert row["Registered"] == "2"


def test_the_xlsx_export_has_the_figures(client, manager, webinar):
    busy_session(webinar)
    response = client.get(reverse("webinar_attendance") + "?export=xlsx")
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headings, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    row = export_row([dict(zip(headings, values, strict=True)) for values in rows], webinar)
    assert [row[name] for name in FIGURES] == [37, 3, 1, 1, 4.7]
    assert row["Ratings"] == 3


def test_figures_are_counted_once_whatever_the_other_figures(client, manager, webinar):
    """Registrations, messages and ratings joined together would multiply each other."""
    busy_session(webinar)
    RegistrationFactory.create_batch(3, webinar=webinar, status="waiting")
    row = report_rows(client.get(reverse("webinar_attendance")))[webinar.pk]
    assert (row["Registered"], row["Waiting list"], row["Questions"], row["Ratings"]) == (
        "2",
        "3",
        "3",
        "3",
    )


def queries_for_report(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(AttendanceReport.index_url_name))
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_sessions(client, manager, webinar, calendar):
    busy_session(webinar)
    client.get(reverse("webinar_attendance"))  # sessions, permissions and the like, cached
    one_session = queries_for_report(client)
    more = [WebinarPageFactory(parent=calendar, slug=f"session-{n}") for n in range(4)]
    for page in more:
        busy_session(page)
    rows = report_rows(client.get(reverse("webinar_attendance")))
    assert all(rows[page.pk]["Questions"] == "3" for page in [webinar, *more])
    assert queries_for_report(client) == one_session
    assert one_session <= 12, one_session
