"""Who counts as staff for webinars: members of the portal's roles, and superusers.

Presenters and moderators are chosen among them, and only they see staff-only webinars.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from portal.roles import ALL_ROLES


def is_staff_member(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=ALL_ROLES).exists()


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=ALL_ROLES))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def staff_groups():
    return Group.objects.filter(name__in=ALL_ROLES)


def public_name(user):
    """How a presenter is named on a public page: the full name, or the user name."""
    return user.get_full_name() or user.get_username()
