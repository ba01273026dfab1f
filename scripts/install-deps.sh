#!/usr/bin/env bash
# Installs what parley needs to build, test, fuzz and benchmark on Debian bookworm.
# Idempotent: packages already present are left alone, and apt is only touched when
# something is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # compiler, build system
  libfyaml-dev                       # YAML 1.2 / JSON scenario reader
  libxml2-dev                        # GENIUS XML reader
  libcmocka-dev                      # unit tests
  clang libclang-rt-14-dev           # libFuzzer and sanitizer runtimes for `make fuzz`
  python3 python3-jsonschema         # CLI tests check --json output against docs/schema
  openmpi-bin libopenmpi-dev         # parley-mpi: tournaments across processes and machines
  chromium                           # the HTML report opened in a real (headless) browser
  python3-dev python3-venv python3-pip python3-cffi python3-numpy python3-pytest
                                     # the Python binding: built offline with cffi, tested with pytest
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
