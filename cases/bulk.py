"""Publish many new cases at once as real Wagtail pages, hundreds a second (issue #13).

`publish_cases(placed, user=None)` takes unsaved cases from `case_builder.build_case`, each with
the MunicipalityPage it goes under, and writes what `parent.add_child(instance=page)` followed by
`page.save_revision(user=user).publish()` writes – with a few statements per batch instead of
some forty per case:

- tree: treebeard materialised paths computed here from each parent's last child, `depth`,
  `numchild` of the parents raised once, `url_path` from the parent's;
- the page and case rows, the inline parts (partners, indicators, follow-ups, inspirations,
  attachments, keywords) and the focus area / target group links;
- one revision per case holding all of it (its content serialised as Wagtail does), set as the
  page's latest and live revision; owner and revision user are `user`;
- the "wagtail.create", "wagtail.edit" and "wagtail.publish" log entries of each case,
  Wagtail's reference index and Wagtail's own (admin) search index;
- the search entries, through the signal `cases_published` (search/signal_handlers.py: the
  database index in this transaction, the cluster queued in batches), and the content version
  bumped once.

`create_drafts(placed, user=None)` writes the same for drafts (not live, one revision, the
"wagtail.create" and "wagtail.edit" entries, as an editor's first "Save draft"), and leaves the
public search and the content version alone. Imports use it (cases/exchange/importer.py).

No page permissions are created: the admin creates none for a new page either. Signals that
`save()` and `publish()` send per page are not sent; what their receivers in this project do is
done above, once per batch. The caller holds the transaction.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from core.bulk_rows import insert_rows
from core.content_version import bump_content_version

from .bulk_admin_search import index_new_pages
from .models import CaseStudyPage, MunicipalityPage

TREE_FIELDS = ["path", "depth", "numchild", "url_path", "translation_key", "content_type"]
# Not checked by clean_fields(): the tree fields set here, and foreign keys taken from the parent
# or the user object (ForeignKey.validate would ask the database once per case and key).
UNCHECKED_FIELDS = [*TREE_FIELDS, "locale", "municipality", "owner"]


# Sent with `page_ids` (and `pages`, the written cases with their parts in memory) once per batch
# of new live cases, inside the publishing transaction, in place of the page_published signal of
# each page (search/signal_handlers.py indexes them).
cases_published = Signal()


def next_steps(parents: Iterable[Page]) -> dict[int, int]:
    """Parent id -> the step number of its next new child, read from its last child now (the
    caller's parent objects may be stale after an earlier batch)."""
    steps = {}
    for parent in parents:
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        steps[parent.pk] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    return steps


def check_slugs(pages: list[tuple[MunicipalityPage, CaseStudyPage]]) -> None:
    """Wagtail's rule, for a whole batch in one query: no two pages under one parent share a
    slug (ValidationError for a slug already taken, as Wagtail raises it)."""
    wanted = defaultdict(list)
    for parent, page in pages:
        wanted[parent.pk].append(page.slug)
    for parent_id, slugs in wanted.items():
        if len(set(slugs)) < len(slugs):
            raise ValueError(f"Two new cases under page {parent_id} share a slug.")
    parents = {parent.pk: parent for parent, _ in pages}
    clash = Page.objects.none()
    for parent_id, slugs in wanted.items():
        clash = clash | Page.objects.filter(
            depth=parents[parent_id].depth + 1,
            path__startswith=parents[parent_id].path,
            slug__in=slugs,
        )
    existing = clash.values_list("slug", "path").first()
    if existing:
        slug, path = existing
        parent = next(p for p in parents.values() if path.startswith(p.path))
        # Wagtail's own error for the same clash, so an import reports it as before.
        raise ValidationError(
            {
                "slug": _(
                    "The slug '%(page_slug)s' is already in use within the parent page at "
                    "'%(parent_url_path)s'."
                )
                % {"page_slug": slug, "parent_url_path": parent.url}
            }
        )


def place(
    pages: list[tuple[MunicipalityPage, CaseStudyPage]], now, live: bool = True
) -> list[CaseStudyPage]:
    """Give each new case its tree position, URL path and the fields a first publish sets (or,
    for a draft, the first saved revision)."""
    parents = {parent.pk: parent for parent, _ in pages}
    steps = next_steps(parents.values())
    placed = []
    for parent, page in pages:
        step = steps[parent.pk]
        steps[parent.pk] = step + 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.municipality = parent.municipality  # once per parent; search documents read it
        page.draft_title = page.title
        page.live = live
        page.has_unpublished_changes = not live
        page.first_published_at = page.last_published_at = now if live else None
        page.latest_revision_created_at = now
        page.content_type = ContentType.objects.get_for_model(CaseStudyPage)
        page.translation_key = uuid.uuid4()
        page._cached_parent_obj = parent
        placed.append(page)
    return placed


def hold_parts_in_memory(page: CaseStudyPage) -> None:
    """Make every inline relation of an unsaved page an in-memory list (empty where nothing was
    set). Otherwise, once the page has its id, each read of a relation it never had – comments,
    attachments – asks the database, once per reader (parts, revision, references)."""
    for relation in get_all_child_relations(CaseStudyPage):
        getattr(page, relation.get_accessor_name()).get_object_list()
    for field in get_all_child_m2m_relations(CaseStudyPage):
        getattr(page, field.name).get_object_list()


def _insert_pages(pages: list[CaseStudyPage]) -> None:
    """The wagtailcore_page rows (ids come back), then the case rows under the same ids."""
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
        page._state.adding = False
        page._state.db = "default"
    insert_rows(CaseStudyPage, pages)


def _insert_parts(pages: list[CaseStudyPage]) -> None:
    """Inline parts (ParentalKey children) and ParentalManyToMany links, per model in bulk."""
    children = defaultdict(list)
    for relation in get_all_child_relations(CaseStudyPage):
        field = relation.field
        for page in pages:
            for order, child in enumerate(getattr(page, relation.get_accessor_name()).all()):
                setattr(child, field.attname, page.pk)
                if hasattr(child, "sort_order") and child.sort_order is None:
                    child.sort_order = order
                children[relation.related_model].append(child)
    for model, rows in children.items():
        model.objects.bulk_create(rows)
    for field in get_all_child_m2m_relations(CaseStudyPage):
        through = field.remote_field.through
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        insert_rows(
            through,
            [
                through(**{f"{own}_id": page.pk, f"{other}_id": target.pk})
                for page in pages
                for target in getattr(page, field.name).all()
            ],
        )


def _point_at_revisions(pages: list[CaseStudyPage], content_type, base_type) -> None:
    """latest_revision and live_revision of every page in one UPDATE: each page's only
    revision, found by its object id (a bulk_update would be one CASE branch per page)."""
    newest = Subquery(
        Revision.objects.filter(
            base_content_type=base_type,
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    live = [page.pk for page in pages if page.live]
    drafts = [page.pk for page in pages if not page.live]
    if live:
        Page.objects.filter(pk__in=live).update(latest_revision_id=newest, live_revision_id=newest)
    if drafts:
        Page.objects.filter(pk__in=drafts).update(latest_revision_id=newest)


def _insert_revisions(pages: list[CaseStudyPage], user, now) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            object_str=str(page),
            content=page.serializable_data(),
            created_at=now,
            user=user,
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if page.live else None
    _point_at_revisions(pages, content_type, base_type)
    return revisions


def _log(pages: list[CaseStudyPage], revisions: list[Revision], user, now) -> None:
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    insert_rows(
        PageLogEntry,
        [
            PageLogEntry(
                content_type=content_type,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=now,
                data={},
                user=user,
                revision=None if action == "wagtail.create" else revision,
                page_id=page.pk,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
            for action in ("wagtail.create", "wagtail.edit", "wagtail.publish")[
                : 3 if page.live else 2
            ]
        ],
    )


def _index_references(pages: list[CaseStudyPage]) -> None:
    """Wagtail's reference index for new pages, in one insert: what
    `ReferenceIndex.create_or_update_for_object` writes for a page that has no rows yet."""
    content_type = ContentType.objects.get_for_model(CaseStudyPage, for_concrete_model=False)
    base_type = ContentType.objects.get_for_model(Page, for_concrete_model=False)
    rows = [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_type,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    insert_rows(ReferenceIndex, rows, ignore_conflicts=True)


def _write(
    placed: list[tuple[MunicipalityPage, CaseStudyPage]], user, live: bool
) -> list[CaseStudyPage]:
    check_slugs(placed)
    now = timezone.now()
    pages = place(placed, now, live)
    for page in pages:
        page.owner = user
        hold_parts_in_memory(page)
        page.clean_fields(exclude=UNCHECKED_FIELDS)
    _insert_pages(pages)
    _insert_parts(pages)
    revisions = _insert_revisions(pages, user, now)
    _log(pages, revisions, user, now)
    added = defaultdict(int)
    for parent, _page in placed:
        added[parent.pk] += 1
    for parent_id, count in added.items():
        Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + count)
    for parent, _page in placed:
        parent.numchild += 1
    _index_references(pages)
    index_new_pages(CaseStudyPage, pages)  # Wagtail's admin search
    return pages


def publish_cases(placed: list[tuple[MunicipalityPage, CaseStudyPage]], user=None) -> list[int]:
    """Create and publish these new cases; returns their page ids. Call inside a transaction."""
    if not placed:
        return []
    pages = _write(placed, user, live=True)
    ids = [page.pk for page in pages]
    cases_published.send(sender=CaseStudyPage, page_ids=ids, pages=pages)
    bump_content_version()
    return ids


def create_drafts(placed: list[tuple[MunicipalityPage, CaseStudyPage]], user=None) -> list[int]:
    """Create these new cases as drafts – one revision, not live – as an editor's first "Save
    draft" leaves them; returns their page ids. Nothing public changes, so the public search and
    the content version are left alone. Call inside a transaction."""
    if not placed:
        return []
    return [page.pk for page in _write(placed, user, live=False)]
