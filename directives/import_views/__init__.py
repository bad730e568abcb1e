"""Views of the directive import (the Office only); see views.py."""

from .views import import_discard, import_draft, import_publish, import_start

__all__ = ["import_discard", "import_draft", "import_publish", "import_start"]
