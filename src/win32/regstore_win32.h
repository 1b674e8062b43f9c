/* The regstore interface on the real registry, under HKEY_LOCAL_MACHINE. */
#ifndef TLSSWITCH_REGSTORE_WIN32_H
#define TLSSWITCH_REGSTORE_WIN32_H

#include "../core/registry/regstore.h"

struct regstore regstore_win32(void);

#endif
