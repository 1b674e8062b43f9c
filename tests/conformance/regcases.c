/* Writes .reg files for the differential test of the .reg reader against regedit
 * (tests/conformance/conformance.sh). Built natively.
 *
 *   regcases edge DIR              the edge cases of Wine's regedit import tests and of its
 *                                  parser (programs/regedit/regproc.c, tests/regedit.c in
 *                                  Wine 8.0), rewritten under the SCHANNEL key
 *   regcases random DIR COUNT SEED  COUNT files from a structure-aware generator: headers,
 *                                  encodings, line ends, keys, every value form, escapes,
 *                                  continuations, comments, deletions and odd blanks, each
 *                                  more often right than wrong
 *
 * Every file goes to DIR/NAME.reg. A file's text is written in UTF-8 and then encoded as
 * its case says: ANSI bytes, UTF-16LE with or without the FF FE mark, or UTF-8 with a BOM. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client"
#define H4 "REGEDIT4\r\n"
#define H5 "Windows Registry Editor Version 5.00\r\n"

enum encoding { ANSI, UTF16, UTF16_NO_BOM, UTF8_BOM };

static void write_file(const char *dir, const char *name, enum encoding encoding, const char *text, size_t length)
{
    char path[1024];
    FILE *file;
    size_t i;
    snprintf(path, sizeof(path), "%s/%s.reg", dir, name);
    file = fopen(path, "wb");
    if (!file) {
        perror(path);
        exit(1);
    }
    if (encoding == UTF8_BOM)
        fputs("\xEF\xBB\xBF", file);
    if (encoding == UTF16)
        fputs("\xFF\xFE", file);
    if (encoding == ANSI || encoding == UTF8_BOM) {
        fwrite(text, 1, length, file);
    } else {
        /* UTF-8 to UTF-16LE, for the BMP (all the cases need). */
        for (i = 0; i < length;) {
            unsigned char c = (unsigned char)text[i];
            unsigned code = c;
            if (c >= 0xE0 && i + 2 < length) {
                code = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
                i += 3;
            } else if (c >= 0xC0 && i + 1 < length) {
                code = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
                i += 2;
            } else {
                i++;
            }
            fputc((int)(code & 0xFF), file);
            fputc((int)(code >> 8), file);
        }
    }
    fclose(file);
}

/* The edge cases: name, encoding, text. Each is a file on its own. */
static const struct {
    const char *name;
    enum encoding encoding;
    const char *text;
} edge_cases[] = {
    /* Headers, encodings, line ends. */
    { "header-regedit4-crlf", ANSI, H4 "[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-regedit4-lf", ANSI, "REGEDIT4\n[" K "]\n\"Test\"=\"Value\"\n" },
    { "header-regedit4-cr", ANSI, "REGEDIT4\r[" K "]\r\"Test\"=\"Value\"\r" },
    { "header-lf-cr", ANSI, "REGEDIT4\n\r[" K "]\n\r\"Test\"=\"Value\"\n\r" },
    { "header-5-in-ansi", ANSI, H5 "[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-5-unicode", UTF16, H5 "[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-4-unicode", UTF16, H4 "[" K "]\r\n\"Test\"=hex(2):25,00,41,00,25,00,00,00\r\n" },
    { "header-leading-blanks", ANSI, "  \tREGEDIT4\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-trailing-space", ANSI, "REGEDIT4 \r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-trailing-tab", UTF16, "Windows Registry Editor Version 5.00\t\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-lowercase", ANSI, "regedit4\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-regedit5", ANSI, "REGEDIT5\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-version-4", ANSI, "Windows Registry Editor Version 4.00\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-blank-line-first", ANSI, "\r\nREGEDIT4\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-utf8-bom", UTF8_BOM, H4 "[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-utf16-without-bom", UTF16_NO_BOM, H5 "[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "header-win31", ANSI, "REGEDIT\r\n[" K "]\r\n\"Test\"=\"Value\"\r\n" },
    { "last-line-without-line-end", ANSI, H4 "[" K "]\r\n\"Test\"=\"No newline\"" },
    /* Lines, blanks, comments. */
    { "leading-blanks", ANSI,
      H4 "[" K "]\r\n  \"B1\"=\"two spaces\"\r\n\t\"B2\"=\"tab\"\r\n \t \"B3\"=\"mix\"\r\n" },
    { "blanks-around-equals", ANSI, H4 "[" K "]\r\n\"B4\"  \t=  \t\"More whitespace\"\r\n" },
    { "trailing-blanks", ANSI, H4 "[" K "]\r\n\"B5\"=\"Trailing spaces\"    \r\n\"B6\"=\"tabs\"\t  \t\r\n" },
    { "comment-lines", ANSI, H4 "[" K "]\r\n#\"C1\"=\"x\"\r\n;\"C2\"=\"x\"\r\n    #\"C3\"=\"x\"\r\n\"C4\"=\"y\"\r\n" },
    { "slash-comment-line", ANSI, H4 "[" K "]\r\n// \"C4\"=\"x\"\r\n\"C5\"=\"y\"\r\n" },
    { "unquoted-name-line", ANSI, H4 "[" K "]\r\nNameNoQuotes=\"x\"\r\n\"C6\"=\"y\"\r\n" },
    { "hash-after-value", ANSI, H4 "[" K "]\r\n\"B8a\"=\"Value 1\"#comment\r\n" },
    { "semicolon-after-value", ANSI, H4 "[" K "]\r\n\"B8b\"=\"Value 2\";comment\r\n\"B8d\"=\"Value1\"  ;c\r\n" },
    { "hash-after-blanks", ANSI, H4 "[" K "]\r\n\"B8c\"=\"Value3\"  #comment\r\n" },
    { "comment-instead-of-data", ANSI, H4 "[" K "]\r\n\"B8e\"=#\"Value 8\"\r\n" },
    { "comment-ends-in-backslash", ANSI, H4 "[" K "]\r\n#comment\\\r\n\"B9a\"=\"Line 1\"\r\n;comment\\\r\n\"B9b\"=\"Line 2\"\r\n" },
    /* Value names. */
    { "name-with-equals", ANSI, H4 "[" K "]\r\n\"With=Equals\"=\"asdf\"\r\n" },
    { "name-with-quote", ANSI, H4 "[" K "]\r\n\"double\\\"quote\"=\"valid \\\"or\\\" not\"\r\n" },
    { "name-with-backslash", ANSI, H4 "[" K "]\r\n\"Wine\\\\31\"=\"x\"\r\n\"\\\\foo\\\\bar\"=\"\"\r\n" },
    { "empty-name-is-default", ANSI, H4 "[" K "]\r\n\"\"=\"Default registry value\"\r\n" },
    { "at-with-blanks", ANSI, H4 "[" K "]\r\n@  =  \"Test Value\"\r\n" },
    { "at-with-tabs-and-dword", ANSI, H4 "[" K "]\r\n\t@\t=\tdword:\t00000008\t\r\n" },
    { "spaces-in-name-and-data", ANSI, H4 "[" K "]\r\n  \"  Wine6c  \"  =  \"  Spaces everywhere  \"  \r\n" },
    { "name-without-end-quote", ANSI, H4 "[" K "]\r\n\"NameNoEndQuote=\"Asdffdsa\"\r\n" },
    { "name-tab-escape", ANSI, H4 "[" K "]\r\n\"Tab\\tName\"=\"x\"\r\n" },
    { "name-lf-escape", ANSI, H4 "[" K "]\r\n\"LF\\nName\"=\"x\"\r\n" },
    { "name-nul-escape", ANSI, H4 "[" K "]\r\n\"Nul\\0Name\"=\"x\"\r\n\"after\"=\"y\"\r\n" },
    { "name-split-by-backslash", ANSI, H4 "[" K "]\r\n\"Test\\\r\n17a\"=\"Value 1\"\r\n\"Test17b\"=\"Value 2\"\r\n" },
    { "at-followed-by-text", ANSI, H4 "[" K "]\r\n@foo=\"x\"\r\n" },
    { "name-is-at", ANSI, H4 "[" K "]\r\n\"@\"=\"at\"\r\n" },
    /* String data. */
    { "empty-string", ANSI, H4 "[" K "]\r\n\"Empty\"=\"\"\r\n" },
    { "string-lf-cr", ANSI, H4 "[" K "]\r\n\"E1\"=\"a\\nb\"\r\n\"E2\"=\"a\\rb\"\r\n" },
    { "string-tab-escape", ANSI, H4 "[" K "]\r\n\"E3\"=\"a\\tb\"\r\n" },
    { "string-backslash-zero", ANSI, H4 "[" K "]\r\n\"Wine23a\"=\"\\\\0\"\r\n\"Wine23e\"=\"Value3\\\\0Value4\"\r\n" },
    { "string-tabs-inside", ANSI, H4 "[" K "]\r\n\"Tabs\"=\"\t\tTwo tabs\"\r\n" },
    { "string-comment-chars-inside", ANSI, H4 "[" K "]\r\n\"H1\"=\"#comment1\"\r\n\"H2\"=\"Value;comment4\"\r\n" },
    { "string-blank-before", ANSI, H4 "[" K "]\r\n\"Sp\"= \"spaced\"\r\n" },
    { "string-no-end-quote", ANSI, H4 "[" K "]\r\n\"NoEnd\"=\"Asdffdsa\r\n\"next\"=\"y\"\r\n" },
    { "string-text-after-quote", ANSI, H4 "[" K "]\r\n\"Test15a\"=\"foo\"bar\"\r\n" },
    { "string-doubled-quotes", ANSI, H4 "[" K "]\r\n\"Test15b\"=\"foo\"\"bar\"\r\n" },
    { "string-nothing-after-equals", ANSI, H4 "[" K "]\r\n\"Test16a\"=\r\n\"next\"=\"y\"\r\n" },
    { "string-unknown-types", ANSI, H4 "[" K "]\r\n\"S1\"=str:\"x\"\r\n\"S3\"=expand:\"x\"\r\n" },
    { "string-latin1-ansi", ANSI, H4 "[" K "]\r\n\"Ansi\"=\"caf\xE9\"\r\n" },
    { "string-unicode", UTF16, H5 "[" K "]\r\n\"Uni\"=\"café € 中\"\r\n" },
    { "string-nul-escape-stops", ANSI, H4 "[" K "]\r\n\"a\"=\"x\\0\"\r\n\"b\"=\"y\"\r\n" },
    { "string-trailing-backslash-stops", ANSI, H4 "[" K "]\r\n\"a\"=\"x\\\r\n\"b\"=\"y\"\r\n" },
    /* dword. */
    { "dword-forms", ANSI,
      H4 "[" K "]\r\n\"E1\"=dword:00000017\r\n\"E2\"=dword:1\r\n\"E16\"=dword:ABCDEF01\r\n\"E22\"=dword:ffffffff\r\n" },
    { "dword-blanks-after-colon", ANSI, H4 "[" K "]\r\n\"E9\"=dword:  00000008\r\n\"E10\"=dword:\t\t8\r\n" },
    { "dword-comment", ANSI, H4 "[" K "]\r\n\"E11\"=dword:1234;5678\r\n\"E13\"=dword:1234 ;c\r\n" },
    { "dword-hash", ANSI, H4 "[" K "]\r\n\"E12\"=dword:1234#5678\r\n" },
    { "dword-empty", ANSI, H4 "[" K "]\r\n\"E3\"=dword:\r\n" },
    { "dword-only-comment", ANSI, H4 "[" K "]\r\n\"E17\"=dword:;comment\r\n" },
    { "dword-nine-digits", ANSI, H4 "[" K "]\r\n\"E4\"=dword:123456789\r\n\"E5\"=dword:000000001\r\n" },
    { "dword-junk-after", ANSI, H4 "[" K "]\r\n\"E6\"=dword:12345678abc\r\n\"x\"=dword:12345678 abc\r\n" },
    { "dword-0x-and-inner-blank", ANSI, H4 "[" K "]\r\n\"E7\"=dword:0x123\r\n\"E8\"=dword:123 456\r\n" },
    { "dword-signs", ANSI, H4 "[" K "]\r\n\"E18\"=dword:-1\r\n\"E21\"=dword:+1\r\n" },
    { "dword-uppercase-type", ANSI, H4 "[" K "]\r\n\"E15\"=DWORD:00000001\r\n\"E19\"=dword :1\r\n" },
    { "dword-with-continuation", ANSI, H4 "[" K "]\r\n\"Test18a\"=dword:1234\\\r\n5678\r\n" },
    { "enabled-dword", ANSI, H4 "[" K "]\r\n\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:0\r\n" },
    /* hex: and hex(N):. */
    { "hex-forms", ANSI, H4 "[" K "]\r\n\"F1\"=hex:aa,bb,cc,11\r\n\"F2\"=hex:AA,Bb\r\n" },
    { "hex-blanks-after-comma", ANSI, H4 "[" K "]\r\n\"F3\"=hex:11, 22,\t33\r\n\"F17\"=hex: 11,22\r\n" },
    { "hex-blank-before-comma", ANSI, H4 "[" K "]\r\n\"F4\"=hex:11 ,22\r\n" },
    { "hex-trailing-comma", ANSI, H4 "[" K "]\r\n\"F9\"=hex:11,22,\r\n\"F19\"=hex:11,22,  \r\n" },
    { "hex-empty-item", ANSI, H4 "[" K "]\r\n\"F10\"=hex:11,,22\r\n\"F18\"=hex:,11\r\n" },
    { "hex-empty", ANSI, H4 "[" K "]\r\n\"F11\"=hex:\r\n\"F20\"=hex:;c\r\n" },
    { "hex-comment", ANSI, H4 "[" K "]\r\n\"F12\"=hex:11,22;comment\r\n\"F21\"=hex:11;22\r\n" },
    { "hex-hash", ANSI, H4 "[" K "]\r\n\"F13\"=hex:11,22 #c\r\n" },
    { "hex-item-too-big", ANSI, H4 "[" K "]\r\n\"F5\"=hex(0):25,50,100,54\r\n" },
    { "hex-leading-zeros", ANSI, H4 "[" K "]\r\n\"F6\"=hex:011,0000ff\r\n" },
    { "hex-0x-and-signs", ANSI, H4 "[" K "]\r\n\"F7\"=hex:0x11,0X22\r\n\"F8\"=hex:+1,-0\r\n" },
    { "hex-one-digit", ANSI, H4 "[" K "]\r\n\"F15\"=hex:1,2,f\r\n" },
    { "hex-uppercase-type", ANSI, H4 "[" K "]\r\n\"F14\"=Hex:11\r\n\"F22\"=hex :11\r\n" },
    { "hex2-ansi", ANSI, H4 "[" K "]\r\n\"G1\"=hex(2):25,50,41,54,48,25,00\r\n\"G2\"=hex(2):25,50,41,54,48,25\r\n" },
    { "hex7-ansi", ANSI,
      H4 "[" K "]\r\n\"G3\"=hex(7):4c,69,6e,65\r\n\"G4\"=hex(7):4c,69,6e,65,00,00\r\n\"S2\"=hex(7):41,00,42\r\n" },
    { "hex1-ansi", ANSI, H4 "[" K "]\r\n\"G5\"=hex(1):41,42\r\n\"S1\"=hex(1):41,42,00,43\r\n" },
    { "hex2-ansi-latin1", ANSI, H4 "[" K "]\r\n\"G6\"=hex(2):e9,80,00\r\n" },
    { "hex0-not-converted", ANSI, H4 "[" K "]\r\n\"G7\"=hex(0):56,00,61,00\r\n" },
    { "hex-types-empty", ANSI,
      H4 "[" K "]\r\n\"G8\"=hex(2):\r\n\"G8b\"=hex(7):\r\n\"G8c\"=hex(1):\r\n\"G8d\"=hex(4):\r\n\"G8e\"=hex(100):\r\n" },
    /* Found by the generator: a comment and no bytes stop regedit (it reads before its
     * buffer), in ANSI and in Unicode files. */
    { "hex-text-empty-comment-ansi", ANSI,
      H4 "[" K "]\r\n\"G8f\"=hex(7):;c\r\n\"G8g\"=\"after\"\r\n" },
    { "hex-text-empty-comment-unicode", UTF16,
      H5 "[" K "]\r\n\"G8h\"=hex(2): ;comment\r\n\"G8i\"=\"after\"\r\n" },
    /* Keys deeper than SCHANNEL's ever are (REGFILE_MAX_LEVELS, 12 below HKLM). */
    { "key-too-deep", ANSI, H4 "[" K "\\a\\b\\c\\d\\e]\r\n\"deep\"=\"x\"\r\n" },
    { "hex-big-types", ANSI, H4 "[" K "]\r\n\"x\"=hex(10):56,61,6c,75,65,00\r\n\"y\"=hex(ffffffff):56,61\r\n" },
    { "hex-type-too-big", ANSI, H4 "[" K "]\r\n\"x\"=hex(100000000):56\r\n" },
    { "hex-type-0x", ANSI, H4 "[" K "]\r\n\"x\"=hex(0x2):41\r\n" },
    { "hex-type-odd-forms", ANSI, H4 "[" K "]\r\n\"G27\"=hex():01\r\n\"G28\"=hex( 2):41,00\r\n\"G29\"=hex(02):41\r\n" },
    { "hex-dword-qword", ANSI,
      H4 "[" K "]\r\n\"G20\"=hex(4):40,30,20,10\r\n\"G21\"=hex(4):01,02\r\n\"G22\"=hex(b):01,00,00,00,00,00,00,00\r\n" },
    { "hex7-unicode", UTF16, H5 "[" K "]\r\n\"G11\"=hex(7):4c,00,69,00,6e,00,65,00\r\n" },
    { "hex2-unicode", UTF16, H5 "[" K "]\r\n\"G12\"=hex(2):25,00,50,00,41,00,54,00,48,00,25,00,00,00\r\n" },
    { "hex1-unicode", UTF16, H5 "[" K "]\r\n\"G13\"=hex(1):56,00,61,00,6c,00,75,00,65,00,00,00\r\n" },
    { "hex7-unicode-list", UTF16, H5 "[" K "]\r\n\"G14\"=hex(7):4c,00,69,00,00,00,00,00\r\n" },
    { "hex2-unicode-odd", UTF16, H5 "[" K "]\r\n\"G35\"=hex(2):41,00,42\r\n" },
    { "hex2-utf16-payload-in-ansi", ANSI, H5 "[" K "]\r\n\"G16\"=hex(2):25,00,50,00,25,00,00,00\r\n" },
    /* Continuations. */
    { "continuation-multi-sz", ANSI,
      H4 "[" K "]\r\n\"H1\"=hex(7):4c,69,6e,65,20,\\\r\n  63,6f,6e,63,61,74,00,00\r\n" },
    { "continuation-unicode", UTF16,
      H5 "[" K "]\r\n\"H1u\"=hex(7):4c,00,69,00,\\\r\n  6e,00,65,00,\\\r\n  00,00,00,00\r\n" },
    { "continuation-comment-after-backslash", ANSI, H4 "[" K "]\r\n\"H2\"=hex:11,22,33,44,\\;comment\r\n  55,66,\\\r\n  77,88\r\n" },
    { "continuation-ends-early", ANSI, H4 "[" K "]\r\n\"H3\"=hex:11,22,33,44,\\;comment\r\n  55,66,\r\n  77,88\r\n" },
    { "continuation-blanks-before-backslash", ANSI, H4 "[" K "]\r\n\"H4\"=hex(7):4c,69,6e,65,20,  \\\r\n  63,00,00\r\n" },
    { "continuation-no-comma", ANSI,
      H4 "[" K "]\r\n\"H5\"=hex(2):25,50,5c\\\r\n  25,50,00\r\n\"H5ok\"=\"after\"\r\n" },
    { "continuation-hash", ANSI, H4 "[" K "]\r\n\"H14c\"=hex:11,22,\\#c\r\n  33,44\r\n" },
    { "continuation-right-after-type", ANSI, H4 "[" K "]\r\n\"H6\"=hex(2):\\\r\n  25,48,4f,4d,45,25,00\r\n" },
    { "continuation-at-eof", ANSI, H4 "[" K "]\r\n\"H7\"=hex(2):25,50,41,54,48,25,\\" },
    { "continuation-at-eof-no-comma", ANSI, H4 "[" K "]\r\n\"H7b\"=hex(7):4c,69,6e,65,20\\" },
    { "continuation-blank-lines", ANSI,
      H4 "[" K "]\r\n\"H8\"=hex(7):4c,69,6e,65,20,\\\r\n  63,6f,6e,\\\r\n\r\n  63,61,74,\\\r\n \t\r\n  65,6e,00,00\r\n" },
    { "continuation-comment-line", ANSI, H4 "[" K "]\r\n\"H9a\"=hex:11,22,\\\r\n;comment\r\n  33,44\r\n" },
    { "continuation-hash-line", ANSI,
      H4 "[" K "]\r\n\"H9c\"=hex:11,22,\\\r\n#comment\r\n  33,44\r\n\"H9d\"=\"next\"\r\n" },
    { "continuation-swallows-value", ANSI,
      H4 "[" K "]\r\n\"H10a\"=hex:11,22,\\\r\n\"H10b\"=\"swallowed\"\r\n\"H10c\"=\"ok\"\r\n" },
    { "continuation-swallows-default", ANSI, H4 "[" K "]\r\n\"x\"=hex(2):25,20,\\\r\n@=\"Default value 1\"\r\n" },
    { "continuation-split-byte", ANSI, H4 "[" K "]\r\n\"H13a\"=hex:11,22,33,4\\\r\n4,55\r\n" },
    { "continuation-leading-comma", ANSI, H4 "[" K "]\r\n\"x\"=hex:11,22,\\\r\n  ,33\r\n" },
    { "continuation-lone-backslash", ANSI, H4 "[" K "]\r\n\"H16a\"=hex:11,22,\\\r\n\\\r\n  33\r\n" },
    { "continuation-trailing-blank-after-comma", ANSI,
      H4 "[" K "]\r\n\"H15a\"=hex:11,22,\\\r\n  33,44, \r\n\"H15b\"=\"next\"\r\n" },
    { "continuation-trailing-blank-after-byte", ANSI, H4 "[" K "]\r\n\"H15c\"=hex:11,22,\\\r\n  33,44 \r\n" },
    { "continuation-0x-items", ANSI, H4 "[" K "]\r\n\"H19\"=hex:11,22,\\\r\n0x33,+44,\\\r\n  055\r\n" },
    { "continuation-swallows-key-line", ANSI,
      H4 "[" K "]\r\n\"H11a\"=hex:11,22,\\\r\n[" K "\\Sub]\r\n\"H11b\"=\"where am I\"\r\n" },
    /* Keys. */
    { "key-lowercase-root", ANSI,
      H4 "[hkey_local_machine\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\TLS 1.2\\Client\\Sub3a]\r\n\"v\"=\"x\"\r\n" },
    { "key-hklm", ANSI,
      H4 "[" K "]\r\n\"first\"=\"x\"\r\n[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client\\Sub]\r\n\"I2\"=\"after HKLM\"\r\n" },
    { "key-space-after-bracket", ANSI, H4 "[" K "]\r\n[ " K "\\Sub1a]\r\n\"I3\"=\"v\"\r\n" },
    { "key-no-closing-bracket", ANSI, H4 "[" K "]\r\n[" K "\\No_Closing_Bracket\r\n\"I4\"=\"v\"\r\n" },
    { "key-no-opening-bracket", ANSI, H4 "[" K "]\r\n" K "\\No_Opening_Bracket]\r\n\"I5\"=\"v\"\r\n" },
    { "key-trailing-blank-in-name", ANSI, H4 "[" K "\\Subkey1c ]\r\n\"c\"=\"x\"\r\n[" K "\\Subkey1d\t]\r\n\"d\"=\"x\"\r\n" },
    { "key-trailing-backslash", ANSI, H4 "[" K "\\Subkey1e\\]\r\n\"e\"=\"x\"\r\n" },
    { "key-doubled-backslash", ANSI, H4 "[" K "\\a\\\\b]\r\n\"e\"=\"x\"\r\n" },
    { "key-text-after-bracket", ANSI, H4 "[" K "\\c] ;comment\r\n\"v\"=\"x\"\r\n" },
    { "key-last-bracket-wins", ANSI, H4 "[" K "\\Sub]] trailing text\r\n\"v\"=\"x\"\r\n" },
    { "key-value-on-key-line", ANSI, H4 "[" K "\\Sub] \"v\"=\"]\"\r\n\"w\"=\"1\"\r\n" },
    { "key-odd-characters", ANSI, H4 "[" K "\\Subkey\"1]\r\n[" K "\\Sub=;#]\r\n\"v\"=\"x\"\r\n" },
    { "key-empty", ANSI, H4 "[" K "]\r\n[]\r\n\"I11\"=\"v\"\r\n" },
    { "value-before-any-key", ANSI, H4 "\"before\"=\"v\"\r\n[" K "]\r\n\"after\"=\"x\"\r\n" },
    { "key-indented", ANSI, H4 "  [" K "\\Lead]\r\n\t[" K "\\Tab]\r\n\"v\"=\"x\"\r\n" },
    { "key-unicode-name", UTF16, H5 "[" K "\\Ümläut]\r\n\"v\"=\"x\"\r\n" },
    { "key-outside-scope", ANSI, H4 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\TLSSwitchTest]\r\n\"v\"=\"x\"\r\n" },
    { "key-other-root", ANSI, H4 "[HKEY_CURRENT_USER\\Software\\TLSSwitchTest]\r\n\"v\"=\"x\"\r\n" },
    /* Deletions. */
    { "delete-values", ANSI, H4 "[" K "]\r\n\"a\"=-\r\n\"b\"=  -\r\n\"c\"=  \t-\t  \r\n\"e\"=- ;comment\r\n" },
    { "delete-value-junk", ANSI, H4 "[" K "]\r\n\"d\"=-\"Test\"\r\n\"f\"=- #comment\r\n\"g\"=--\r\n" },
    { "delete-missing-value", ANSI, H4 "[" K "]\r\n\"nonexistent\"=-\r\n" },
    { "delete-default", ANSI, H4 "[" K "]\r\n@=-\r\n" },
    { "delete-key", ANSI, H4 "[-" K "\\Sub]\r\n[-" K "\\DoesNotExist]\r\n" },
    { "delete-key-blanks", ANSI, H4 "[ -" K "\\Sub]\r\n" },
    { "delete-key-lowercase", ANSI,
      H4 "[-hkey_LOCAL_machine\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\client\\SUB] trailing\r\n" },
    { "value-after-delete-key", ANSI, H4 "[" K "]\r\n[-" K "\\Sub]\r\n\"J5\"=dword:12345678\r\n" },
    { "delete-then-recreate", ANSI, H4 "[-" K "\\Sub]\r\n[" K "\\Sub]\r\n\"new\"=\"x\"\r\n" },
    { "delete-key-hklm", ANSI, H4 "[" K "]\r\n\"before\"=\"x\"\r\n[-HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client\\Sub]\r\n[" K "]\r\n\"after\"=\"y\"\r\n" },
    { "delete-root", ANSI, H4 "[" K "]\r\n\"before\"=\"x\"\r\n[-HKEY_LOCAL_MACHINE]\r\n[" K "]\r\n\"after\"=\"y\"\r\n" },
    { "delete-schannel", ANSI,
      H4 "[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n" },
    /* What TLS Switch itself and regedit write. */
    { "export-like", UTF16,
      H5 "\r\n[" K "]\r\n\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:00000000\r\n\r\n"
      "[-" K "\\Sub]\r\n\r\n" },
};

#define EDGE_COUNT (sizeof(edge_cases) / sizeof(edge_cases[0]))

/* --- the generator --------------------------------------------------------------------- */

static uint64_t state;
/* Half the generated files use only forms regedit reads without complaint, so that what
 * both read is compared often; the others may hold anything. */
static int clean;

static unsigned next(unsigned bound)
{
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((state >> 33) % bound);
}

static int chance(unsigned percent)
{
    return next(100) < percent;
}

/* A chance of trouble: none in a clean file. */
static int trouble(unsigned percent)
{
    return !clean && chance(percent);
}

struct text {
    char *data;
    size_t length, capacity;
};

static void add(struct text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->length + n + 1 > t->capacity) {
        t->capacity = (t->length + n + 1) * 2;
        t->data = realloc(t->data, t->capacity);
        if (!t->data)
            exit(1);
    }
    memcpy(t->data + t->length, s, n + 1);
    t->length += n;
}

static const char *pick(const char *const *choices, unsigned count)
{
    return choices[next(count)];
}

#define PICK(array) pick(array, sizeof(array) / sizeof(array[0]))

static const char *blanks(void)
{
    static const char *const choices[] = { "", "", "", " ", "  ", "\t", " \t " };
    return PICK(choices);
}

/* A rarely-present bit of trouble after data: a comment, junk, or nothing. */
static const char *after_data(void)
{
    static const char *const rare[] = { ";c", " ;comment", "\t;x", " #c", "#", "x", " junk" };
    if (chance(85))
        return "";
    return clean ? rare[next(3)] : PICK(rare);
}

/* A value name; Enabled and DisabledByDefault only for dwords in a clean file. */
static void add_name(struct text *t, int is_dword)
{
    static const char *const names[] = { "\"Enabled\"", "\"DisabledByDefault\"", "\"enabled\"", "\"a\"", "\"b\"",
                                         "\"New\"", "\"With Space\"", "\"q\\\"uote\"", "\"back\\\\slash\"", "@",
                                         "\"\"", "\"new\\nline\"", "\"x\\r\"", "\"tab\\t\"", "Unquoted", "\"open" };
    if (clean)
        add(t, names[is_dword ? next(13) : 3 + next(10)]);
    else
        add(t, PICK(names));
}

/* `text`: 1 for UTF-16 text (hex(1), (2), (7) in a Unicode file), 2 for ANSI text. */
static void add_hex_bytes(struct text *t, int text_kind)
{
    unsigned count = next(10), i;
    char byte[8];
    if (clean && text_kind == 1)
        count &= ~1u;   /* whole UTF-16 units */
    for (i = 0; i < count; i++) {
        unsigned value = text_kind == 1 ? (i % 2 ? 0 : 0x41 + next(26))
                         : text_kind == 2 && clean ? 0x20 + next(0x5f) : next(256);
        if (chance(3))
            snprintf(byte, sizeof(byte), "%x", next(16));
        else if (trouble(2))
            snprintf(byte, sizeof(byte), "%03x", value);
        else if (chance(50))
            snprintf(byte, sizeof(byte), "%02x", value);
        else
            snprintf(byte, sizeof(byte), "%02X", value);
        add(t, byte);
        if (i + 1 < count || chance(5)) {
            if (trouble(3))
                add(t, " ");
            add(t, ",");
            if (chance(10))
                add(t, blanks());
            if (i + 1 < count && chance(12)) {
                /* A continuation, with what people put around it. */
                if (chance(10))
                    add(t, " ");
                add(t, trouble(5) ? "" : "\\");
                if (chance(10))
                    add(t, " ;more");
                add(t, "\r\n");
                if (chance(10))
                    add(t, chance(50) ? "\r\n" : "  ; a comment\r\n");
                if (trouble(3))
                    add(t, "#junk\r\n");
                add(t, chance(80) ? "  " : "");
            }
        }
    }
}

/* Choices whose first `good` entries are forms regedit reads without complaint. */
static const char *pick_form(const char *const *choices, unsigned count, unsigned good)
{
    return choices[clean ? next(good) : next(count)];
}

static void add_value(struct text *t, int unicode)
{
    static const char *const strings[] = { "\"\"", "\"text\"", "\"with \\\"quotes\\\"\"", "\"back\\\\slash\"",
                                           "\"a;b#c\"", "\"line\\nbreak\"", "\"open", "\"bad \\q escape\"",
                                           "\"  spaced  \"" };
    static const char *const dwords[] = { "dword:00000001", "dword:0", "dword:ffffffff", "dword:ABCDEF01",
                                          "dword:  1", "dword:\t0", "dword:123456789", "dword:", "dword:0x1",
                                          "dword:-1", "DWORD:1", "dword :1", "dword:12 34", "dword:1;c" };
    static const char *const hex_types[] = { "hex:", "hex:", "hex(0):", "hex(1):", "hex(2):", "hex(3):",
                                             "hex(4):", "hex(7):", "hex(b):", "hex(02):", "hex( 2):", "hex():",
                                             "Hex:", "hex(0x2):", "hex(zz):" };
    unsigned kind = next(8);
    add(t, blanks());
    add_name(t, kind == 3 || kind == 4);
    add(t, blanks());
    add(t, trouble(3) ? "" : "=");
    add(t, blanks());
    switch (kind) {
    case 0:
        add(t, trouble(15) ? "--" : "-");
        break;
    case 1:
    case 2:
        add(t, pick_form(strings, sizeof(strings) / sizeof(strings[0]), 6));
        break;
    case 3:
    case 4:
        add(t, pick_form(dwords, sizeof(dwords) / sizeof(dwords[0]), 6));
        break;
    default: {
        const char *type = pick_form(hex_types, sizeof(hex_types) / sizeof(hex_types[0]), 10);
        add(t, type);
        int is_text = strstr(type, "(1)") || strstr(type, "(2)") || strstr(type, "(7)");
        add_hex_bytes(t, !is_text ? 0 : unicode ? 1 : 2);
        break;
    }
    }
    add(t, after_data());
    add(t, blanks());
    add(t, "\r\n");
}

/* Returns whether the key line deletes its key (no values may follow in a clean file). */
static int add_key(struct text *t)
{
    static const char *const keys[] = {
        "[" K "]", "[" K "]", "[" K "\\Sub]", "[" K "\\New Key]", "[-" K "\\Sub]", "[-" K "\\Sub2]",
        "[hkey_local_machine\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\tls 1.2\\client]",
        "[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client]",
        "[" K "\\Sub] ;comment", "[ " K "]", "[" K, "[" K "\\]", "[" K "\\a\\\\b]", "[" K "] junk",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\TLSSwitchTest]", "[-HKEY_LOCAL_MACHINE]",
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Client]",
    };
    const char *key = clean || chance(85) ? keys[next(6)] : PICK(keys);
    add(t, chance(10) ? blanks() : "");
    add(t, key);
    add(t, "\r\n");
    return key[1] == '-';
}

static void generate(struct text *t, enum encoding *encoding)
{
    static const char *const headers[] = { "REGEDIT4\r\n", "Windows Registry Editor Version 5.00\r\n",
                                           "  REGEDIT4\r\n", "REGEDIT4 \r\n", "\r\nREGEDIT4\r\n", "regedit4\r\n" };
    static const char *const junk[] = { "; comment\r\n", "# hash comment\r\n", "\r\n", "  \r\n", "// slash\r\n",
                                        "junk line\r\n" };
    unsigned blocks = 1 + next(4), b, v;
    int unicode;
    clean = chance(50);
    *encoding = chance(55) ? UTF16 : ANSI;
    if (trouble(2))
        *encoding = chance(50) ? UTF8_BOM : UTF16_NO_BOM;
    unicode = *encoding == UTF16;
    add(t, clean ? headers[next(3)] : chance(90) ? headers[next(2)] : PICK(headers));
    for (b = 0; b < blocks; b++) {
        if (chance(25))
            add(t, junk[next(4)]);
        if (trouble(5))
            add(t, PICK(junk));
        int deleting = add_key(t);
        for (v = clean && deleting ? 0 : next(5); v > 0; v--)
            add_value(t, unicode);
    }
    if (chance(10))
        t->length -= 2;   /* no line end after the last line */
    t->data[t->length] = '\0';
}

int main(int argc, char **argv)
{
    size_t i;
    if (argc == 3 && strcmp(argv[1], "edge") == 0) {
        for (i = 0; i < EDGE_COUNT; i++)
            write_file(argv[2], edge_cases[i].name, edge_cases[i].encoding, edge_cases[i].text,
                       strlen(edge_cases[i].text));
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "random") == 0) {
        unsigned long count = strtoul(argv[3], NULL, 10), n;
        state = strtoull(argv[4], NULL, 10) * 2654435761u + 1;
        for (n = 0; n < count; n++) {
            struct text t = { NULL, 0, 0 };
            enum encoding encoding;
            char name[64];
            generate(&t, &encoding);
            snprintf(name, sizeof(name), "generated-%05lu", n);
            write_file(argv[2], name, encoding, t.data, t.length);
            free(t.data);
        }
        return 0;
    }
    fprintf(stderr, "usage: regcases edge DIR | regcases random DIR COUNT SEED\n");
    return 2;
}
