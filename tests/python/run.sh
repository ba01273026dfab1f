#!/usr/bin/env bash
# The Python binding as a user gets it: a virtual environment over Debian's python3 (its cffi,
# numpy and pytest), `pip install --no-build-isolation ./bindings/python` with nothing
# downloaded, then the binding's pytest suite (bindings/python/tests).
# Usage: run.sh BUILD_DIR REPO_ROOT [SHARED_DATA]
set -euo pipefail
build=$1 root=$2 data=${3:-$2/../shared/data}
py=${PARLEY_PYTHON:-/usr/bin/python3}
venv=$build/pyenv
for module in cffi numpy pytest; do
  "$py" -c "import $module" 2>/dev/null || { echo "python: $py has no $module (scripts/install-deps.sh installs python3-$module)" >&2; exit 1; }
done
[ -x "$venv/bin/python" ] || "$py" -m venv --system-site-packages "$venv"
"$venv/bin/pip" install --no-build-isolation --no-index --no-deps --force-reinstall -q "$root/bindings/python"
cd "$build"
PARLEY_ROOT=$root PARLEY_SHARED_DATA=$data "$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/bindings/python/tests"
