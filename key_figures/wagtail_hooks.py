from wagtail import hooks

from .admin import key_figure_viewset


@hooks.register("register_admin_viewset")
def register_key_figures():
    return key_figure_viewset
