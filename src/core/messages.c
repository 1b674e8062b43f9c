/* The message table: English first, Japanese second, one row per message id.
 * Placeholders are printf conversions; both languages take the same ones in the same order. */
#include "messages.h"
#include "text.h"

#include <stddef.h>

struct message_row {
    const char *text[LANGUAGE_COUNT];
};

static const struct message_row messages[MSG_COUNT] = {
    [MSG_HELP] = { {
        "TLS Switch %s: lets older mail programs on this PC use TLS 1.2.\n"
        "\n"
        "Usage:\n"
        "  tlsswitch /status [/csv]   Show the Schannel protocol settings and what they mean.\n"
        "  tlsswitch /version         Show the version.\n"
        "  tlsswitch /?               Show this help.\n"
        "\n"
        "Options:\n"
        "  /csv                       With /status: print CSV for scripts.\n"
        "  /lang en|ja                Language of the messages (default: Windows' language).\n"
        "\n"
        "Exit codes: 0 done, 1 wrong command line, 5 a Windows function failed.\n",

        "TLS Switch %s: このパソコンの古いメールソフトで TLS 1.2 を使えるようにします。\n"
        "\n"
        "使い方:\n"
        "  tlsswitch /status [/csv]   Schannel のプロトコル設定とその意味を表示します。\n"
        "  tlsswitch /version         バージョンを表示します。\n"
        "  tlsswitch /?               このヘルプを表示します。\n"
        "\n"
        "オプション:\n"
        "  /csv                       /status と一緒に: スクリプト用に CSV で出力します。\n"
        "  /lang en|ja                メッセージの言語 (既定: Windows の言語)。\n"
        "\n"
        "終了コード: 0 完了、1 コマンドラインの誤り、5 Windows の関数が失敗。\n",
    } },
    [MSG_HINT_HELP] = { {
        "Type tlsswitch /? for help.\n",
        "ヘルプは tlsswitch /? で表示できます。\n",
    } },
    [MSG_ERR_UNKNOWN_SWITCH] = { {
        "Error: unknown switch %s.\n",
        "エラー: %s というスイッチはありません。\n",
    } },
    [MSG_ERR_MISSING_VALUE] = { {
        "Error: the switch %s needs a value.\n",
        "エラー: スイッチ %s には値が必要です。\n",
    } },
    [MSG_ERR_BAD_LANGUAGE] = { {
        "Error: unknown language \"%s\"; use en or ja.\n",
        "エラー: 言語 \"%s\" は使えません。en か ja を指定してください。\n",
    } },
    [MSG_ERR_UNEXPECTED_ARGUMENT] = { {
        "Error: unexpected argument \"%s\".\n",
        "エラー: \"%s\" という引数は使えません。\n",
    } },
    [MSG_ERR_TWO_COMMANDS] = { {
        "Error: %s and %s cannot be used together; give one command at a time.\n",
        "エラー: %s と %s は同時に使えません。コマンドは一度に一つだけ指定してください。\n",
    } },
    [MSG_ERR_SWITCH_NEEDS_COMMAND] = { {
        "Error: %s can only be used with /%s.\n",
        "エラー: %s は /%s と一緒にしか使えません。\n",
    } },
    [MSG_ERR_REGISTRY_READ] = { {
        "Error: could not read the registry key HKLM\\%s: %s\n",
        "エラー: レジストリ キー HKLM\\%s を読めませんでした: %s\n",
    } },
    [MSG_ERR_WINDOWS_CALL] = { {
        "Error: %s failed: %s\n",
        "エラー: %s に失敗しました: %s\n",
    } },
    [MSG_STATUS_WINDOWS] = { {
        "Windows: %s\n",
        "Windows: %s\n",
    } },
    [MSG_STATUS_POSREADY_SET] = { {
        "POSReady 2009 update flag: set (Windows Update offers the POSReady updates, such as KB4019276 for TLS 1.2).\n",
        "POSReady 2009 の更新フラグ: あり (TLS 1.2 用の KB4019276 などの POSReady 向け更新を受け取れます)。\n",
    } },
    [MSG_STATUS_POSREADY_NOT_SET] = { {
        "POSReady 2009 update flag: not set.\n",
        "POSReady 2009 の更新フラグ: なし。\n",
    } },
    [MSG_COLUMN_PROTOCOL] = { { "Protocol", "プロトコル" } },
    [MSG_COLUMN_ENABLED] = { { "Enabled", "Enabled" } },
    [MSG_COLUMN_DISABLED_BY_DEFAULT] = { { "DisabledByDefault", "DisabledByDefault" } },
    [MSG_COLUMN_PROGRAMS] = { { "For programs", "プログラムからの扱い" } },
    [MSG_COLUMN_WINDOWS_SUPPORT] = { { "This Windows", "この Windows" } },
    [MSG_VALUE_ABSENT] = { { "absent", "なし" } },
    [MSG_VALUE_WRONG_TYPE] = { { "wrong type (%s)", "型が違う (%s)" } },
    [MSG_USE_DEFAULT] = { { "used by default", "既定で使う" } },
    [MSG_USE_OPTIN] = { { "only when a program asks", "プログラムが求めた時だけ" } },
    [MSG_USE_OFF] = { { "off", "使わない" } },
    [MSG_USE_OSDEFAULT] = { { "left to Windows' default", "Windows の既定どおり" } },
    [MSG_SUPPORT_YES] = { { "supported", "対応" } },
    [MSG_SUPPORT_NO] = { { "not supported", "非対応" } },
    [MSG_SUPPORT_REGISTRY_OFF] = { { "turned off in the registry", "レジストリで無効" } },
    [MSG_SUPPORT_UNKNOWN] = { { "could not check", "確認できず" } },
    [MSG_VERDICT_TLS12_DEFAULT] = { {
        "Good: this PC uses TLS 1.2 by default. Older mail programs can use it.\n",
        "良好: このパソコンは TLS 1.2 を既定で使います。古いメールソフトでも使えます。\n",
    } },
    [MSG_VERDICT_TLS12_NOT_DEFAULT] = { {
        "Older mail programs on this PC cannot use TLS 1.2, which many mail providers require since 2022.\n"
        "This Windows can do TLS 1.2, but it is not used by default.\n",
        "このパソコンの古いメールソフトは TLS 1.2 を使えません。2022 年ごろから多くのメール事業者が TLS 1.2 を必須にしています。\n"
        "この Windows は TLS 1.2 に対応していますが、既定では使われません。\n",
    } },
    [MSG_VERDICT_TLS12_OFF] = { {
        "TLS 1.2 is turned off in the registry (Enabled=0): no program on this PC can use it.\n",
        "TLS 1.2 がレジストリで無効になっています (Enabled=0)。このパソコンのどのプログラムも使えません。\n",
    } },
    [MSG_VERDICT_TLS12_UNSUPPORTED_XP] = { {
        "This Windows cannot do TLS 1.2. On Windows XP, install the POSReady 2009 update KB4019276 first.\n",
        "この Windows は TLS 1.2 に対応していません。Windows XP では、先に POSReady 2009 向けの更新 KB4019276 を入れてください。\n",
    } },
    [MSG_VERDICT_TLS12_UNSUPPORTED_VISTA] = { {
        "This Windows cannot do TLS 1.2. On Windows Vista SP2 and Server 2008 SP2, install update KB4019276 first.\n",
        "この Windows は TLS 1.2 に対応していません。Windows Vista SP2 と Server 2008 SP2 では、先に更新 KB4019276 を入れてください。\n",
    } },
    [MSG_VERDICT_TLS12_UNSUPPORTED] = { {
        "This Windows cannot do TLS 1.2, and no update for it is known.\n",
        "この Windows は TLS 1.2 に対応していません。対応させる更新も知られていません。\n",
    } },
    [MSG_NOTE_WRONG_TYPE] = { {
        "Note: a value of the wrong type is not a number Windows can use: Windows treats Enabled as 0 and DisabledByDefault as 1.\n",
        "注意: 型が違う値は Windows が数値として使えません。Enabled は 0、DisabledByDefault は 1 として扱われます。\n",
    } },
    [MSG_NOTE_RESTART] = { {
        "Programs read these settings when they start; after a change, restart them (and Windows, to be sure).\n",
        "プログラムはこの設定を起動時に読み込みます。変更した後はプログラムを (念のため Windows も) 再起動してください。\n",
    } },
};

static const char *const language_codes[LANGUAGE_COUNT] = { "en", "ja" };

const char *message_raw(enum language language, enum message_id id)
{
    if ((unsigned)language >= LANGUAGE_COUNT || (unsigned)id >= MSG_COUNT)
        return NULL;
    return messages[id].text[language];
}

const char *message_text(enum language language, enum message_id id)
{
    const char *text = message_raw(language, id);
    if (!text)
        text = message_raw(LANGUAGE_EN, id);
    return text ? text : "[missing message]";
}

int language_from_code(const char *code, enum language *out)
{
    int i;
    for (i = 0; i < LANGUAGE_COUNT; i++) {
        if (text_equal_nocase(code, language_codes[i])) {
            *out = (enum language)i;
            return 0;
        }
    }
    return -1;
}
