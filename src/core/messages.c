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
        "  tlsswitch /status [/csv]          Show the Schannel protocol settings and what they mean.\n"
        "  tlsswitch /apply PROFILE          Apply a profile: recommended, tls12only or osdefault.\n"
        "  tlsswitch /set PROTOCOL=STATE,... Set protocols (ssl2, ssl3, tls1.0, tls1.1, tls1.2)\n"
        "                                    to on, optin, off or default.\n"
        "  tlsswitch /backup FILE            Save the current settings to a .reg file.\n"
        "  tlsswitch /restore FILE           Return the settings to what a .reg file says.\n"
        "  tlsswitch /undo                   Restore the newest automatic backup.\n"
        "  tlsswitch /version                Show the version.\n"
        "  tlsswitch /?                      Show this help.\n"
        "\n"
        "Options:\n"
        "  /whatif      With /apply, /set, /restore, /undo: show the changes, write nothing.\n"
        "  /nobackup    Change without the automatic backup.\n"
        "  /log FILE    Append a line for every value changed.\n"
        "  /csv         With /status: print CSV for scripts.\n"
        "  /lang en|ja  Language of the messages (default: Windows' language).\n"
        "\n"
        "Exit codes: 0 done, nothing changed; 3010 changes written (restart programs, and Windows\n"
        "to be sure); 1 wrong command line; 2 not an administrator; 4 file error or refused\n"
        ".reg file; 5 a Windows function failed; 6 another TLS Switch was busy.\n",

        "TLS Switch %s: このパソコンの古いメールソフトで TLS 1.2 を使えるようにします。\n"
        "\n"
        "使い方:\n"
        "  tlsswitch /status [/csv]          Schannel のプロトコル設定とその意味を表示します。\n"
        "  tlsswitch /apply プロファイル     プロファイルを適用します: recommended、tls12only、osdefault。\n"
        "  tlsswitch /set プロトコル=状態,...  プロトコル (ssl2、ssl3、tls1.0、tls1.1、tls1.2) を\n"
        "                                    on、optin、off、default のどれかにします。\n"
        "  tlsswitch /backup ファイル        今の設定を .reg ファイルに保存します。\n"
        "  tlsswitch /restore ファイル       .reg ファイルの内容に設定を戻します。\n"
        "  tlsswitch /undo                   いちばん新しい自動バックアップに戻します。\n"
        "  tlsswitch /version                バージョンを表示します。\n"
        "  tlsswitch /?                      このヘルプを表示します。\n"
        "\n"
        "オプション:\n"
        "  /whatif      /apply、/set、/restore、/undo と一緒に: 変更内容を表示し、何も書き込みません。\n"
        "  /nobackup    自動バックアップを作らずに変更します。\n"
        "  /log ファイル 変更した値ごとに 1 行ずつ追記します。\n"
        "  /csv         /status と一緒に: スクリプト用に CSV で出力します。\n"
        "  /lang en|ja  メッセージの言語 (既定: Windows の言語)。\n"
        "\n"
        "終了コード: 0 完了 (変更なし)、3010 変更を書き込んだ (プログラムと、念のため Windows を\n"
        "再起動)、1 コマンドラインの誤り、2 管理者ではない、4 ファイルの誤り・拒否した .reg ファイル、\n"
        "5 Windows の関数が失敗、6 別の TLS Switch が処理中。\n",
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
        "Error: %s can only be used with %s.\n",
        "エラー: %s は %s と一緒にしか使えません。\n",
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
    [MSG_VALUE_OTHER_TYPE] = { { "%s (%lu bytes)", "%s (%lu バイト)" } },
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
        "This Windows can do TLS 1.2, but it is not used by default.\n"
        "To fix it, run as an administrator: tlsswitch /apply recommended\n",
        "このパソコンの古いメールソフトは TLS 1.2 を使えません。2022 年ごろから多くのメール事業者が TLS 1.2 を必須にしています。\n"
        "この Windows は TLS 1.2 に対応していますが、既定では使われません。\n"
        "直すには、管理者として次を実行してください: tlsswitch /apply recommended\n",
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
    [MSG_REGFILE_WHERE] = { {
        "Error: %s, line %u: %s\n",
        "エラー: %s の %u 行目: %s\n",
    } },
    [MSG_REGFILE_EMPTY] = { { "the file is empty", "ファイルが空です" } },
    [MSG_REGFILE_BINARY] = { {
        "the file holds NUL bytes: it is not a .reg file",
        "ファイルに NUL バイトがあります。.reg ファイルではありません",
    } },
    [MSG_REGFILE_BAD_UNICODE] = { {
        "the file starts like a Unicode .reg file but is not valid UTF-16",
        "Unicode の .reg ファイルのように始まっていますが、UTF-16 として正しくありません",
    } },
    [MSG_REGFILE_TOO_LARGE] = { {
        "the file is too large (at most 1 MiB) or memory ran out",
        "ファイルが大きすぎるか (1 MiB まで)、メモリが足りません",
    } },
    [MSG_REGFILE_BAD_HEADER] = { {
        "the first line must be \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\"",
        "1 行目は \"Windows Registry Editor Version 5.00\" か \"REGEDIT4\" でなければなりません",
    } },
    [MSG_REGFILE_BAD_KEY_LINE] = { {
        "a key line must look like [HKEY_LOCAL_MACHINE\\...]",
        "キーの行は [HKEY_LOCAL_MACHINE\\...] の形でなければなりません",
    } },
    [MSG_REGFILE_BAD_KEY_NAME] = { {
        "the key name \"%s\" is not valid",
        "キー名 \"%s\" は正しくありません",
    } },
    [MSG_REGFILE_OUTSIDE_SCOPE] = { {
        "the key \"%s\" is outside HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL; TLS Switch changes nothing else",
        "キー \"%s\" は HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL の外にあります。TLS Switch はそれ以外を変更しません",
    } },
    [MSG_REGFILE_DELETES_SCHANNEL] = { {
        "the file would delete the whole SCHANNEL key (\"%s\")",
        "このファイルは SCHANNEL キー全体 (\"%s\") を削除してしまいます",
    } },
    [MSG_REGFILE_UNRECOGNISED_LINE] = { {
        "this line is not a key, a value or a comment",
        "この行はキーでも値でもコメントでもありません",
    } },
    [MSG_REGFILE_VALUE_OUTSIDE_KEY] = { {
        "a value comes before any [key] line",
        "[キー] の行より前に値があります",
    } },
    [MSG_REGFILE_VALUE_IN_DELETED_KEY] = { {
        "a value follows a [-key] line that deletes its key",
        "キーを削除する [-キー] の行の後に値があります",
    } },
    [MSG_REGFILE_BAD_VALUE_NAME] = { {
        "the value name has no closing quote or a wrong escape",
        "値の名前に閉じる引用符がないか、エスケープが正しくありません",
    } },
    [MSG_REGFILE_NO_EQUALS] = { {
        "an = must follow the value name",
        "値の名前の後には = が必要です",
    } },
    [MSG_REGFILE_BAD_STRING] = { {
        "the string has no closing quote, a wrong escape or text after it",
        "文字列に閉じる引用符がないか、エスケープが正しくないか、後ろに余分な文字があります",
    } },
    [MSG_REGFILE_BAD_DWORD] = { {
        "\"dword:%s\" is not 1 to 8 hexadecimal digits",
        "\"dword:%s\" は 1 ～ 8 桁の 16 進数ではありません",
    } },
    [MSG_REGFILE_BAD_HEX] = { {
        "the hex data is not a comma-separated list of bytes",
        "hex のデータがコンマ区切りのバイト列になっていません",
    } },
    [MSG_REGFILE_BAD_TYPE] = { {
        "the value's data is not \"text\", dword:, hex:, hex(N): or -",
        "値のデータが \"文字列\"、dword:、hex:、hex(N):、- のどれでもありません",
    } },
    [MSG_REGFILE_ANSI_STRING_DATA] = { {
        "hex(2) and hex(7) data in a REGEDIT4 file is not supported; export the file again with regedit",
        "REGEDIT4 ファイルの hex(2) と hex(7) のデータには対応していません。regedit でもう一度エクスポートしてください",
    } },
    [MSG_REGFILE_MANAGED_NOT_DWORD] = { {
        "%s must be a dword: value; Windows cannot read any other type",
        "%s は dword: の値でなければなりません。Windows はほかの型を読めません",
    } },
    [MSG_REGFILE_CONTINUATION_AT_END] = { {
        "a line ends with \\ but no continuation line follows",
        "行が \\ で終わっていますが、続きの行がありません",
    } },
    [MSG_ERR_FILE_READ] = { {
        "Error: cannot read %s: %s\n",
        "エラー: %s を読めません: %s\n",
    } },
    [MSG_ERR_FILE_WRITE] = { {
        "Error: cannot write %s: %s\n",
        "エラー: %s に書き込めません: %s\n",
    } },
    [MSG_ERR_FILE_EXISTS] = { {
        "Error: %s already exists; choose another name, nothing was written.\n",
        "エラー: %s はすでにあります。別の名前を指定してください。何も書き込んでいません。\n",
    } },
    [MSG_ERR_UNKNOWN_PROFILE] = { {
        "Error: unknown profile \"%s\"; use recommended, tls12only or osdefault.\n",
        "エラー: \"%s\" というプロファイルはありません。recommended、tls12only、osdefault のどれかを指定してください。\n",
    } },
    [MSG_ERR_BAD_SET_SPEC] = { {
        "Error: \"%s\" is not PROTOCOL=STATE; protocols: ssl2, ssl3, tls1.0, tls1.1, tls1.2; states: on, optin, off, default (each protocol once).\n",
        "エラー: \"%s\" は プロトコル=状態 の形ではありません。プロトコル: ssl2、ssl3、tls1.0、tls1.1、tls1.2。状態: on、optin、off、default (各プロトコル 1 回まで)。\n",
    } },
    [MSG_ERR_NOT_ADMIN] = { {
        "Error: only an administrator can change these settings (%s). Nothing was changed.\n"
        "On Windows XP, log on as an administrator. On Vista and 7, right-click Command Prompt, choose \"Run as administrator\", and run the command again.\n",
        "エラー: この設定を変更できるのは管理者だけです (%s)。何も変更していません。\n"
        "Windows XP では管理者としてログオンしてください。Vista と 7 では、コマンド プロンプトを右クリックして「管理者として実行」を選び、もう一度実行してください。\n",
    } },
    [MSG_ERR_BUSY] = { {
        "Error: another TLS Switch is changing the settings right now. Nothing was changed; try again when it has finished.\n",
        "エラー: 別の TLS Switch が設定を変更しています。何も変更していません。終わってからもう一度実行してください。\n",
    } },
    [MSG_ERR_NO_BACKUP_FOR_UNDO] = { {
        "Error: there is no automatic backup to undo in %s.\n",
        "エラー: %s に元に戻すための自動バックアップがありません。\n",
    } },
    [MSG_ERR_WRITE_ROLLED_BACK] = { {
        "Error: writing to the registry failed (%s). Everything already written was put back: nothing was changed.\n",
        "エラー: レジストリへの書き込みに失敗しました (%s)。書き込んだ分は元に戻しました。何も変更されていません。\n",
    } },
    [MSG_ERR_WRITE_ROLLBACK_FAILED] = { {
        "Error: writing to the registry failed (%s), and putting the old values back failed too (%s).\n"
        "Restore the backup with: tlsswitch /restore \"%s\"\n",
        "エラー: レジストリへの書き込みに失敗し (%s)、元の値に戻すのにも失敗しました (%s)。\n"
        "次のコマンドでバックアップから戻してください: tlsswitch /restore \"%s\"\n",
    } },
    [MSG_ERR_BACKUP_FAILED] = { {
        "Error: the backup could not be written to %s (%s), so nothing was changed. Use /nobackup to change the settings without one.\n",
        "エラー: バックアップを %s に書き込めなかったため (%s)、何も変更していません。バックアップなしで変更するには /nobackup を使ってください。\n",
    } },
    [MSG_ERR_LOG_OPEN] = { {
        "Error: cannot open the log file %s (%s); nothing was changed.\n",
        "エラー: ログ ファイル %s を開けません (%s)。何も変更していません。\n",
    } },
    [MSG_PLAN_TITLE] = { {
        "Changes (old -> new):\n",
        "変更内容 (変更前 -> 変更後):\n",
    } },
    [MSG_PLAN_CREATE_KEY] = { { "  create key HKLM\\%s\n", "  キーを作成 HKLM\\%s\n" } },
    [MSG_PLAN_DELETE_KEY] = { { "  delete key HKLM\\%s\n", "  キーを削除 HKLM\\%s\n" } },
    [MSG_PLAN_VALUE] = { { "  HKLM\\%s\\%s: %s -> %s\n", "  HKLM\\%s\\%s: %s -> %s\n" } },
    [MSG_NOTHING_TO_CHANGE] = { {
        "The settings are already as asked: nothing to change.\n",
        "設定はすでに指定どおりです。変更はありません。\n",
    } },
    [MSG_WHATIF_NOTHING_WRITTEN] = { {
        "/whatif: nothing was written.\n",
        "/whatif: 何も書き込んでいません。\n",
    } },
    [MSG_BACKUP_SAVED] = { {
        "Backup of the old settings: %s\n",
        "元の設定のバックアップ: %s\n",
    } },
    [MSG_CHANGES_WRITTEN] = { {
        "Done: %u changes written.\n",
        "完了: %u 件の変更を書き込みました。\n",
    } },
    [MSG_NEXT_STEPS] = { {
        "Restart your mail program now. If mail still fails, restart Windows: some programs read these settings only when Windows starts.\n",
        "メールソフトを再起動してください。それでもメールが使えないときは Windows を再起動してください。Windows の起動時にしか設定を読まないプログラムもあります。\n",
    } },
    [MSG_RESTORE_FROM] = { {
        "Restoring from %s\n",
        "%s から元に戻します\n",
    } },
    [MSG_WAITING_FOR_OTHER] = { {
        "Waiting for another TLS Switch to finish...\n",
        "別の TLS Switch の終了を待っています...\n",
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
