/* The DLLs loaded when first called (secur32, crypt32, gdi32, user32: Makefile.mingw,
 * DELAY_LOADED) and what happens when one cannot be loaded or lacks a function: MinGW's
 * delay-load helper alone would raise an exception that ends the process without a word.
 * Here the user reads which DLL or function, as for any Windows call that failed, and the
 * program exits with EXIT_SYSTEM_ERROR. */
#ifndef TLSSWITCH_DELAY_LOAD_H
#define TLSSWITCH_DELAY_LOAD_H

#include "../core/text/messages.h"

/* The language of that message: the user's, or the one /lang chose. */
void delay_load_set_language(enum language language);

#endif
