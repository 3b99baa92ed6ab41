"""The site-wide role every app may check. Who gets it, and the review workflow it runs, are set
up by cms/roles.py; municipality editors' groups by cases/participation.py."""

MODERATORS = "Moderatorer"


def is_moderator(user) -> bool:
    """Agency staff: moderators and administrators (superusers)."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())
