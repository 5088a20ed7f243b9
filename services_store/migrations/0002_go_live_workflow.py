"""The "Service go-live approval" workflow: one ServiceApprovalTask for the Managers
group, used by go-live requests."""

from django.db import migrations

WORKFLOW = "Service go-live approval"
TASK = "Managers approve (not the service's own intrapreneur or coach)"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ServiceApprovalTask = apps.get_model("services_store", "ServiceApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="services_store", model="serviceapprovaltask"
    )
    task = ServiceApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = ServiceApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    managers, _ = Group.objects.get_or_create(name="Managers")
    task.groups.add(managers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    request_type, _ = ContentType.objects.get_or_create(
        app_label="services_store", model="goliverequest"
    )
    WorkflowContentType.objects.update_or_create(
        content_type=request_type, defaults={"workflow": workflow}
    )


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("services_store", "0001_initial"),
        ("portal", "0002_roles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
