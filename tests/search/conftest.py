# Each test stores uploads in its own folder (autouse), as the upload tests do.
from tests.tasks.conftest import media_root  # noqa: F401
