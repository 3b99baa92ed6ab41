"""The guided case body: every fixed section offered in reading order, empty ones never stored.

The editor opens a case with all seven sections in place, each with an empty text block to write
in, so nobody adds them by hand. Sections the editor leaves empty are dropped when the page is
cleaned, so readers (and search, exports, previews) never see a heading without text; the next
time the form opens, the missing sections are offered again.
"""

from __future__ import annotations

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText


def section_names(body_block) -> list[str]:
    return list(body_block.child_blocks)


def _empty_section(section_block) -> StreamValue:
    return StreamValue(section_block, [("text", RichText(""))])


def with_every_section(body: StreamValue) -> StreamValue:
    """The body with each missing section inserted, empty, at its place in the reading order.
    Existing sections keep their order and content."""
    body_block = body.stream_block
    order = section_names(body_block)
    rank = {name: position for position, name in enumerate(order)}
    items = [(child.block_type, child.value, child.id) for child in body]
    present = {block_type for block_type, _value, _id in items}
    for name in order:
        if name in present:
            continue
        position = 0
        for index, (block_type, _value, _id) in enumerate(items):
            if rank.get(block_type, len(order)) < rank[name]:
                position = index + 1
        items.insert(position, (name, _empty_section(body_block.child_blocks[name]), None))
    return StreamValue(body_block, items)


def is_empty_content(child) -> bool:
    if child.block_type != "text":
        return False
    source = getattr(child.value, "source", child.value) or ""
    return not strip_tags(source).replace("&nbsp;", " ").strip()


def without_empty_parts(body: StreamValue) -> StreamValue:
    """The body without empty text blocks and without sections that hold nothing else."""
    items = []
    for child in body:
        kept = [
            (part.block_type, part.value, part.id)
            for part in child.value
            if not is_empty_content(part)
        ]
        if kept:
            items.append((child.block_type, StreamValue(child.value.stream_block, kept), child.id))
    return StreamValue(body.stream_block, items)


def has_empty_parts(body: StreamValue) -> bool:
    return any(
        not child.value or any(is_empty_content(part) for part in child.value) for child in body
    )
