/* An in-memory registry behind the regstore interface. The program plans every change on
 * two such models of the SCHANNEL key (the registry now, and as asked: change.c), and the
 * native unit tests and the fuzzer use it in place of Windows' registry. */
#ifndef TLSSWITCH_REGSTORE_MEMORY_H
#define TLSSWITCH_REGSTORE_MEMORY_H

#include "regstore.h"

struct memory_registry;

struct memory_registry *memory_registry_new(void);
void memory_registry_free(struct memory_registry *registry);

/* A regstore that reads and writes `registry`. */
struct regstore memory_registry_store(struct memory_registry *registry);

/* Test set-up: creates the key (and its parents) and sets a value. Returns REGSTORE_OK. */
long memory_registry_add_key(struct memory_registry *registry, const char *path);
long memory_registry_set(struct memory_registry *registry, const char *path, const char *name,
                         uint32_t type, const void *data, uint32_t size);
long memory_registry_set_dword(struct memory_registry *registry, const char *path,
                               const char *name, uint32_t value);

/* Test set-up: gives an existing key a security descriptor of its own (any bytes). */
long memory_registry_set_security(struct memory_registry *registry, const char *path, const void *data,
                                  uint32_t size);

/* Makes every call on `path` fail with `error` (0 to stop), to test error paths. */
void memory_registry_fail_on(struct memory_registry *registry, const char *path, long error);

#endif
