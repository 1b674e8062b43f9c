/* Common Windows header set-up for the Win32 layer: XP as the target, Unicode APIs,
 * and the few SDK constants that old MinGW headers may lack. */
#ifndef TLSSWITCH_PLATFORM_H
#define TLSSWITCH_PLATFORM_H

#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0501
#endif
#ifndef WINVER
#define WINVER 0x0501
#endif
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#define WIN32_LEAN_AND_MEAN
#define SECURITY_WIN32

#include <windows.h>

#endif
