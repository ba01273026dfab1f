/* ytree.c — builds the positioned tree of ytree.h from libfyaml parser events. */
#include "ytree.h"

#include <libfyaml.h>
#include <string.h>

#include "util/error.h"
#include "util/utf8.h"

typedef struct frame {
  pl_ynode *node;
  pl_ynode *last;        /* last child appended */
  pl_ynode *pending_key; /* mapping: key waiting for its value */
} frame;

static void mark_of(struct fy_token *t, int *line, int *col) {
  const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
  *line = m ? m->line + 1 : 0;
  *col = m ? m->column + 1 : 0;
}

/* Reports a problem both ways and returns code. */
static int report(pl_collect *c, int code, const char *name, int line, int col, const char *msg) {
  pl_collect_add(c, code, name, line, col, "%s", msg);
  return code;
}

/* libfyaml 0.7.12 mis-decodes a single-quoted scalar holding a run of escaped quotes
 * ('x''''''''''''y' comes back as x''''''') and leaks memory doing it, so parley decodes
 * single-quoted scalars itself from the source (YAML 1.2, 7.3.2): '' is a quote, and line
 * breaks fold: one break between text becomes a space, each further empty line a newline,
 * with the white space around breaks dropped. Returns 1 when it did so. */
static int single_quoted(pl_arena *arena, const char *text, size_t len, struct fy_token *tok,
                         pl_ynode *node) {
  if (fy_token_scalar_style(tok) != FYSS_SINGLE_QUOTED) return 0;
  const struct fy_mark *a = fy_token_start_mark(tok), *b = fy_token_end_mark(tok);
  if (!a || !b || a->input_pos > b->input_pos || b->input_pos > len) return 0;
  const char *s = text + a->input_pos;
  size_t n = b->input_pos - a->input_pos;
  char *d = pl_arena_alloc(arena, n + 1);
  if (!d) return 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\'' && i + 1 < n && s[i + 1] == '\'') {
      d[k++] = '\'';
      i++;
    } else if (c == '\r' || c == '\n') {
      /* fold: drop the white space before the break, count the empty lines after it */
      while (k > 0 && (d[k - 1] == ' ' || d[k - 1] == '\t')) k--;
      size_t breaks = 0;
      while (i < n && (s[i] == '\r' || s[i] == '\n' || s[i] == ' ' || s[i] == '\t')) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) breaks++;
        i++;
      }
      i--;
      if (breaks == 1) {
        d[k++] = ' ';
      } else {
        for (size_t e = 1; e < breaks; e++) d[k++] = '\n';
      }
    } else {
      d[k++] = c;
    }
  }
  d[k] = '\0';
  node->text = d;
  node->len = k;
  return 1;
}

/* YAML text must be valid UTF-8. libfyaml 0.7.12 does not check: it reads invalid bytes as an
 * empty scalar, and loops forever on them in a directive line ("%# \x98"); so the text is
 * checked first (pl_utf8_invalid_at). */
int pl_ytree_parse(pl_arena *arena, const char *text, size_t len, const char *name,
                   size_t max_depth, pl_ynode **root, parley_diagnostics *diags,
                   parley_error *err) {
  *root = NULL;
  pl_collect col = {diags, err, 0, 0};
  size_t bad = pl_utf8_invalid_at((const unsigned char *)text, len);
  if (bad < len) {
    int line, column;
    pl_text_position(text, bad, &line, &column);
    return report(&col, PARLEY_ERR_SYNTAX, name, line, column,
                  text[bad] ? "the file is not valid UTF-8 text" : "the file contains a NUL byte");
  }
  struct fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = NULL;
  dcfg.output_fn = NULL;
  dcfg.colorize = false;
  struct fy_diag *diag = fy_diag_create(&dcfg);
  if (!diag) return pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_JSON_NONE;
  cfg.diag = diag;
  struct fy_parser *fyp = fy_parser_create(&cfg);
  if (!fyp) {
    fy_diag_destroy(diag);
    return pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  }
  int rc = 0;
  if (fy_parser_set_string(fyp, text, len) != 0) {
    rc = pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "cannot start the YAML parser");
    goto done;
  }

  frame *stack = pl_arena_array(arena, max_depth + 1, sizeof *stack);
  if (!stack) {
    rc = pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
    goto done;
  }
  size_t depth = 0;
  int documents = 0;
  struct fy_event *ev;
  while (rc == 0 && (ev = fy_parser_parse(fyp)) != NULL) {
    pl_ynode *node = NULL;
    struct fy_token *tok = NULL, *anchor = NULL, *tag = NULL;
    switch (ev->type) {
      case FYET_DOCUMENT_START:
        if (++documents > 1) {
          int l, c;
          mark_of(fy_event_get_token(ev), &l, &c);
          rc = report(&col, PARLEY_ERR_SYNTAX, name, l, c,
                      "the file holds more than one YAML document; a scenario is one document");
        }
        break;
      case FYET_ALIAS: {
        int l, c;
        mark_of(ev->alias.anchor, &l, &c);
        if (c > 1) c--; /* point at the '*', not the name */
        rc = report(&col, PARLEY_ERR_INVALID, name, l, c,
                    "YAML aliases (*name) are not supported in scenarios; write the value out");
        break;
      }
      case FYET_SCALAR:
        tok = ev->scalar.value;
        anchor = ev->scalar.anchor;
        tag = ev->scalar.tag;
        node = pl_arena_alloc(arena, sizeof *node);
        if (node) {
          node->kind = PL_YSCALAR;
          if (!single_quoted(arena, text, len, tok, node)) {
            size_t n = 0;
            const char *s = fy_token_get_text(tok, &n);
            node->text = pl_arena_strndup(arena, s ? s : "", s ? n : 0);
            node->len = s ? n : 0;
          }
          node->quoted = fy_token_scalar_style(tok) != FYSS_PLAIN;
          if (!node->text) node = NULL;
        }
        break;
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START:
        if (ev->type == FYET_MAPPING_START) {
          tok = ev->mapping_start.mapping_start;
          anchor = ev->mapping_start.anchor;
          tag = ev->mapping_start.tag;
        } else {
          tok = ev->sequence_start.sequence_start;
          anchor = ev->sequence_start.anchor;
          tag = ev->sequence_start.tag;
        }
        node = pl_arena_alloc(arena, sizeof *node);
        if (node) {
          node->kind = ev->type == FYET_MAPPING_START ? PL_YMAP : PL_YSEQ;
          node->text = "";
        }
        break;
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END:
        if (depth > 0) depth--;
        break;
      default:
        break;
    }
    if (rc == 0 && (anchor || tag)) {
      int l, c;
      mark_of(anchor ? anchor : tag, &l, &c);
      if (anchor && c > 1) c--; /* libfyaml marks the name, after the '&' */
      rc = report(&col, PARLEY_ERR_INVALID, name, l, c,
                  anchor ? "YAML anchors (&name) are not supported in scenarios"
                         : "YAML tags (!tag) are not supported in scenarios");
    }
    if (rc == 0 && (ev->type == FYET_SCALAR || ev->type == FYET_MAPPING_START ||
                    ev->type == FYET_SEQUENCE_START)) {
      if (!node) {
        rc = pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
      } else {
        mark_of(tok, &node->line, &node->column);
        /* libfyaml marks a quoted scalar just inside its opening quote: point at the quote */
        if (node->kind == PL_YSCALAR && node->quoted && node->column > 1) {
          enum fy_scalar_style st = fy_token_scalar_style(tok);
          if (st == FYSS_SINGLE_QUOTED || st == FYSS_DOUBLE_QUOTED) node->column--;
        }
        if (tok == NULL && ev->type != FYET_SCALAR) {
          /* block collections have no start token in some libfyaml versions: use the parent's
           * pending key, or the first child's position (fixed below). */
          node->line = node->column = 0;
        }
        if (depth == 0) {
          *root = node;
        } else {
          frame *f = &stack[depth - 1];
          if (f->node->kind == PL_YMAP && !f->pending_key) {
            if (node->kind != PL_YSCALAR) {
              rc = report(&col, PARLEY_ERR_INVALID, name, node->line,
                          node->column, "mapping keys must be plain scalars");
            }
            f->pending_key = node;
            node = NULL; /* keys are not children */
          } else {
            if (f->node->kind == PL_YMAP) {
              node->key = f->pending_key;
              f->pending_key = NULL;
              if (node->line == 0) {
                node->line = node->key->line;
                node->column = node->key->column;
              }
            }
            if (f->last) f->last->next = node;
            else f->node->first = node;
            f->last = node;
            f->node->count++;
            if (f->node->line == 0) {
              f->node->line = (node->key ? node->key : node)->line;
              f->node->column = (node->key ? node->key : node)->column;
            }
          }
        }
        if (node && node->kind != PL_YSCALAR) {
          if (depth >= max_depth) {
            rc = report(&col, PARLEY_ERR_LIMIT, name, node->line, node->column,
                        "the document is nested too deeply");
          } else {
            stack[depth].node = node;
            stack[depth].last = NULL;
            stack[depth].pending_key = NULL;
            depth++;
          }
        }
      }
    }
    fy_parser_event_free(fyp, ev);
  }
  if (rc == 0 && fy_parser_get_stream_error(fyp)) {
    void *it = NULL;
    struct fy_diag_error *de;
    while ((de = fy_diag_errors_iterate(diag, &it)) != NULL) {
      if (de->type < FYET_ERROR) continue;
      report(&col, PARLEY_ERR_SYNTAX, name, de->line, de->column,
             de->msg ? de->msg : "invalid YAML");
    }
    if (col.n_errors == 0)
      report(&col, PARLEY_ERR_SYNTAX, name, 0, 0, "invalid YAML or JSON");
    rc = PARLEY_ERR_SYNTAX;
  }
done:
  fy_parser_destroy(fyp);
  fy_diag_destroy(diag);
  if (rc) *root = NULL;
  return rc;
}
