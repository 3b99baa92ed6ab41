"""Routing a URL to its page in two queries instead of two per level.

Wagtail's `Page.route` walks the tree one level at a time: a query for the child with the next
slug and one for its specific object, so a case at /kommuner/<kommun>/<fall>/ costs six queries
before anything is rendered. `PathRouteMixin.route` (on the site's root page) reads every page on
the path in one query, then the specific object of the page asked for. Pages whose class routes
by itself (RoutablePageMixin – the theme index with /nyckelord/…) get the remaining path exactly
as Wagtail would hand it to them, so their own routing is unchanged.

The ancestors read on the way are kept on the page (`route_ancestors`, and `get_parent()` answers
without a query); `cases.page_context` uses them for the view-restriction check.
"""

from __future__ import annotations

from wagtail.models import Page


def routes_itself(model: type) -> bool:
    """Whether `model` overrides Wagtail's default routing (e.g. RoutablePageMixin)."""
    return model.route is not Page.route and not issubclass(model, PathRouteMixin)


def chain_for_path(root: Page, components: list[str]) -> list[Page]:
    """The generic pages under `root` along `components`, as far as they exist (one query)."""
    depth = root.depth
    candidates = (
        Page.objects.filter(
            path__startswith=root.path,
            depth__gt=depth,
            depth__lte=depth + len(components),
            slug__in=set(components),
        )
        .order_by()
        .only(
            "id",
            "path",
            "depth",
            "slug",
            "url_path",
            "title",
            "live",
            "content_type_id",
            "alias_of_id",
            "locale_id",
            "numchild",
            "draft_title",
            "translation_key",
        )
    )
    by_place = {(page.depth, page.slug, page.path[: -Page.steplen]): page for page in candidates}
    chain, parent = [], root
    for slug in components:
        page = by_place.get((parent.depth + 1, slug, parent.path))
        if page is None:
            break
        page._cached_parent_obj = parent
        chain.append(page)
        parent = page
    return chain


def specific_page(page: Page, model: type) -> Page:
    """The specific object of `page`, with the relations its class asks for in the same query."""
    related = getattr(model, "route_select_related", ())
    if not related:
        return page.specific
    return model._default_manager.select_related(*related).get(pk=page.pk)


class PathRouteMixin:
    """For the site's root page: resolve the whole remaining path in one query."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        components = list(path_components)
        chain = chain_for_path(self, components)
        ancestors = [self]
        for index, page in enumerate(chain):
            model = page.specific_class
            plain = model is not None and not routes_itself(model)
            if plain and index < len(components) - 1:
                ancestors.append(page)
                continue
            specific = specific_page(page, model) if plain else page.specific
            specific._cached_parent_obj = page._cached_parent_obj
            if plain:
                specific.route_ancestors = ancestors
            # A page that routes by itself gets the rest of the path, as Wagtail would give it.
            return specific.route(request, components[index + 1 :])
        # No page for the next slug: Wagtail's own answer (404) from the deepest page found.
        deepest = chain[-1] if chain else self
        return Page.route(deepest, request, components[len(chain) :])
