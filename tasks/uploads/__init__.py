"""Uploaded files: decide the type from the content, refuse what is unsafe, store under
server-generated names through Django's storage API.

    inspected = inspect_upload(uploaded_file)   # raises FileRefused with a Vietnamese message
    with StoredFiles() as stored:               # deletes what it stored if the block fails
        name = stored.save(inspected)
"""

from .inspection import ACCEPTED_LABEL, FileKind, FileRefused, InspectedFile, inspect_upload
from .storing import StoredFiles, delete_stored

__all__ = [
    "ACCEPTED_LABEL",
    "FileKind",
    "FileRefused",
    "InspectedFile",
    "StoredFiles",
    "delete_stored",
    "inspect_upload",
]
