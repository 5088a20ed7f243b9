"""The Managers' store dashboard and homepage panel: the right services in each list, the
usage concentration warning only above its threshold, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from services_store.admin_views import dashboard_figures, store_summary
from services_store.models import LifecycleState, Service, ServiceSuggestion, ServiceVisitDay

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DASHBOARD = reverse("services_store_dashboard")


def days(n):
    return TODAY + datetime.timedelta(days=n)


def make_service(slug, state, **fields):
    return Service.objects.create(slug=slug, state=state, **fields)


def retired(slug, days_ago):
    service = make_service(slug, LifecycleState.RETIRED)
    changed = timezone.now() - datetime.timedelta(days=days_ago)
    Service.objects.filter(pk=service.pk).update(state_changed_at=changed)
    return service


@pytest.fixture
def store(db):
    return {
        "beta": make_service("beta-tool", LifecycleState.BETA),
        "building": make_service("building-tool", LifecycleState.BUILDING),
        "due_soon": make_service("due-soon", LifecycleState.LIVE, next_review=days(30)),
        "due_later": make_service("due-later", LifecycleState.LIVE, next_review=days(31)),
        "due_today": make_service("due-today", LifecycleState.LIVE, next_review=TODAY),
        "overdue": make_service("overdue-tool", LifecycleState.LIVE, next_review=days(-1)),
        "beta_old_date": make_service("reworked", LifecycleState.BETA, next_review=days(-40)),
        "retired_recently": retired("retired-recently", days_ago=89),
        "retired_long_ago": retired("retired-long-ago", days_ago=91),
    }


def slugs(services):
    return [service.slug for service in services]


def test_each_list_holds_the_right_services(store):
    ServiceSuggestion.objects.create(title="New one", need="N")
    ServiceSuggestion.objects.create(title="Studied one", need="N", status="study")
    ServiceSuggestion.objects.create(title="Declined one", need="N", status="declined")
    figures = dashboard_figures(TODAY)
    assert slugs(figures["in_beta"]) == ["beta-tool", "reworked"]
    assert slugs(figures["due"]) == ["due-today", "due-soon"]
    assert slugs(figures["overdue"]) == ["overdue-tool"]
    assert slugs(figures["retired"]) == ["retired-recently"]
    assert (figures["new_count"], figures["study_count"]) == (1, 1)
    assert [s.title for s in figures["backlog"]] == ["New one", "Studied one"]


def test_managers_read_the_dashboard(client, users_by_role, store):
    ServiceSuggestion.objects.create(title="Childcare finder", need="N")
    client.force_login(users_by_role["Managers"])
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    for slug in ("beta-tool", "due-soon", "overdue-tool", "retired-recently", "Childcare finder"):
        assert slug in html
    for slug in ("due-later", "building-tool", "retired-long-ago"):
        assert slug not in html
    review = reverse("services_store_review", args=[store["overdue"].pk])
    assert review in html
    assert reverse("services_store_triage", args=[ServiceSuggestion.objects.get().pk]) in html


@pytest.mark.parametrize("role", ["Editors", "Publishers", "Moderators"])
def test_other_roles_are_refused_the_dashboard(client, users_by_role, role):
    client.force_login(users_by_role[role])
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert DASHBOARD not in home  # neither the menu item nor the panel


def test_the_menu_and_the_homepage_panel_lead_managers_to_the_dashboard(
    client, users_by_role, store
):
    client.force_login(users_by_role["Managers"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert DASHBOARD in home
    assert "1 service overdue for review" in home
    assert "2 reviews due in the next 30 days" in home
    assert "2 services in beta" in home


# --- Usage concentration ---


def visits(shares):
    """One service per share, with that many visits over the last days."""
    for number, count in enumerate(shares):
        service = make_service(f"used-{number}", LifecycleState.LIVE, next_review=days(100))
        ServiceVisitDay.objects.create(service=service, date=days(-2), visits=count)


WARNING = "The 5 most visited services draw"


def test_no_warning_at_the_threshold(client, users_by_role):
    visits([15, 15, 15, 15, 15, 5, 5, 5, 5, 5])  # top 5: 75 of 100
    client.force_login(users_by_role["Managers"])
    html = client.get(DASHBOARD).content.decode()
    assert dashboard_figures(TODAY)["top_share"] == 75
    assert "help-warning" not in html
    assert "draw 75.0 % of the store's visits (last 90 days)" in html
    assert "help-warning" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_warning_above_the_threshold(client, users_by_role):
    visits([40, 20, 10, 6, 5, 4, 4, 4, 4, 3])  # top 5: 81 of 100
    client.force_login(users_by_role["Managers"])
    html = client.get(DASHBOARD).content.decode()
    assert "help-warning" in html
    assert f"{WARNING} 81.0 % of the store's visits, more than 75 %" in html
    figures = dashboard_figures(TODAY)
    assert slugs(figures["top_services"]) == ["used-0", "used-1", "used-2", "used-3", "used-4"]
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "help-warning" in home and "81.0 %" in home


def test_the_threshold_is_a_setting(client, users_by_role, settings):
    settings.SERVICE_STORE_TOP_SHARE_WARNING = 90
    visits([40, 20, 10, 6, 5, 4, 4, 4, 4, 3])
    client.force_login(users_by_role["Managers"])
    assert "help-warning" not in client.get(DASHBOARD).content.decode()
    assert not store_summary(TODAY)["concentrated"]


def test_no_visits_no_share(client, users_by_role):
    client.force_login(users_by_role["Managers"])
    assert "No visits counted in the last 90 days." in client.get(DASHBOARD).content.decode()
    assert dashboard_figures(TODAY)["top_share"] is None


# --- Bounded queries ---


def grow_the_store(count):
    for number in range(count):
        for state, review in ((LifecycleState.BETA, None), (LifecycleState.LIVE, days(-number))):
            service = make_service(f"{state}-{number}-{count}", state, next_review=review)
            ServiceVisitDay.objects.create(service=service, date=days(-1), visits=number + 1)
        retired(f"retired-{number}-{count}", days_ago=number)
        ServiceSuggestion.objects.create(title=f"Idea {number}", need="N")


def test_the_figures_take_eight_queries_at_most(django_assert_max_num_queries):
    grow_the_store(12)
    with django_assert_max_num_queries(8):
        figures = dashboard_figures(TODAY)
    assert len(figures["overdue"]) == 11 and len(figures["top_services"]) == 5


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [DASHBOARD, reverse("wagtailadmin_home")])
def test_the_pages_take_as_many_queries_for_a_large_store_as_for_a_small_one(
    client, users_by_role, url
):
    client.force_login(users_by_role["Managers"])
    grow_the_store(2)
    client.get(url)  # warm caches (content types, site root paths)
    small = queries_for(client, url)
    grow_the_store(15)
    assert queries_for(client, url) == small
