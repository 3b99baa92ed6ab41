"""A Wagtail permission policy for admin listings whose rows come from code or imports: Django's
model permissions, but only for the actions the listing allows.

`only` names the actions that may be granted at all (None: every action) and `refused` the ones
never granted, whoever asks – a superuser included. `auth_model` lets another model's permissions
decide (key figures follow the municipalities' `view` permission).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy


class LimitedModelPermissionPolicy(ModelPermissionPolicy):
    def __init__(
        self,
        model,
        *,
        only: Iterable[str] | None = None,
        refused: Iterable[str] = (),
        auth_model=None,
    ):
        super().__init__(model, auth_model=auth_model)
        self.only = None if only is None else frozenset(only)
        self.refused = frozenset(refused)

    def allows(self, action: str) -> bool:
        return action not in self.refused and (self.only is None or action in self.only)

    def user_has_permission(self, user, action):
        return self.allows(action) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if self.allows(action)]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
