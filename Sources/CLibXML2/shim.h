#ifndef HI_CLIBXML2_SHIM_H
#define HI_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* libxml2 is built with ICU here; its headers would pull the system ICU headers (<unicode/ucnv.h>) into
   this module, which clash with Foundation's own ICU module in any Swift module that sees both. Nothing in
   the project uses libxml2's ICU converter fields, so hide them. */
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#include <libxml/c14n.h>
#include <libxml/xpath.h>
#include <libxml/xmlIO.h>
#include <libxml/globals.h>
#include <libxml/parserInternals.h>
#include <libxml/threads.h>

/// Frees memory that libxml2 allocated (`xmlFree` is a function-pointer variable; this keeps Swift away
/// from the global).
static inline void hi_xml_free(void *pointer) { xmlFree(pointer); }

#endif
