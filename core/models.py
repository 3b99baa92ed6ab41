from .content_version import ContentVersion

__all__ = ["ContentVersion"]
