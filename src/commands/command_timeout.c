/* /timeout SECONDS, shared by /test and /test /find: its own file, so that neither command
 * depends on the other for it (command_mailcheck.c hands /find over to command_find.c). */
#include "commands.h"
#include "../win32/console.h"
#include "../core/text/messages.h"

#include <stdlib.h>

#define DEFAULT_TIMEOUT_SECONDS 10u

int command_timeout(const struct options *options, enum language language, unsigned *seconds)
{
    char *end = NULL;
    unsigned long value;
    *seconds = DEFAULT_TIMEOUT_SECONDS;
    if (!options->timeout_text)
        return 0;
    value = strtoul(options->timeout_text, &end, 10);
    if (!end || *end != '\0' || value < 1 || value > 300 || options->timeout_text[0] == '-') {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TIMEOUT, options->timeout_text);
        return -1;
    }
    *seconds = (unsigned)value;
    return 0;
}
