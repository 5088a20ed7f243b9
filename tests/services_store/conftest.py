import pytest
from pytest_django.django_compat import is_django_unittest


@pytest.fixture(autouse=True)
def _the_tests_own_store(request):
    """Each store test starts from a store of its own: the demo content, loaded once per
    run by the tests that need it, is set aside inside the test's transaction (and back
    when it rolls back). Tests without the database are left alone, and so are Django
    test case classes, whose transaction begins only after this fixture: they scope their
    queries to the pages and records they make."""
    marks = {mark.name for mark in request.node.iter_markers()}
    if "django_db" not in marks or is_django_unittest(request):
        yield
        return
    request.getfixturevalue("db")
    set_aside_the_demo_store()
    yield


def set_aside_the_demo_store():
    """No usage, feedback, suggestions, reviews or go-live requests; every record but the
    example micro-service's back to a need with no team; no catalogue or description
    pages (a service's description is found by its service, wherever the page is)."""
    from services_store.models import (
        GoLiveRequest,
        ReviewNotice,
        Service,
        ServiceDetailPage,
        ServiceReview,
        ServiceStorePage,
        ServiceSuggestion,
        ServiceUsefulness,
        ServiceVisitDay,
    )

    for model in (
        ServiceVisitDay,
        ServiceUsefulness,
        ServiceSuggestion,
        ServiceReview,
        ReviewNotice,
        GoLiveRequest,
    ):
        model.objects.all().delete()
    ServiceDetailPage.objects.all().delete()
    ServiceStorePage.objects.all().delete()
    Service.objects.exclude(slug="example-tool").update(
        state="need",
        hidden_for_review=False,
        next_review=None,
        intrapreneur=None,
        coach=None,
        it_lead=None,
        pilot_group=None,
    )
    Service.alternatives.through.objects.all().delete()
