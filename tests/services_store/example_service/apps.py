"""A micro-service installed in the test settings only: the registry, the gate and the
URL mounting are tested against it as against any real one."""

from django.apps import AppConfig

from services_store.manifest import Category, Interaction, ServiceManifest, Team


class ExampleServiceConfig(AppConfig):
    name = "tests.services_store.example_service"
    label = "example_service"
    manifest = ServiceManifest(
        slug="example-tool",
        name="Example tool",
        summary="Answers with a greeting, to prove the plug-in contract.",
        category=Category.FINDING_WORK,
        interaction=Interaction.INFORMATION,
        audiences=("jobseekers",),
        team=Team("Test team", intrapreneur="editor", coach="manager", it_lead="admin"),
        data_sources=("None: a fixed greeting",),
        languages=("en", "fr"),
        urls="tests.services_store.example_service.urls",
    )
