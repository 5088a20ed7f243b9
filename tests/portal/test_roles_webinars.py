"""What each role may do with FAQs (Editors draft and submit, Publishers approve and
publish, through the "Publishers approval" workflow), webinar subjects (Publishers manage,
Editors see) and a webinar participant's personal data (Managers)."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content.models import FAQSnippet
from tests.factories import FAQSnippetFactory, SubjectCategoryFactory, SubjectFactory

pytestmark = pytest.mark.django_db

FAQ_PERMISSIONS = ["add", "change", "delete", "publish", "lock", "unlock"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("Editors", {"add", "change"}),
        ("Publishers", set(FAQ_PERMISSIONS)),
        ("Moderators", set()),
        ("Managers", set()),
    ],
)
def test_faq_permissions_by_role(users_by_role, role, allowed):
    user = users_by_role[role]
    granted = {
        action for action in FAQ_PERMISSIONS if user.has_perm(f"content.{action}_faqsnippet")
    }
    assert granted == allowed


def test_faqs_go_through_the_publishers_approval():
    workflow = FAQSnippet.get_default_workflow()
    assert workflow is not None and workflow.name == "Publishers approval"
    (task,) = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == ["Publishers"]


def faq_form(question):
    return nested_form_data(
        {"question": question, "answer": rich_text("<p>Yes, always.</p>"), "locale": "1"}
    )


def test_an_editor_submits_an_faq_and_a_publisher_approves_it(client, users_by_role):
    client.force_login(users_by_role["Editors"])
    response = client.post(
        reverse("wagtailsnippets_content_faqsnippet:add"),
        {**faq_form("Is the course free?"), "action-submit": "Submit"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    faq = FAQSnippet.objects.get(question="Is the course free?")
    assert faq.live is False
    state = WorkflowState.objects.get(object_id=str(faq.pk), status="in_progress")
    client.force_login(users_by_role["Publishers"])
    approve = reverse(
        "wagtailsnippets_content_faqsnippet:workflow_action",
        args=[faq.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    faq.refresh_from_db()
    assert faq.live is True


def test_an_editor_cannot_publish_an_faq(client, users_by_role):
    client.force_login(users_by_role["Editors"])
    client.post(
        reverse("wagtailsnippets_content_faqsnippet:add"),
        {**faq_form("Can I publish this?"), "action-publish": "Publish"},
    )
    faq = FAQSnippet.objects.filter(question="Can I publish this?").first()
    assert faq is None or faq.live is False


def test_a_publisher_publishes_an_faq_directly(client, users_by_role):
    client.force_login(users_by_role["Publishers"])
    client.post(
        reverse("wagtailsnippets_content_faqsnippet:add"),
        {**faq_form("Do I need a CV?"), "action-publish": "Publish"},
    )
    assert FAQSnippet.objects.get(question="Do I need a CV?").live is True


def test_faqs_that_existed_before_drafts_stay_live():
    assert FAQSnippetFactory().live is True  # the field's default, as the migration's


SUBJECT_PERMISSIONS = ["add", "change", "delete", "view"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("Editors", {"view"}),
        ("Publishers", {"add", "change", "delete"}),
        ("Moderators", set()),
        ("Managers", set()),
    ],
)
@pytest.mark.parametrize("model", ["subject", "subjectcategory"])
def test_subject_permissions_by_role(users_by_role, role, allowed, model):
    user = users_by_role[role]
    granted = {a for a in SUBJECT_PERMISSIONS if user.has_perm(f"webinars.{a}_{model}")}
    assert granted == allowed


@pytest.mark.parametrize(
    ("role", "can_list", "can_add", "can_edit", "can_delete"),
    [
        ("Editors", True, False, False, False),
        ("Publishers", True, True, True, True),
        ("Moderators", False, False, False, False),
    ],
)
def test_subject_admin_by_role(
    client, users_by_role, role, can_list, can_add, can_edit, can_delete
):
    subject = SubjectFactory(name="Writing a CV", slug="cv")
    client.force_login(users_by_role[role])
    namespace = "wagtailsnippets_webinars_subject"
    responses = {
        # Filtered to the subject's category: the demo content may fill the first pages.
        "list": client.get(reverse(f"{namespace}:list"), {"category": subject.category_id}),
        "add": client.get(reverse(f"{namespace}:add")),
        "edit": client.get(reverse(f"{namespace}:edit", args=[subject.pk])),
        "delete": client.get(reverse(f"{namespace}:delete", args=[subject.pk])),
    }
    expected = {"list": can_list, "add": can_add, "edit": can_edit, "delete": can_delete}
    assert {name: r.status_code == 200 for name, r in responses.items()} == expected
    if can_list:
        assert "Writing a CV" in responses["list"].content.decode()


def test_a_publisher_adds_a_subject_category(client, users_by_role):
    client.force_login(users_by_role["Publishers"])
    response = client.post(
        reverse("wagtailsnippets_webinars_subjectcategory:add"),
        {"name": "Applying", "slug": "applying", "locale": "1"},
    )
    assert response.status_code == 302
    category = SubjectCategoryFactory._meta.model.objects.get(slug="applying")
    assert category.name == "Applying"


def test_an_editor_cannot_delete_a_subject(client, users_by_role):
    subject = SubjectFactory(name="Interviews", slug="interviews")
    client.force_login(users_by_role["Editors"])
    client.post(reverse("wagtailsnippets_webinars_subject:delete", args=[subject.pk]))
    assert SubjectFactory._meta.model.objects.filter(pk=subject.pk).exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("Managers", True), ("Editors", False), ("Publishers", False), ("Moderators", False)],
)
def test_only_managers_handle_participants_personal_data(users_by_role, role, allowed):
    user = users_by_role[role]
    assert user.has_perm("webinars.view_registration") is allowed
    assert user.has_perm("webinars.delete_registration") is allowed
    assert not user.has_perm("webinars.change_registration")
