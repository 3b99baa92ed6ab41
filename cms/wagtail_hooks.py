from wagtail import hooks

from .document_access import refusal


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    """Documents of drafts and private pages only for those who may see them (document_access)."""
    return refusal(document, request)
