"""Builds parley._parley, the cffi extension: the C library's public API (include/parley.h,
read by the C preprocessor so the declarations stay those of the headers) and its sources,
compiled into the extension by setup.py."""
import os
import subprocess
import tempfile

import cffi

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))  # the repository
INCLUDE = os.path.join(ROOT, "include")
SRC = os.path.join(ROOT, "src")
FOLDERS = ["util", "model", "io", "analysis", "negotiate", "forecast", "report"]


def library_sources():
    """Every .c file of the library, in the order CMake builds them."""
    out = []
    for folder in FOLDERS:
        d = os.path.join(SRC, folder)
        out += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".c"))
    return out


def pkg_config(*args):
    return subprocess.run(["pkg-config", *args, "libfyaml", "libxml-2.0"], check=True, capture_output=True,
                          text=True).stdout.split()


def public_declarations():
    """include/parley.h through the preprocessor, with empty <stdint.h> and <stddef.h> (cffi
    knows their types): every type and function of the public API, as the headers say."""
    cc = os.environ.get("CC", "cc")
    with tempfile.TemporaryDirectory() as fake:
        for name in ("stdint.h", "stddef.h"):
            open(os.path.join(fake, name), "w").close()
        return subprocess.run([cc, "-E", "-P", "-nostdinc", "-I", fake, "-I", INCLUDE,
                               os.path.join(INCLUDE, "parley.h")], check=True, capture_output=True,
                              text=True).stdout


# Callbacks from C into Python: progress (and Ctrl-C), and the Python negotiation agents.
CALLBACKS = """
int parley_py_interrupted(char *name, size_t name_size, char *message, size_t message_size);
extern "Python" int _parley_progress(void *user, double fraction);
extern "Python" int _parley_tournament_row(void *user, const parley_tournament_row *row);
extern "Python" int _parley_agent_respond(void *user, size_t party, double time, size_t round, const uint32_t *offer);
extern "Python" int _parley_agent_propose(void *user, size_t party, double time, size_t round, const uint32_t *standing,
                                          uint32_t *package);
"""

ffibuilder = cffi.FFI()
ffibuilder.cdef(public_declarations() + CALLBACKS)
ffibuilder.set_source(
    "parley._parley",
    '#include "parley.h"\n'
    "/* Whether a signal whose Python handler raises (Ctrl-C, say) came during a long call: Python\n"
    " * runs its handlers between bytecodes, which a progress callback may never reach, so the\n"
    " * callback asks. cffi lets the GIL go around the call; it is taken back here. The exception\n"
    " * the handler raised is taken out, its type's name and message written for the binding to\n"
    " * raise again once the library has stopped. 1 when there was one. */\n"
    "static void parley_py_copy(PyObject *text, char *out, size_t size) {\n"
    "  PyObject *bytes = text ? PyUnicode_AsUTF8String(text) : NULL;\n"
    "  const char *utf8 = bytes ? PyBytes_AsString(bytes) : NULL;\n"
    "  snprintf(out, size, \"%s\", utf8 ? utf8 : \"\");\n"
    "  Py_XDECREF(bytes);\n"
    "}\n"
    "static int parley_py_interrupted(char *name, size_t name_size, char *message, size_t message_size) {\n"
    "  PyGILState_STATE gil = PyGILState_Ensure();\n"
    "  int hit = PyErr_CheckSignals() != 0;\n"
    "  if (hit) {\n"
    "    PyObject *type, *value, *tb;\n"
    "    PyErr_Fetch(&type, &value, &tb);\n"
    "    PyErr_NormalizeException(&type, &value, &tb);\n"
    "    PyObject *type_name = type ? PyObject_GetAttrString(type, \"__name__\") : NULL;\n"
    "    PyObject *text = value ? PyObject_Str(value) : NULL;\n"
    "    parley_py_copy(type_name, name, name_size);\n"
    "    parley_py_copy(text, message, message_size);\n"
    "    if (!name[0]) snprintf(name, name_size, \"KeyboardInterrupt\");\n"
    "    Py_XDECREF(type_name), Py_XDECREF(text), Py_XDECREF(type), Py_XDECREF(value), Py_XDECREF(tb);\n"
    "    PyErr_Clear();\n"
    "  }\n"
    "  PyGILState_Release(gil);\n"
    "  return hit;\n"
    "}\n",
    include_dirs=[INCLUDE],
    extra_compile_args=["-std=c17", "-O3", "-DNDEBUG"],
    libraries=[flag[2:] for flag in pkg_config("--libs") if flag.startswith("-l")] + ["m", "pthread"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
