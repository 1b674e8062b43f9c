/* The regstore interface on the real registry, under HKEY_LOCAL_MACHINE, and a reading
 * one under HKEY_CURRENT_USER. */
#ifndef TLSSWITCH_REGSTORE_WIN32_H
#define TLSSWITCH_REGSTORE_WIN32_H

#include "../core/registry/regstore.h"

struct regstore regstore_win32(void);

/* The registry of the current user (HKEY_CURRENT_USER), to read only: its writing
 * operations are NULL. */
struct regstore regstore_win32_user(void);

#endif
