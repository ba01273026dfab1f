/* genius_dir.c — a folder holding a GENIUS domain and its profiles: every *.xml file in byte
 * order of its name, the domain told from the profiles by its root element, other XML files
 * (such as an ANAC folder's pareto.xml) left aside; then genius_reader.c reads them. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parley/scenario.h"
#include "util/error.h"
#include "util/vec.h"

static int by_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The root element's name of an XML file, read from its first few kilobytes: 1 a domain, 2 a
 * profile (with *order the parley_index parley wrote on it, else 0), 0 another, -1 unreadable. */
static int root_kind(const char *path, long *order) {
  /* only regular files: a FIFO or a device named *.xml is not opened (it could block) */
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *p = buf;
  while ((p = strchr(p, '<')) != NULL) {
    p++;
    if (*p == '?' || *p == '!') continue;
    if (strncmp(p, "negotiation_template", 20) == 0) return 1;
    if (strncmp(p, "utility_space", 13) == 0) {
      const char *end = strchr(p, '>'), *at = strstr(p, "parley_index=\"");
      *order = at && (!end || at < end) ? strtol(at + 14, NULL, 10) : 0;
      return 2;
    }
    return 0; /* something else, such as pareto.xml's */
  }
  return 0;
}

int parley_scenario_read_genius_dir(const char *dir, const parley_read_limits *limits,
                                    parley_scenario **out, parley_diagnostics *diags,
                                    parley_error *err) {
  if (!dir || !out) return pl_fail(err, PARLEY_ERR_ARG, dir, 0, 0, "invalid argument");
  *out = NULL;
  DIR *d = opendir(dir);
  if (!d) {
    parley_error e;
    pl_fail(&e, PARLEY_ERR_IO, dir, 0, 0, "cannot open the folder: %s", strerror(errno));
    pl_diag_add(diags, &e);
    if (err) *err = e;
    return PARLEY_ERR_IO;
  }
  size_t n = 0, cap = 0;
  char **files = NULL;
  struct dirent *de;
  int rc = 0;
  while (rc == 0 && (de = readdir(d)) != NULL) {
    size_t l = strlen(de->d_name);
    if (l < 5 || strcmp(de->d_name + l - 4, ".xml") != 0) continue;
    if (pl_grow(&files, &cap, n + 1)) {
      rc = PARLEY_ERR_NOMEM;
      break;
    }
    size_t pl = strlen(dir) + l + 2;
    files[n] = malloc(pl);
    if (!files[n]) {
      rc = PARLEY_ERR_NOMEM;
      break;
    }
    snprintf(files[n], pl, "%s/%s", dir, de->d_name);
    n++;
  }
  closedir(d);
  if (rc == 0 && n > 1) qsort(files, n, sizeof *files, by_name);
  const char *domain = NULL;
  const char **profiles = rc == 0 ? malloc((n ? n : 1) * sizeof *profiles) : NULL;
  size_t np = 0;
  if (rc == 0 && !profiles) rc = PARLEY_ERR_NOMEM;
  long *order = rc == 0 ? calloc(n ? n : 1, sizeof *order) : NULL;
  if (rc == 0 && !order) rc = PARLEY_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    long ord = 0;
    int k = root_kind(files[i], &ord);
    if (k == 1) {
      if (domain) {
        rc = pl_fail(err, PARLEY_ERR_INVALID, dir, 0, 0,
                     "the folder holds two domain files (%s and %s); name them with --genius", domain, files[i]);
        pl_diag_add(diags, err);
      }
      domain = files[i];
    } else if (k == 2) {
      order[np] = ord;
      profiles[np++] = files[i];
    }
  }
  /* profiles parley wrote go back in the order of their parties (a stable insertion sort on
   * parley_index; files without one keep the order of their names, after those with one) */
  for (size_t i = 1; rc == 0 && i < np; i++)
    for (size_t j = i; j > 0; j--) {
      const long a = order[j - 1] ? order[j - 1] : LONG_MAX, b = order[j] ? order[j] : LONG_MAX;
      if (a <= b) break;
      const long t = order[j];
      order[j] = order[j - 1], order[j - 1] = t;
      const char *f = profiles[j];
      profiles[j] = profiles[j - 1], profiles[j - 1] = f;
    }
  free(order);
  if (rc == 0 && !domain) {
    parley_error e;
    rc = pl_fail(&e, PARLEY_ERR_INVALID, dir, 0, 0, "no GENIUS domain file (<negotiation_template>) in the folder");
    pl_diag_add(diags, &e);
    if (err) *err = e;
  } else if (rc == 0 && np == 0) {
    parley_error e;
    rc = pl_fail(&e, PARLEY_ERR_INVALID, dir, 0, 0, "no GENIUS profiles (<utility_space>) in the folder");
    pl_diag_add(diags, &e);
    if (err) *err = e;
  }
  if (rc == 0) rc = parley_scenario_read_genius(domain, profiles, np, limits, out, diags, err);
  else if (rc == PARLEY_ERR_NOMEM) pl_fail(err, rc, dir, 0, 0, "out of memory");
  for (size_t i = 0; i < n; i++) free(files[i]);
  free(files);
  free(profiles);
  return rc;
}
