"""The shared policy of admin listings whose rows come from code or imports, as the registered
policies of the evidence criteria and the key figures use it."""

import pytest
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from cases.models import EvidenceLevelCriterion, Municipality
from key_figures.models import KeyFigure

pytestmark = pytest.mark.django_db


def test_criteria_are_changed_by_moderators_and_never_added_or_deleted(moderator, superuser):
    policy = policy_registry.get_by_type(EvidenceLevelCriterion)
    for user in (moderator, superuser):
        assert policy.user_has_permission(user, "change")
        assert policy.user_has_permission(user, "view")
        assert not policy.user_has_any_permission(user, ["add", "delete"])
    assert moderator in policy.users_with_permission("change")
    assert not policy.users_with_any_permission(["add", "delete"]).exists()


def test_key_figures_are_seen_by_whoever_sees_the_municipalities(
    moderator, superuser, filipstad_editor
):
    policy = policy_registry.get_by_type(KeyFigure)
    municipalities = ModelPermissionPolicy(Municipality)
    assert municipalities.user_has_permission(moderator, "view")
    for user in (moderator, superuser):
        assert policy.user_has_permission(user, "view")
        assert not policy.user_has_any_permission(user, ["add", "change", "delete"])
    assert not policy.user_has_permission(filipstad_editor, "view")
    assert set(policy.users_with_permission("view")) >= {moderator, superuser}
    assert filipstad_editor not in policy.users_with_permission("view")
    assert not policy.users_with_permission("change").exists()


def test_an_inactive_moderator_sees_nothing(moderator):
    moderator.is_active = False
    moderator.save()
    assert not policy_registry.get_by_type(KeyFigure).user_has_permission(moderator, "view")
