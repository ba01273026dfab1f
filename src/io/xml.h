/* xml.h — parsing a GENIUS XML file with libxml2: no network, no DTD (a DOCTYPE stops the parse
 * and is refused, whatever the file's encoding, so no entity is declared or expanded), and no
 * word to stderr (libxml2's messages come to the parser context, and the last is reported). */
#ifndef PL_IO_XML_H
#define PL_IO_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/error.h"

/* Parses buf[0..len) of the file named file; the document (free it with xmlFreeDoc), or NULL
 * after reporting to col why: "malformed XML: ...", a DOCTYPE, too large, out of memory. */
xmlDoc *pl_xml_parse(const char *buf, size_t len, const char *file, pl_collect *col);

#endif
