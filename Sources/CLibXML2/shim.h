// libxml2 for Swift.
//
// Debian builds libxml2 with ICU, and its headers then pull in the system ICU, whose
// UErrorCode clashes with the ICU inside Foundation ("'UErrorCode' has different
// definitions in different modules"). None of the APIs used here need ICU, so the
// version header comes first and the ICU switch is turned off before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/relaxng.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
