/* xml.c — parsing a GENIUS XML file with libxml2, safely and quietly; see xml.h. */
#include "io/xml.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* libxml2's structured error handler for our parser contexts: says nothing (the context keeps
 * the last error, which pl_xml_parse reports). */
static void quiet(void *user, xmlErrorPtr e) {
  (void)user, (void)e;
}

/* Where the parser met a DOCTYPE, if it did. */
typedef struct dtd_seen {
  int seen, line;
} dtd_seen;

/* libxml2's SAX hook for <!DOCTYPE ...>: notes it and stops the parse there. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external, const xmlChar *system) {
  (void)name, (void)external, (void)system;
  xmlParserCtxtPtr c = ctx;
  dtd_seen *d = c->_private;
  if (d && !d->seen) d->seen = 1, d->line = c->input ? c->input->line : 0;
  xmlStopParser(c);
}

xmlDoc *pl_xml_parse(const char *buf, size_t len, const char *file, pl_collect *col) {
  if (len > (size_t)INT32_MAX) {
    pl_collect_add(col, PARLEY_ERR_LIMIT, file, 0, 0, "the file is too large");
    return NULL;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    pl_collect_add(col, PARLEY_ERR_NOMEM, file, 0, 0, "out of memory");
    return NULL;
  }
  /* libxml2's messages come to this context's handler, never to stderr: the library does not
   * print (the last one is kept by the context and reported below). GENIUS files never declare
   * a DTD: the parser stops at the DOCTYPE, whatever the file's encoding, so no entity is ever
   * declared or expanded (a DOCTYPE in a comment is no declaration and passes). */
  dtd_seen dtd = {0, 0};
  ctxt->_private = &dtd;
  if (ctxt->sax) {
    ctxt->sax->serror = quiet;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
  }
  xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, file, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_NOCDATA);
  if (dtd.seen || (doc && (doc->intSubset || doc->extSubset))) {
    pl_collect_add(col, PARLEY_ERR_INVALID, file, dtd.line, 0,
                   "DOCTYPE declarations (DTDs, entities) are not accepted in GENIUS files");
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return NULL;
  }
  if (!doc || !ctxt->wellFormed) {
    const xmlError *xe = xmlCtxtGetLastError(ctxt);
    char msg[400];
    snprintf(msg, sizeof msg, "%s", xe && xe->message ? xe->message : "cannot parse");
    size_t l = strlen(msg);
    while (l > 0 && (msg[l - 1] == '\n' || msg[l - 1] == ' ')) msg[--l] = '\0';
    pl_collect_add(col, PARLEY_ERR_SYNTAX, file, xe ? xe->line : 0, 0, "malformed XML: %s", msg);
    if (doc) xmlFreeDoc(doc);
    doc = NULL;
  }
  xmlFreeParserCtxt(ctxt);
  return doc;
}

