"""The portal's staff roles, as Django groups with Wagtail page and collection permissions.

A data migration applies them (`portal/migrations/0002_roles.py`); features that bring
new permissions (e.g. chat moderation, service approval) add them to the same groups in
their own migrations. `apply_roles` is idempotent and written against the historical
models a migration passes in.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
PUBLISHERS = "Publishers"
MODERATORS = "Moderators"
MANAGERS = "Managers"

ALL_ROLES = [EDITORS, PUBLISHERS, MODERATORS, MANAGERS]

# role -> model permissions ("app_label.codename")
MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "content.view_pagefeedback",
        # FAQs: drafts, submitted to Publishers (the FAQ workflow below).
        "content.add_faqsnippet",
        "content.change_faqsnippet",
        # Webinar subjects are a shared list Publishers keep tidy; Editors choose from it.
        "webinars.view_subject",
        "webinars.view_subjectcategory",
        # Service teams are staff, usually Editors: they see the store's services and
        # write their own service's go-live request (services_store/admin_views.py).
        "services_store.view_service",
        "services_store.view_goliverequest",
        "services_store.add_goliverequest",
        "services_store.change_goliverequest",
        # The hidden-vacancy finder's occupation ↔ sector mapping: read only.
        "hidden_vacancies.view_occupationsector",
    ],
    PUBLISHERS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "portal.add_counsellorcontact",
        "portal.change_counsellorcontact",
        "wagtailcore.view_workflow",
        "content.view_pagefeedback",
        "content.add_faqsnippet",
        "content.change_faqsnippet",
        "content.delete_faqsnippet",
        "content.publish_faqsnippet",
        "content.lock_faqsnippet",
        "content.unlock_faqsnippet",
        "webinars.add_subject",
        "webinars.change_subject",
        "webinars.delete_subject",
        "webinars.add_subjectcategory",
        "webinars.change_subjectcategory",
        "webinars.delete_subjectcategory",
        # As for Editors: a service team may include Publishers.
        "services_store.view_service",
        "services_store.view_goliverequest",
        "services_store.add_goliverequest",
        "services_store.change_goliverequest",
    ],
    MODERATORS: ["wagtailadmin.access_admin"],
    MANAGERS: [
        "wagtailadmin.access_admin",
        "content.view_pagefeedback",
        # A webinar participant's personal data: find and export (view), erase (delete).
        # Nothing else uses these two permissions (see webinars/privacy.py).
        "webinars.view_registration",
        "webinars.delete_registration",
        # The service store: lifecycle, go-live approval (publishing the approved request),
        # reviews and the suggestions backlog.
        "services_store.view_service",
        "services_store.change_service",
        "services_store.view_goliverequest",
        "services_store.add_goliverequest",
        "services_store.change_goliverequest",
        "services_store.delete_goliverequest",
        "services_store.publish_goliverequest",
        "services_store.lock_goliverequest",
        "services_store.unlock_goliverequest",
        "services_store.view_servicereview",
        "services_store.add_servicereview",
        "services_store.view_servicesuggestion",
        "services_store.change_servicesuggestion",
        "services_store.delete_servicesuggestion",
        # The hidden-vacancy finder's occupation ↔ sector mapping decides which companies
        # are shown for an occupation: it belongs with the store's owners.
        "hidden_vacancies.view_occupationsector",
        "hidden_vacancies.add_occupationsector",
        "hidden_vacancies.change_occupationsector",
        "hidden_vacancies.delete_occupationsector",
    ],
}

# Snippets that go through the "Publishers approval" workflow, as pages do.
WORKFLOW_SNIPPETS = ["content.faqsnippet"]

# Permissions Wagtail adds to snippets with drafts ("publish") or locks ("lock", "unlock")
# only after all migrations have run (wagtail.snippets.models.create_extra_permissions);
# a migration that grants them on a fresh database makes them first.
SNIPPET_PERMISSIONS = {
    "content.faqsnippet": ["publish", "lock", "unlock"],
    "services_store.goliverequest": ["publish", "lock", "unlock"],
}

# role -> page permissions on the root page (so on every page of every language)
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "view_page"],
    PUBLISHERS: [
        "add_page",
        "change_page",
        "view_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
    MODERATORS: [],
    # Managers read the portal's own reports (feedback, usage, the service store) and
    # approve services; they change no page.
    MANAGERS: ["view_page"],
}

# role -> image and document permissions on the root collection
COLLECTION_PERMISSIONS = {
    EDITORS: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    PUBLISHERS: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    ],
    MODERATORS: [],
    MANAGERS: ["choose_image", "choose_document"],
}


def create_all_permissions(apps):
    """Create every model's permissions now. Django creates them after all migrations
    have run; a migration that hands them to groups on a fresh database needs them first."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    _create_snippet_permissions(apps)


def _create_snippet_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for label, actions in SNIPPET_PERMISSIONS.items():
        app_label, model_name = label.split(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:  # an earlier migration, before the model exists
            continue
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        for action in actions:
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model_name}",
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )


def apply_roles(apps):
    Group = apps.get_model("auth", "Group")
    for name in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        _set_model_permissions(apps, group, MODEL_PERMISSIONS[name])
        _set_page_permissions(apps, group, PAGE_PERMISSIONS[name])
        _set_collection_permissions(apps, group, COLLECTION_PERMISSIONS[name])
    _route_approval_to_publishers(apps)


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _set_model_permissions(apps, group, names):
    """Set the group's model permissions. An earlier migration runs this before later
    models exist; permissions of models not created yet are left to the migration that
    brings them (which calls apply_roles again)."""
    Permission = apps.get_model("auth", "Permission")
    wanted = [name.split(".") for name in names]
    found = [
        permission
        for app_label, codename in wanted
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    group.permissions.set(found)


def _set_page_permissions(apps, group, codenames):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group=group).delete()
    root = Page.objects.get(depth=1)
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=root, permission=_permission(apps, "wagtailcore", codename)
        )


def _set_collection_permissions(apps, group, codenames):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(group=group).delete()
    root = Collection.objects.get(depth=1)
    for codename in codenames:
        app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
        GroupCollectionPermission.objects.create(
            group=group, collection=root, permission=_permission(apps, app_label, codename)
        )


def _route_approval_to_publishers(apps):
    """Wagtail's default workflow asks its "Moderators" group to approve pages; here
    Moderators moderate webinar chat, and Publishers approve what Editors submit."""
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    publishers = Group.objects.get(name=PUBLISHERS)
    for task in GroupApprovalTask.objects.all():
        task.groups.set([publishers])
        task.name = "Publishers approval"
        task.save(update_fields=["name"])
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name="Moderators approval").update(name="Publishers approval")
    _route_snippets_to_workflow(apps, Workflow.objects.filter(name="Publishers approval").first())


def _route_snippets_to_workflow(apps, workflow):
    """Snippets in WORKFLOW_SNIPPETS go through `workflow`, unless an administrator has
    since given them another one (Settings › Workflows), which is kept."""
    if workflow is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for label in WORKFLOW_SNIPPETS:
        app_label, model_name = label.split(".")
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
