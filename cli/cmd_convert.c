/* cmd_convert.c — `parley convert`: GENIUS XML to a parley scenario and back. */
#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

static const char help[] =
    "usage: parley convert [--to yaml] [--out FILE] DIR\n"
    "       parley convert [--to yaml] [--out FILE] --genius DOMAIN.xml PROFILE.xml...\n"
    "       parley convert [--to genius] [--lossy] --out-dir DIR FILE\n"
    "\n"
    "Converts a GENIUS domain and its profiles (a folder, or --genius with the files) into a\n"
    "parley scenario in YAML, and a scenario (YAML or JSON) into GENIUS XML: DIR/domain.xml and\n"
    "one DIR/PARTY.xml per party (PARTY-2.xml where two names would be one file, as a party\n"
    "'domain' would). Both directions keep every package's utility for every party\n"
    "(docs/genius.md), and parley's ids, names, powers and frameworks, which GENIUS ignores,\n"
    "read back. GENIUS cannot hold red lines, nor interaction terms other than\n"
    "ANAC 2014 hyper-rectangles; such scenarios are refused with the party named, unless\n"
    "--lossy, which leaves them out and lists each one left out.\n"
    "\n"
    "options:\n"
    "  --to yaml|genius   the output format (default: the other one)\n"
    "  --out FILE         YAML output file, written atomically (default: standard output)\n"
    "  --out-dir DIR      folder for GENIUS files (created if missing); each file is written\n"
    "                     atomically\n"
    "  --genius           the inputs are a GENIUS domain file and its profiles\n"
    "  --lossy            GENIUS output: leave out what GENIUS cannot hold (red lines, and\n"
    "                     interaction terms a profile cannot hold), naming each on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not write, 2 bad command line, 3 bad input, 130 interrupted by\n"
    "Ctrl-C (nothing written).\n";

/* The file names of the domain (k = 0) and of each party's profile (k = 1..): domain.xml and
 * PARTY.xml, unless two would be one file on a case-insensitive system too (a party named
 * "domain", or ids differing only in case): then the later one takes -2, -3, ... */
static char **genius_names(const parley_scenario *sc, size_t n) {
  char **name = calloc(n, sizeof *name);
  for (size_t k = 0; name && k < n; k++) {
    const char *base = k == 0 ? "domain" : parley_party_id(sc, k - 1);
    const size_t size = strlen(base) + 32;
    if (!(name[k] = malloc(size))) break;
    for (unsigned j = 1;; j++) {
      if (j == 1) snprintf(name[k], size, "%s.xml", base);
      else snprintf(name[k], size, "%s-%u.xml", base, j);
      size_t clash = 0;
      while (clash < k && strcasecmp(name[clash], name[k]) != 0) clash++;
      if (clash == k) break;
    }
  }
  for (size_t k = 0; name && k < n; k++)
    if (!name[k]) {
      for (size_t j = 0; j < n; j++) free(name[j]);
      free(name);
      return NULL;
    }
  return name;
}

/* Warns of the XML files in dir that this conversion did not write: reading the folder back
 * would read them too. */
static void warn_other_xml(const char *dir, char *const *name, size_t n) {
  DIR *d = opendir(dir);
  if (!d) return;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    const size_t len = strlen(e->d_name);
    if (len < 4 || strcasecmp(e->d_name + len - 4, ".xml") != 0) continue;
    size_t k = 0;
    while (k < n && strcmp(name[k], e->d_name) != 0) k++;
    if (k == n)
      fprintf(stderr, "%s/%s: warning: the folder also holds this file, which reading the folder back reads too "
                      "when it is a GENIUS profile; convert into an empty folder to keep them apart\n",
              dir, e->d_name);
  }
  closedir(d);
}

static int write_genius(const parley_scenario *sc, const char *dir, int lossy) {
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "%s: error: cannot create the folder: %s\n", dir, strerror(errno));
    return EXIT_FAILURE_RUN;
  }
  /* render everything and check every path first, so that a scenario GENIUS cannot hold, or
   * a path that is an input, writes nothing */
  size_t n = parley_party_count(sc) + 1;
  char **text = calloc(n, sizeof *text), **name = genius_names(sc, n), **path = calloc(n, sizeof *path);
  size_t *len = calloc(n, sizeof *len);
  parley_error err = {0};
  int status = text && len && name && path ? EXIT_OK : EXIT_FAILURE_RUN;
  if (status != EXIT_OK) fprintf(stderr, "parley convert: out of memory\n");
  parley_diagnostics *dropped = parley_diagnostics_new();
  if (!dropped) status = EXIT_FAILURE_RUN;
  for (size_t k = 0; k < n && status == EXIT_OK; k++) {
    int rc = lossy ? parley_scenario_write_genius_lossy(sc, k, dropped, &text[k], &len[k], &err)
                   : parley_scenario_write_genius(sc, k, &text[k], &len[k], &err);
    if (rc) {
      cli_print_error(&err);
      status = rc == PARLEY_ERR_INVALID ? EXIT_INPUT : EXIT_FAILURE_RUN;
    }
  }
  for (size_t k = 0; k < n && status == EXIT_OK; k++) {
    const size_t size = strlen(dir) + strlen(name[k]) + 2;
    if (!(path[k] = malloc(size))) {
      fprintf(stderr, "parley convert: out of memory\n");
      status = EXIT_FAILURE_RUN;
      break;
    }
    snprintf(path[k], size, "%s/%s", dir, name[k]);
    if (cli_check_output("convert", path[k])) status = EXIT_FAILURE_RUN;
  }
  if (status == EXIT_OK) cli_print_diagnostics(dropped); /* what --lossy left out */
  parley_diagnostics_free(dropped);
  for (size_t k = 0; k < n && status == EXIT_OK; k++) {
    status = cli_write_file(path[k], text[k], len[k]);
    if (status == EXIT_OK) fprintf(stderr, "wrote %s\n", path[k]);
  }
  if (status == EXIT_OK) warn_other_xml(dir, name, n);
  for (size_t k = 0; k < n; k++) {
    if (text) parley_string_free(text[k]);
    if (name) free(name[k]);
    if (path) free(path[k]);
  }
  free(text), free(name), free(path), free(len);
  return status;
}

int cmd_convert(int argc, char **argv) {
  static const struct option opts[] = {{"to", required_argument, 0, 't'},
                                       {"out", required_argument, 0, 'o'},
                                       {"out-dir", required_argument, 0, 'd'},
                                       {"genius", no_argument, 0, 'g'},
                                       {"lossy", no_argument, 0, 'l'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *to = NULL, *out = NULL, *out_dir = NULL;
  int genius = 0, lossy = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 't': to = optarg; break;
      case 'o': out = optarg; break;
      case 'd': out_dir = optarg; break;
      case 'g': genius = 1; break;
      case 'l': lossy = 1; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (to && strcmp(to, "yaml") != 0 && strcmp(to, "genius") != 0) {
    fprintf(stderr, "parley convert: --to takes yaml or genius, not '%s'\n", to);
    return EXIT_USAGE;
  }
  if (optind >= argc || (genius && argc - optind < 2) || (!genius && argc - optind > 1)) {
    fprintf(stderr, "parley convert: give one scenario file, one GENIUS folder, or --genius DOMAIN PROFILE...\n\n%s", help);
    return EXIT_USAGE;
  }
  struct stat st;
  int from_genius = genius || (stat(argv[optind], &st) == 0 && S_ISDIR(st.st_mode));
  if (!to) to = from_genius ? "yaml" : "genius";
  int to_genius = strcmp(to, "genius") == 0;
  if (to_genius && !out_dir) {
    fprintf(stderr, "parley convert: GENIUS output needs --out-dir DIR\n");
    return EXIT_USAGE;
  }
  if (!to_genius && out_dir) {
    fprintf(stderr, "parley convert: --out-dir is for GENIUS output; use --out FILE for YAML\n");
    return EXIT_USAGE;
  }
  if (!to_genius && lossy) {
    fprintf(stderr, "parley convert: --lossy is for GENIUS output; YAML holds everything\n");
    return EXIT_USAGE;
  }
  parley_diagnostics *d = parley_diagnostics_new();
  parley_scenario *sc = NULL;
  parley_error err = {0};
  int status = EXIT_OK;
  int rc = d ? cli_read_input((const char *const *)argv + optind, argc - optind, genius, &sc, d, &err)
             : PARLEY_ERR_NOMEM;
  if (rc) {
    cli_print_diagnostics(d);
    status = cli_input_exit_code(rc);
  } else if (to_genius) {
    status = write_genius(sc, out_dir, lossy);
  } else {
    char *text = NULL;
    size_t len = 0;
    rc = parley_scenario_write_yaml(sc, &text, &len, &err);
    if (rc) {
      cli_print_error(&err);
      status = EXIT_FAILURE_RUN;
    } else {
      status = cli_write("convert", out, text, len);
    }
    parley_string_free(text);
  }
  parley_scenario_free(sc);
  parley_diagnostics_free(d);
  return status;
}
