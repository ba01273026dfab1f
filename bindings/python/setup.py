"""setup.py — builds parley's Python binding: the C library's sources compiled in parallel
(with the flags of a CMake release build) and linked into the cffi extension parley._parley."""
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

from setuptools import setup
from setuptools.command.build_ext import build_ext

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "parley"))
import _build  # noqa: E402  (the cffi builder beside the package)


def version():
    with open(os.path.join(_build.INCLUDE, "parley", "base.h"), encoding="utf-8") as f:
        return re.search(r'#define PARLEY_VERSION_STRING "([^"]+)"', f.read()).group(1)


class BuildWithLibrary(build_ext):
    """Compiles the library's sources, all cores at once, then the extension against them."""

    def build_extensions(self):
        flags = ["-std=c17", "-O3", "-DNDEBUG", "-fPIC", "-fvisibility=hidden", "-DPARLEY_BUILDING",
                 "-Wall", "-Wextra"] + _build.pkg_config("--cflags")
        sources = _build.library_sources()
        out = os.path.join(self.build_temp, "libparley")

        def compile_one(src):
            rel = os.path.relpath(src, _build.SRC)
            objs = self.compiler.compile([src], output_dir=out, include_dirs=[_build.INCLUDE, _build.SRC],
                                         extra_postargs=flags)
            return objs[0] if objs else rel

        workers = os.cpu_count() or 2
        with ThreadPoolExecutor(max_workers=workers) as pool:
            objects = list(pool.map(compile_one, sources))
        for ext in self.extensions:
            ext.extra_objects = objects + list(ext.extra_objects or [])
        super().build_extensions()


setup(
    version=version(),
    cffi_modules=["parley/_build.py:ffibuilder"],
    cmdclass={"build_ext": BuildWithLibrary},
    zip_safe=False,
)
