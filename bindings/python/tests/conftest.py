"""Where the tests find the repository's example and the shared reference data (../shared/data
beside the repository, or PARLEY_SHARED_DATA). Without the data the tests that need it are
skipped, except under CI (CI=true), where a missing folder is a failure."""
import os

import pytest

ROOT = os.environ.get("PARLEY_ROOT") or os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DATA = os.environ.get("PARLEY_SHARED_DATA") or os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
EXAMPLE = os.path.join(ROOT, "examples", "ukraine-framework.yaml")


def data(*parts):
    """A path under the shared data; skips (or fails under CI) when it is missing."""
    path = os.path.join(DATA, *parts)
    if not os.path.exists(path):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing (CI=true: the shared data must be there)")
        pytest.skip(f"{path} is missing")
    return path


@pytest.fixture(scope="session")
def example():
    import parley
    return parley.Scenario.load(EXAMPLE)
