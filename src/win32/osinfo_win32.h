/* Fills struct os_info from GetVersionExW and the POSReady flag in the registry. */
#ifndef TLSSWITCH_OSINFO_WIN32_H
#define TLSSWITCH_OSINFO_WIN32_H

#include "../core/tls/osinfo.h"
#include "../core/registry/regstore.h"

void osinfo_read(const struct regstore *store, struct os_info *os);

#endif
