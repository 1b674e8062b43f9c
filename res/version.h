/* The one place the version number is defined: the program, its resources, the
 * installer and `make dist` all read it from here. */
#ifndef TLSSWITCH_VERSION_H
#define TLSSWITCH_VERSION_H

#define TLSSWITCH_VERSION_MAJOR 0
#define TLSSWITCH_VERSION_MINOR 1
#define TLSSWITCH_VERSION_PATCH 0

#define TLSSWITCH_STRINGIFY_(x) #x
#define TLSSWITCH_STRINGIFY(x) TLSSWITCH_STRINGIFY_(x)
#define TLSSWITCH_VERSION_STRING                                                       \
    TLSSWITCH_STRINGIFY(TLSSWITCH_VERSION_MAJOR) "." TLSSWITCH_STRINGIFY(TLSSWITCH_VERSION_MINOR) "." \
    TLSSWITCH_STRINGIFY(TLSSWITCH_VERSION_PATCH)

#define TLSSWITCH_PRODUCT_NAME "TLS Switch"
#define TLSSWITCH_PUBLISHER "TLS Switch developers"

#endif
