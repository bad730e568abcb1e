"""Storing accepted files through Django's storage API (a disk today, S3-compatible later)."""

import logging
import uuid

from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)
PREFIX = "submissions"


def generated_name(kind, when=None):
    """A name the user has no say in: the month, a random id and the extension of the content."""
    when = when or timezone.localdate()
    return f"{PREFIX}/{when:%Y/%m}/{uuid.uuid4().hex}.{kind.extension}"


def delete_stored(names, storage=None):
    storage = storage or default_storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a leftover is swept later by `sweep_orphan_uploads`
            logger.exception("could not delete stored upload %s", name)


class StoredFiles:
    """Save files for one submission; if the `with` block fails, delete every file saved in it.

    The block should hold the database writes too, so that a failure at any point (a bad
    row, a lost race on the form token, the database going away) leaves neither rows nor
    files. A temporary upload is moved, not copied, by the file-system storage.
    """

    def __init__(self, storage=None):
        self.storage = storage or default_storage
        self.names = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            delete_stored(self.names, self.storage)
            self.names = []
        return False

    def save(self, inspected):
        inspected.upload.seek(0)
        name = self.storage.save(generated_name(inspected.kind), inspected.upload)
        self.names.append(name)
        return name
