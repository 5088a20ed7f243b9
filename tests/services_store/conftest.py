import pytest


@pytest.fixture(autouse=True)
def _the_tests_own_store(request):
    """Each store test starts from a store of its own: the demo content, loaded once per
    run by the tests that need it, is set aside inside the test's transaction (and back
    when it rolls back). Tests without the database are left alone."""
    if "django_db" not in {mark.name for mark in request.node.iter_markers()}:
        yield
        return
    request.getfixturevalue("db")
    from services_store.models import (
        GoLiveRequest,
        ReviewNotice,
        Service,
        ServiceReview,
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
    Service.objects.exclude(slug="example-tool").update(
        state="need", hidden_for_review=False, next_review=None
    )
    yield
