import pytest

from tests.factories import SubjectFactory, WebinarIndexPageFactory, WebinarPageFactory


@pytest.fixture
def calendar(home_page):
    page = WebinarIndexPageFactory(parent=home_page, slug="calendar")
    page.save_revision().publish()
    return page


@pytest.fixture
def webinar(calendar):
    """Next week at 10:00 in Paris, for one hour, with two places."""
    page = WebinarPageFactory(
        parent=calendar,
        slug="writing-a-cv",
        title="Writing a CV that gets read",
        subject=SubjectFactory(name="Writing a CV", slug="cv"),
        capacity=2,
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` runs, on leaving the block, what waits for the transaction
    to commit: here, e-mails handed to the task runner (which runs tasks inline in tests).
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)
