/* A deliberately XP-incompatible program for the i686 build: compiled for the Pentium Pro
 * it picks with CMOV, which the Pentium MMX and the AMD K6, on which XP runs, lack. */
#include <stdlib.h>

int main(int argc, char **argv)
{
    int a = atoi(argv[0]), b = argc;
    return a < b ? a : b;
}
