from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from portal.roles import ALL_ROLES

DEMO_PASSWORD = "portal-demo"  # noqa: S105 - development only, refused unless DEBUG


class Command(BaseCommand):
    help = "Create one demo user per staff role, plus an administrator (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Create them even when DEBUG is off."
        )

    def handle(self, *args, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo users are for development only (DEBUG is off).")
        User = get_user_model()
        rows = []
        for role in ALL_ROLES:
            username = role.lower().rstrip("s")
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "first_name": role.rstrip("s")},
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            rows.append((role.rstrip("s"), username))
        rows += self._service_team(User)
        admin, _ = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@example.org"}
        )
        admin.is_staff = admin.is_superuser = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        rows.append(("Administrator", "admin"))
        self._print(rows)

    def _service_team(self, User):
        """The demo service team (Editors who build micro-services), made by the store's
        demo content: they may log in too, to try the go-live request."""
        from services_store.demo import TEAM

        rows = []
        for user in User.objects.filter(username__in=TEAM):
            user.set_password(DEMO_PASSWORD)
            user.save()
            rows.append((f"Service {TEAM[user.username][2].replace('_', ' ')}", user.username))
        return rows

    def _print(self, rows):
        self.stdout.write("\nDemo logins at http://127.0.0.1:8000/admin/")
        self.stdout.write(f"  {'role':<14} {'username':<11} password")
        for role, username in rows:
            self.stdout.write(f"  {role:<14} {username:<11} {DEMO_PASSWORD}")
        self.stdout.write("")
