/* The message table: English first, Japanese second, one row per message id.
 * Placeholders are printf conversions; both languages take the same ones in the same order.
 * The product carries it compressed (message_unpack.c); the tests read it from here. */
#include "message_table.h"

#include <stddef.h>

struct message_row {
    const char *text[LANGUAGE_COUNT];
};

static const struct message_row messages[MSG_COUNT] = {
    [MSG_HELP] = { {
        "TLS Switch %s: lets older mail programs on this PC use TLS 1.2.\n"
        "\n"
        "Usage:\n"
        "  tlsswitch                         Open the window (as a double-click does).\n"
        "  tlsswitch /status [/csv]          Show the Schannel protocol settings and what they mean.\n"
        "  tlsswitch /apply PROFILE          Apply a profile: recommended, tls12only or osdefault.\n"
        "  tlsswitch /set PROTOCOL=STATE,... Set protocols (ssl2, ssl3, tls1.0, tls1.1, tls1.2)\n"
        "                                    to on, optin, off or default.\n"
        "  tlsswitch /backup FILE            Save the current settings to a .reg file.\n"
        "  tlsswitch /restore FILE           Return the settings to what a .reg file says.\n"
        "  tlsswitch /undo                   Undo the last change that was kept (again: the one before).\n"
        "  tlsswitch /test SERVER            Test a mail server as older mail programs connect to it:\n"
        "                                    smtps://host, smtp://host (STARTTLS), pop3s://, pop3://,\n"
        "                                    imaps://, imap://, https://, or host[:port].\n"
        "  tlsswitch /test SERVER /as WINDOWS  Test the server as another Windows would (xp, 2003,\n"
        "                                    vista, 7, 8.1, 10, 11), from any PC, without Schannel.\n"
        "  tlsswitch /test /accounts [/csv]  Test the accounts of this user's mail programs (Outlook\n"
        "                                    Express, Outlook, Thunderbird) as each program connects.\n"
        "  tlsswitch /relay add URL [PORT]   Relay a mail server this Windows cannot reach itself: the\n"
        "                                    mail program connects to 127.0.0.1 without SSL, TLS Switch\n"
        "                                    speaks TLS to the server. Also /relay list, remove N, start,\n"
        "                                    stop, status; /relay alone relays in this window.\n"
        "  tlsswitch /version                Show the version.\n"
        "  tlsswitch /?                      Show this help.\n"
        "\n"
        "Options:\n"
        "  /whatif      With /apply, /set, /restore, /undo: show the changes, write nothing.\n"
        "  /nobackup    Change without the automatic backup.\n"
        "  /log FILE    Append a line for every value changed.\n"
        "  /csv         With /status: print CSV for scripts.\n"
        "  /test SERVER With /apply or /set: test the server after the change.\n"
        "  /timeout S   With /test: seconds to wait for the server (default 10).\n"
        "  /lang en|ja  Language of the messages (default: Windows' language).\n"
        "\n"
        "Exit codes: 0 done, nothing changed; 3010 changes written (restart programs, and Windows\n"
        "to be sure); 1 wrong command line; 2 not allowed (not an administrator, or a key's\n"
        "permissions); 3 /test failed; 4 file error or refused .reg file; 5 a Windows function\n"
        "failed (a failed change was put back); 6 another TLS Switch was busy; 7 a write failed\n"
        "and putting it back failed too: the settings are half changed (restore the backup named).\n",

        "TLS Switch %s: このパソコンの古いメールソフトで TLS 1.2 を使えるようにします。\n"
        "\n"
        "使い方:\n"
        "  tlsswitch                         画面を開きます (ダブルクリックと同じ)。\n"
        "  tlsswitch /status [/csv]          Schannel のプロトコル設定とその意味を表示します。\n"
        "  tlsswitch /apply プロファイル     プロファイルを適用します: recommended、tls12only、osdefault。\n"
        "  tlsswitch /set プロトコル=状態,...  プロトコル (ssl2、ssl3、tls1.0、tls1.1、tls1.2) を\n"
        "                                    on、optin、off、default のどれかにします。\n"
        "  tlsswitch /backup ファイル        今の設定を .reg ファイルに保存します。\n"
        "  tlsswitch /restore ファイル       .reg ファイルの内容に設定を戻します。\n"
        "  tlsswitch /undo                   最後に反映された変更を元に戻します (もう一度でその前の変更)。\n"
        "  tlsswitch /test サーバー          古いメールソフトと同じ方法でメール サーバーをテストします:\n"
        "                                    smtps://ホスト、smtp://ホスト (STARTTLS)、pop3s://、pop3://、\n"
        "                                    imaps://、imap://、https://、ホスト[:ポート]。\n"
        "  tlsswitch /test サーバー /as WINDOWS  別の Windows (xp、2003、vista、7、8.1、10、11) と同じ方法で\n"
        "                                    サーバーをテストします。Schannel を使わず、どのパソコンからでも。\n"
        "  tlsswitch /test /accounts [/csv]  このユーザーのメールソフト (Outlook Express、Outlook、\n"
        "                                    Thunderbird) のアカウントを、それぞれと同じ方法でテストします。\n"
        "  tlsswitch /relay add URL [ポート] この Windows からは接続できないメール サーバーを中継します。\n"
        "                                    メールソフトは 127.0.0.1 に SSL なしで接続し、TLS Switch が\n"
        "                                    サーバーと TLS で通信します。ほかに /relay list、remove 番号、\n"
        "                                    start、stop、status。/relay だけならこのウィンドウで中継します。\n"
        "  tlsswitch /version                バージョンを表示します。\n"
        "  tlsswitch /?                      このヘルプを表示します。\n"
        "\n"
        "オプション:\n"
        "  /whatif      /apply、/set、/restore、/undo と一緒に: 変更内容を表示し、何も書き込みません。\n"
        "  /nobackup    自動バックアップを作らずに変更します。\n"
        "  /log ファイル 変更した値ごとに 1 行ずつ追記します。\n"
        "  /csv         /status と一緒に: スクリプト用に CSV で出力します。\n"
        "  /test サーバー /apply か /set と一緒に: 変更の後でサーバーをテストします。\n"
        "  /timeout 秒  /test と一緒に: サーバーの応答を待つ秒数 (既定 10)。\n"
        "  /lang en|ja  メッセージの言語 (既定: Windows の言語)。\n"
        "\n"
        "終了コード: 0 完了 (変更なし)、3010 変更を書き込んだ (プログラムと、念のため Windows を\n"
        "再起動)、1 コマンドラインの誤り、2 許可されていない (管理者ではない、またはキーのアクセス\n"
        "許可)、3 /test が失敗、4 ファイルの誤り・拒否した .reg ファイル、5 Windows の関数が失敗\n"
        "(失敗した変更は元に戻した)、6 別の TLS Switch が処理中、7 書き込みに失敗し元に戻すのにも\n"
        "失敗した: 設定は一部だけ変更された状態 (表示したバックアップから復元してください)。\n",
    } },
    [MSG_HINT_HELP] = { {
        "Type tlsswitch /? for help.\n",
        "ヘルプは tlsswitch /? で表示できます。\n",
    } },
    [MSG_RELAY_SUGGEST] = { {
        "TLS Switch can reach this server for the mail program itself, with its own TLS: tlsswitch /relay add %s, then tlsswitch /relay start. /relay add says what to type into the mail program.\n",
        "TLS Switch が独自の TLS でこのサーバーに接続し、メールソフトとの間を中継できます: tlsswitch /relay add %s を実行し、続けて tlsswitch /relay start を実行します。メールソフトに入力する内容は /relay add が表示します。\n",
    } },
    [MSG_RELAY_USAGE] = { {
        "Error: /relay takes one of: add URL [PORT], list, remove N, start, stop, status; or nothing, to relay in this window until Ctrl+C.\n",
        "エラー: /relay の後には add URL [ポート]、list、remove 番号、start、stop、status のどれかを指定します。何も指定しなければ、Ctrl+C を押すまでこのウィンドウで中継します。\n",
    } },
    [MSG_RELAY_NO_WAYS] = { {
        "The relay has nothing to relay yet. Add your mail server first, for example: tlsswitch /relay add pop3s://pop.example.jp\n",
        "中継するサーバーがまだありません。先にメール サーバーを追加してください。例: tlsswitch /relay add pop3s://pop.example.jp\n",
    } },
    [MSG_RELAY_ALREADY_RUNNING] = { {
        "Error: the relay is already running for this user (perhaps started at logon). See it with tlsswitch /relay status, or stop it with tlsswitch /relay stop.\n",
        "エラー: このユーザーの中継はすでに動いています (ログオン時に起動した可能性があります)。tlsswitch /relay status で確認するか、tlsswitch /relay stop で止めてください。\n",
    } },
    [MSG_RELAY_LOG_STARTED] = { {
        "%s  The relay started: %u way(s), on 127.0.0.1 only.\n",
        "%s  中継を開始しました: %u 件、127.0.0.1 のみで待ち受けます。\n",
    } },
    [MSG_RELAY_LOG_STOPPED] = { {
        "%s  The relay stopped.\n",
        "%s  中継を停止しました。\n",
    } },
    [MSG_RELAY_LOG_OK] = { {
        "%s  %s  %s, %s  done: %lu bytes from the provider, %lu bytes to it\n",
        "%s  %s  %s, %s  完了: プロバイダーから %lu バイト、プロバイダーへ %lu バイト\n",
    } },
    [MSG_RELAY_LOG_REFUSED] = { {
        "%s  %s  refused: %s\n",
        "%s  %s  中継できませんでした: %s\n",
    } },
    [MSG_RELAY_CANNOT_LISTEN] = { {
        "Error: the relay cannot listen for %s (%s). Another program may use that port: remove the way and add it again to get another port.\n",
        "エラー: %s の待ち受けを開始できません (%s)。ほかのプログラムがそのポートを使っている可能性があります。いったん削除してから追加し直すと、別のポートになります。\n",
    } },
    [MSG_RELAY_START_FAILED] = { {
        "Error: the relay did not start (exit code %u). Run tlsswitch /relay in a command prompt to see why.\n",
        "エラー: 中継を開始できませんでした (終了コード %u)。コマンド プロンプトで tlsswitch /relay を実行すると理由が表示されます。\n",
    } },
    [MSG_RELAY_WILL_NOT_STOP] = { {
        "Error: the running relay did not stop within 10 seconds. End tlsswitch.exe in Task Manager, then try again.\n",
        "エラー: 動いている中継が 10 秒以内に止まりませんでした。タスク マネージャーで tlsswitch.exe を終了してから、もう一度お試しください。\n",
    } },
    [MSG_RELAY_NO_START_ENTRY] = { {
        "The relay was stopped again: its start entry at logon could not be written, so it would not have started the next time you log on. Nothing else was changed.\n",
        "中継をいったん開始しましたが、ログオン時に開始する設定を書き込めなかったため、止めました。このままでは次のログオンで開始されないためです。ほかには何も変更していません。\n",
    } },
    [MSG_RELAY_STARTED] = { {
        "The relay is running, and starts again each time you log on. Stop it with tlsswitch /relay stop.\n",
        "中継を開始しました。ログオンのたびに自動で開始します。止めるには tlsswitch /relay stop を実行します。\n",
    } },
    [MSG_RELAY_STOPPED] = { {
        "The relay stopped, and no longer starts at logon.\n",
        "中継を停止しました。ログオン時にも開始しません。\n",
    } },
    [MSG_RELAY_WAS_NOT_RUNNING] = { {
        "The relay was not running. It no longer starts at logon.\n",
        "中継は動いていませんでした。ログオン時にも開始しません。\n",
    } },
    [MSG_RELAY_WAYS_HEADING] = { {
        "Relayed servers:\n",
        "中継するサーバー:\n",
    } },
    [MSG_RELAY_START_HINT] = { {
        "Start the relay with: tlsswitch /relay start\n",
        "中継を開始するには tlsswitch /relay start を実行します。\n",
    } },
    [MSG_RELAY_REMOVED] = { {
        "Number %u is no longer relayed. Set your mail program back to the provider's own server before you use it again.\n",
        "%u 番の中継をやめました。メールソフトの設定は、プロバイダーのサーバーに戻してからお使いください。\n",
    } },
    [MSG_RELAY_STATUS_RUNNING] = { {
        "The relay is running.\n",
        "中継は動いています。\n",
    } },
    [MSG_RELAY_STATUS_NOT_RUNNING] = { {
        "The relay is not running.\n",
        "中継は動いていません。\n",
    } },
    [MSG_RELAY_STATUS_AT_LOGON] = { {
        "It starts when you log on.\n",
        "ログオン時に自動で開始します。\n",
    } },
    [MSG_RELAY_STATUS_NOT_AT_LOGON] = { {
        "It does not start when you log on.\n",
        "ログオン時には開始しません。\n",
    } },
    [MSG_RELAY_STATUS_FILES] = { {
        "Settings: %s\nLog: %s\n",
        "設定: %s\nログ: %s\n",
    } },
    [MSG_RELAY_REASON_TIMEOUT] = { {
        "the provider's server did not answer in time",
        "プロバイダーのサーバーが時間内に応答しませんでした",
    } },
    [MSG_RELAY_REASON_CLOSED_BEFORE_TLS] = { {
        "the provider's server closed the connection before TLS began",
        "TLS を始める前にプロバイダーのサーバーが接続を切りました",
    } },
    [MSG_RELAY_REASON_STARTTLS_FAILED] = { {
        "the provider's server refused to start TLS: %s",
        "プロバイダーのサーバーが TLS の開始を拒否しました: %s",
    } },
    [MSG_RELAY_REASON_STOPPED] = { {
        "the relay was stopped",
        "中継が停止されました",
    } },
    [MSG_RELAY_REASON_IDLE] = { {
        "nothing was sent either way for an hour",
        "1 時間、どちらからも何も送られませんでした",
    } },
    [MSG_RELAY_REASON_MEMORY] = { {
        "not enough memory",
        "メモリが足りません",
    } },
    [MSG_RELAY_REASON_UNREACHABLE] = { {
        "the provider's server %s cannot be reached (check the Internet connection and the server's name)",
        "プロバイダーのサーバー %s に接続できません (インターネット接続とサーバー名を確認してください)",
    } },
    [MSG_RELAY_REASON_TOO_MANY] = { {
        "more than %d connections at once",
        "同時接続が %d を超えました",
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
    [MSG_RELAY_FILE_HEADER] = { {
        "; relay.ini: the settings of TLS Switch's mail relay. Each [way N] is one mail server\n"
        "; (provider) the relay reaches with TLS, and the port on this PC (127.0.0.1, local_port)\n"
        "; where it waits for the mail program. TLS Switch writes this file (tlsswitch /relay add\n"
        "; and /relay remove) and refuses it when a line is wrong: change it with those commands.\n",

        "; relay.ini: TLS Switch のメール中継の設定です。[way N] のひとつひとつが、中継が TLS で\n"
        "; つなぐメール サーバー (provider) と、メールソフトを待つこのパソコンのポート\n"
        "; (127.0.0.1 の local_port) です。このファイルは TLS Switch が書きます (tlsswitch /relay add、\n"
        "; /relay remove)。間違った行があると読まないので、これらのコマンドで変更してください。\n",
    } },
    [MSG_RELAY_FILE_WHERE] = { {
        "Error: %s, line %u: %s\n"
        "TLS Switch leaves the file as it is: correct that line, or delete the file and add the ways\n"
        "again (tlsswitch /relay add).\n",
        "エラー: %s の %u 行目: %s\n"
        "TLS Switch はこのファイルを変更しません。その行を直すか、ファイルを削除して中継を追加し直して\n"
        "ください (tlsswitch /relay add)。\n",
    } },
    [MSG_RELAY_FILE_WHOLE] = { {
        "Error: %s: %s\n"
        "TLS Switch leaves the file as it is: correct it, or delete it and add the ways again\n"
        "(tlsswitch /relay add).\n",
        "エラー: %s: %s\n"
        "TLS Switch はこのファイルを変更しません。ファイルを直すか、削除して中継を追加し直してください\n"
        "(tlsswitch /relay add)。\n",
    } },
    [MSG_RELAY_ERROR] = { { "Error: %s\n", "エラー: %s\n" } },
    [MSG_RELAY_FILE_TOO_LARGE] = { {
        "the file is larger than 64 KiB, far more than 16 ways need: it is not a relay.ini TLS Switch wrote",
        "ファイルが 64 KiB より大きく、16 の中継に要る大きさをはるかに超えています。TLS Switch が書いた relay.ini ではありません",
    } },
    [MSG_RELAY_FILE_CONTROL_CHARACTER] = { {
        "the line holds a control character or a NUL byte, which plain text has not",
        "この行には制御文字か NUL バイトがあります。ふつうのテキストにはないものです",
    } },
    [MSG_RELAY_FILE_BAD_UTF8] = { {
        "the line is not UTF-8 text",
        "この行は UTF-8 のテキストではありません",
    } },
    [MSG_RELAY_FILE_LINE_TOO_LONG] = { {
        "the line is longer than 1024 bytes",
        "この行は 1024 バイトより長いです",
    } },
    [MSG_RELAY_FILE_UNRECOGNISED_LINE] = { {
        "the line is not a [way N] heading, a \"name = value\" setting or a ; comment",
        "この行は [way N] の見出しでも「名前 = 値」の設定でも ; のコメントでもありません",
    } },
    [MSG_RELAY_FILE_WAY_OUT_OF_ORDER] = { {
        "the ways are numbered from 1 in order: this heading should be [way %s]",
        "中継は 1 から順に番号を付けます。この見出しは [way %s] のはずです",
    } },
    [MSG_RELAY_FILE_TOO_MANY_WAYS] = { {
        "more than 16 ways: the relay takes at most 16",
        "中継が 16 より多くあります。16 までです",
    } },
    [MSG_RELAY_FILE_SETTING_OUTSIDE_WAY] = { {
        "a setting comes before the first [way N] heading",
        "最初の [way N] の見出しより前に設定があります",
    } },
    [MSG_RELAY_FILE_UNKNOWN_SETTING] = { {
        "unknown setting \"%s\": a way has only provider and local_port",
        "\"%s\" という設定はありません。中継の設定は provider と local_port だけです",
    } },
    [MSG_RELAY_FILE_DUPLICATE_SETTING] = { {
        "\"%s\" is given twice for this way",
        "この中継に \"%s\" が 2 回あります",
    } },
    [MSG_RELAY_FILE_MISSING_SETTING] = { {
        "this way has no \"%s\" setting",
        "この中継には \"%s\" の設定がありません",
    } },
    [MSG_RELAY_FILE_SAME_LOCAL_PORT] = { {
        "local port %s is given to an earlier way too: each way needs its own",
        "ローカル ポート %s は前の中継にも使われています。中継ごとに別のポートが必要です",
    } },
    [MSG_RELAY_FILE_SAME_PROVIDER] = { {
        "an earlier way already relays %s",
        "%s は前の中継ですでに中継しています",
    } },
    [MSG_RELAY_BAD_URL] = { {
        "\"%s\" is not a mail server's address. Write it as pop3s://host, pop3://host, imaps://host, "
        "imap://host, smtps://host or smtp://host, with :port after the host when the server uses another port",
        "\"%s\" はメール サーバーのアドレスではありません。pop3s://ホスト、pop3://ホスト、imaps://ホスト、"
        "imap://ホスト、smtps://ホスト、smtp://ホスト の形で、サーバーが別のポートを使うときはホストの後に :ポート を付けて書いてください",
    } },
    [MSG_RELAY_NEEDS_MAIL_SCHEME] = { {
        "\"%s\" does not say which mail protocol the server speaks: write it with pop3s://, pop3://, "
        "imaps://, imap://, smtps:// or smtp:// in front, for example pop3s://pop.example.jp or smtp://smtp.example.jp:587",
        "\"%s\" ではサーバーのメール プロトコルがわかりません。前に pop3s://、pop3://、imaps://、imap://、"
        "smtps://、smtp:// のどれかを付けて書いてください (例: pop3s://pop.example.jp、smtp://smtp.example.jp:587)",
    } },
    [MSG_RELAY_BAD_PORT] = { {
        "\"%s\" is not a port: give a number from 1 to 65535",
        "\"%s\" はポートではありません。1 ～ 65535 の数を指定してください",
    } },
    [MSG_RELAY_ALREADY_RELAYED] = { {
        "%s is relayed already (tlsswitch /relay list shows the ways)",
        "%s はすでに中継しています (tlsswitch /relay list で中継の一覧を表示できます)",
    } },
    [MSG_RELAY_FULL] = { {
        "the relay has 16 ways already, as many as it takes: remove one first (tlsswitch /relay remove N)",
        "中継はすでに上限の 16 あります。先にどれかを削除してください (tlsswitch /relay remove 番号)",
    } },
    [MSG_RELAY_PORT_IS_A_WAYS] = { {
        "local port %s is already another way's (tlsswitch /relay list shows them): choose another, "
        "or none and TLS Switch chooses one",
        "ローカル ポート %s はすでに別の中継が使っています (tlsswitch /relay list で表示できます)。"
        "別のポートを選ぶか、指定しないで TLS Switch に選ばせてください",
    } },
    [MSG_RELAY_PORT_IN_USE] = { {
        "local port %s is in use by another program on this PC: choose another, or none and TLS Switch "
        "chooses one",
        "ローカル ポート %s はこのパソコンの別のプログラムが使っています。別のポートを選ぶか、"
        "指定しないで TLS Switch に選ばせてください",
    } },
    [MSG_RELAY_NO_FREE_PORT] = { {
        "no local port from 10110 up is free on this PC",
        "このパソコンには 10110 以上の空いているローカル ポートがありません",
    } },
    [MSG_RELAY_UNKNOWN_WAY] = { {
        "there is no way number %s (tlsswitch /relay list shows the ways and their numbers)",
        "番号 %s の中継はありません (tlsswitch /relay list で中継とその番号を表示できます)",
    } },
    [MSG_RELAY_ADVICE_TITLE] = { {
        "Type this into the mail program for %s:\n",
        "%s を使うには、メールソフトに次のように入力してください:\n",
    } },
    [MSG_RELAY_ADVICE_INCOMING] = { {
        "  Incoming mail server (%s): %s\n"
        "  Port: %u\n"
        "  SSL/TLS: off (neither SSL nor STARTTLS)\n",
        "  受信メール サーバー (%s): %s\n"
        "  ポート: %u\n"
        "  SSL/TLS: 使わない (SSL も STARTTLS もなし)\n",
    } },
    [MSG_RELAY_ADVICE_OUTGOING] = { {
        "  Outgoing mail server (SMTP): %s\n"
        "  Port: %u\n"
        "  SSL/TLS: off (neither SSL nor STARTTLS)\n",
        "  送信メール サーバー (SMTP): %s\n"
        "  ポート: %u\n"
        "  SSL/TLS: 使わない (SSL も STARTTLS もなし)\n",
    } },
    [MSG_RELAY_ADVICE_SAME_LOGIN] = { {
        "  User name and password: as they were\n",
        "  ユーザー名とパスワード: 今までのまま\n",
    } },
    [MSG_RELAY_ADVICE_SMTP_AUTH] = { {
        "  The server requires authentication: as it was\n",
        "  送信サーバーの認証: 今までのまま\n",
    } },
    [MSG_RELAY_ADVICE_OE_INCOMING] = { {
        "  In Outlook Express (Tools > Accounts, the account, Properties):\n"
        "    Servers tab: \"Incoming mail (%s)\": %s\n"
        "    Advanced tab: \"Incoming mail (%s)\": %u, and \"This server requires a secure connection (SSL)\" unticked\n",
        "  Outlook Express では (「ツール」→「アカウント」→ アカウントを選んで「プロパティ」):\n"
        "    「サーバー」タブ: 「受信メール (%s)」に %s\n"
        "    「詳細設定」タブ: 「受信メール (%s)」に %u、「このサーバーはセキュリティで保護された接続 (SSL) が必要」のチェックを外す\n",
    } },
    [MSG_RELAY_ADVICE_OE_OUTGOING] = { {
        "  In Outlook Express (Tools > Accounts, the account, Properties):\n"
        "    Servers tab: \"Outgoing mail (SMTP)\": %s, and \"My server requires authentication\" as it was\n"
        "    Advanced tab: \"Outgoing mail (SMTP)\": %u, and \"This server requires a secure connection (SSL)\" unticked\n",
        "  Outlook Express では (「ツール」→「アカウント」→ アカウントを選んで「プロパティ」):\n"
        "    「サーバー」タブ: 「送信メール (SMTP)」に %s、「このサーバーは認証が必要」は今までのまま\n"
        "    「詳細設定」タブ: 「送信メール (SMTP)」に %u、「このサーバーはセキュリティで保護された接続 (SSL) が必要」のチェックを外す\n",
    } },
    [MSG_RELAY_WAY_LINE] = { {
        "  %u. %s, for the mail program at %s:%u\n",
        "  %u. %s、メールソフトの接続先は %s:%u\n",
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
    [MSG_OUTCOME_SILENT] = { {
        "the server never answered",
        "サーバーが一度も応答しなかった",
    } },
    [MSG_DIAG_SILENT] = { {
        "The server accepted the connection but never answered: not one byte in %u seconds. The port may be the wrong one, the server may be overloaded, or something between (a firewall, an antivirus program) holds the connection.\n",
        "サーバーは接続を受け付けましたが、一度も応答しませんでした (%u 秒間、1 バイトも届きません)。ポート番号が違うか、サーバーが混んでいるか、途中 (ファイアウォールやウイルス対策ソフト) で接続が止められています。\n",
    } },
    [MSG_OUTCOME_STEP_FAILED] = { { "%s failed (%s)", "%s が失敗 (%s)" } },
    [MSG_OUTCOME_STEP_FAILED_NO_CODE] = { { "%s failed", "%s が失敗" } },
    [MSG_OUTCOME_NO_RESULT] = { { "no result came back", "結果が返らなかった" } },
    [MSG_DIAG_SIM_UNKNOWN] = { {
        "Whether %s can use this server is not known (its simulated handshake: %s).\n",
        "%s がこのサーバーを使えるかどうかは分かりません (模擬ハンドシェイクの結果: %s)。\n",
    } },
    [MSG_DIAG_SIM_UNKNOWN_OWN] = { {
        "This PC's own handshake worked, but it can do more than %s's, so it does not answer the question. Test again.\n",
        "このパソコン自身のハンドシェイクは成功しましたが、%s よりも多くのことができるため、答えにはなりません。もう一度テストしてください。\n",
    } },
    [MSG_SIM_CERT_WRONG_NAME] = { { "; but its certificate is for %s", "。ただし証明書は %s 用" } },
    [MSG_SIM_CERT_EXPIRED] = { { "; but its certificate expired on %s", "。ただし証明書は %s に期限切れ" } },
    [MSG_SIM_CERT_NOT_YET_VALID] = { {
        "; but its certificate is valid only from %s",
        "。ただし証明書の有効期間は %s から",
    } },
    [MSG_DIAG_SIM_CERT_NAME] = { {
        "But the certificate the server gives %s is not issued for %s (it is for %s): a mail program there warns at every connection. Use the server name the provider gives for mail.\n",
        "ただし、サーバーが %s に渡す証明書は %s 用に発行されていません (%s 用です)。そこではメールソフトが接続のたびに警告します。メール事業者が案内するサーバー名を使ってください。\n",
    } },
    [MSG_DIAG_SIM_NO_SNI] = { {
        "%s sends no server name (SNI), so a server with several names gives it its default certificate, which newer Windows may never be shown.\n",
        "%s はサーバー名 (SNI) を送らないため、複数の名前を持つサーバーからは既定の証明書を受け取ります (新しい Windows には別の証明書が渡されることがあります)。\n",
    } },
    [MSG_DIAG_SIM_CERT_EXPIRED] = { {
        "But the certificate the server gives %s has expired (valid until %s): a mail program there warns at every connection. Only the provider can fix this: tell them.\n",
        "ただし、サーバーが %s に渡す証明書は期限が切れています (%s まで有効)。そこではメールソフトが接続のたびに警告します。直せるのはメール事業者だけです。知らせてください。\n",
    } },
    [MSG_DIAG_SIM_CERT_NOT_YET_VALID] = { {
        "But the certificate the server gives %s is not valid yet (valid from %s): a mail program there warns at every connection. If the date is right, tell the provider.\n",
        "ただし、サーバーが %s に渡す証明書はまだ有効ではありません (%s から有効)。そこではメールソフトが接続のたびに警告します。日付が正しければ、メール事業者に知らせてください。\n",
    } },
    [MSG_DIAG_AS_CERT_CHECKED] = { {
        "Its certificate is issued for %s and valid today; whether that PC trusts its root is not checked from here.\n",
        "証明書は %s 用に発行され、今日の日付で有効です。そのパソコンがルート証明書を信頼するかどうかは、ここでは確かめていません。\n",
    } },
    [MSG_ERR_CONFLICTING_VALUES] = { {
        "Error: %s is given twice with different values (\"%s\" and \"%s\"). Give it once.\n",
        "エラー: %s に違う値が 2 回指定されています (\"%s\" と \"%s\")。1 回だけ指定してください。\n",
    } },
    [MSG_ERR_BAD_IDN_TARGET] = { {
        "Error: \"%s\" is not a server to test: its name cannot be turned into the xn-- form that DNS uses (RFC 5891). Check the name, or type its xn-- form.\n",
        "エラー: \"%s\" はテストできるサーバーの指定ではありません。この名前は DNS で使う xn-- 形式に変換できません (RFC 5891)。名前を確かめるか、xn-- 形式で入力してください。\n",
    } },
    [MSG_FIND_OUTGOING_NO_AUTH] = { {
        "  Outgoing mail (sending): %s, server %s, port %s, %s",
        "  送信メール: %s、サーバー %s、ポート %s、%s",
    } },
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
        "hex(1), hex(2) and hex(7) data in a REGEDIT4 file may hold only ASCII text; export the file again with regedit",
        "REGEDIT4 ファイルの hex(1)、hex(2)、hex(7) のデータには ASCII の文字しか使えません。regedit でもう一度エクスポートしてください",
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
    [MSG_UNDO_CHOSEN] = { {
        "Undoing the last change that was kept: tlsswitch %s, made %s.\n",
        "最後に反映された変更を元に戻します: tlsswitch %s (%s に実行)。\n",
    } },
    [MSG_UNDO_UNFINISHED] = { {
        "That change did not finish; its backup puts back the settings from before it began.\n",
        "この変更は最後まで終わっていません。そのバックアップで、変更を始める前の設定に戻します。\n",
    } },
    [MSG_UNDO_RECORD_MISSING] = { {
        "Note: the record of changes %s is missing, so it is not known which changes were kept. Going by the backups themselves instead.\n",
        "注意: 変更の記録 %s がないため、どの変更が反映されたままかわかりません。代わりにバックアップそのものから判断します。\n",
    } },
    [MSG_UNDO_RECORD_DAMAGED] = { {
        "Note: the record of changes %s is damaged (line %u cannot be read), so it is not known which changes were kept. Going by the backups themselves instead.\n",
        "注意: 変更の記録 %s が壊れている (%u 行目を読めない) ため、どの変更が反映されたままかわかりません。代わりにバックアップそのものから判断します。\n",
    } },
    [MSG_UNDO_RECORD_INCOMPLETE] = { {
        "Note: the record of changes %s does not list the backup %s, which was made after the record began: a change was not recorded. Going by the backups themselves instead.\n",
        "注意: 変更の記録 %s には、記録を始めた後に作られたバックアップ %s が載っていません。記録されなかった変更があります。代わりにバックアップそのものから判断します。\n",
    } },
    [MSG_UNDO_RECORD_ENDS] = { {
        "Note: every change in the record of changes %s has been undone or rolled back, and older backups are from before the record began. Going by those backups themselves.\n",
        "注意: 変更の記録 %s の変更はすべて元に戻されているか取り消されています。それより古いバックアップは記録を始める前のものなので、そのバックアップそのものから判断します。\n",
    } },
    [MSG_UNDO_FROM_BACKUP] = { {
        "The backups show that the last change kept was tlsswitch /%s, made %s (its backup: %s): undoing that change.\n",
        "バックアップによると、最後に反映された変更は tlsswitch /%s (%s に実行、バックアップ %s) です。この変更を元に戻します。\n",
    } },
    [MSG_UNDO_FROM_OTHER_FILE] = { {
        "The backups show that the last change kept came after %s: restoring that file.\n",
        "バックアップによると、最後に反映された変更は %s の後に行われています。このファイルに戻します。\n",
    } },
    [MSG_UNDO_BACKUP_PASSED_OVER] = { {
        "Note: %s is passed over: it cannot be read as a backup.\n",
        "注意: %s はバックアップとして読めないため、飛ばします。\n",
    } },
    [MSG_ERR_NOTHING_LEFT_TO_UNDO] = { {
        "Error: every change in the record of changes %s has been undone or was rolled back: there is no change left to undo.\n",
        "エラー: 変更の記録 %s の変更はすべて元に戻したか、取り消されています。元に戻す変更は残っていません。\n",
    } },
    [MSG_ERR_NO_BACKUP_DIFFERS] = { {
        "Error: the backups in %s show no change that was kept and not undone, so there is nothing to undo.\n",
        "エラー: %s のバックアップからは、反映されたままの変更が見つかりません。元に戻す変更はありません。\n",
    } },
    [MSG_ERR_UNDO_WITHOUT_BACKUP] = { {
        "Error: the last change that was kept, tlsswitch %s made %s, was made without a backup (/nobackup), so /undo cannot undo it. To go back further, restore a backup from %s with tlsswitch /restore FILE.\n",
        "エラー: 最後に反映された変更 (tlsswitch %s、%s に実行) はバックアップなし (/nobackup) で行われたため、/undo では元に戻せません。さらに前に戻すには、%s にあるバックアップを tlsswitch /restore ファイル で復元してください。\n",
    } },
    [MSG_ERR_UNDO_BACKUP_GONE] = { {
        "Error: the backup of the last change that was kept (tlsswitch %s, made %s) is no longer in %s: %s. Nothing was changed.\n",
        "エラー: 最後に反映された変更 (tlsswitch %s、%s に実行) のバックアップが %s にもうありません: %s。何も変更していません。\n",
    } },
    [MSG_WARN_RECORD_NOT_WRITTEN] = { {
        "Note: the record of changes %s could not be written (%s): a later /undo will go by the backups themselves.\n",
        "注意: 変更の記録 %s を書き込めませんでした (%s)。次の /undo はバックアップそのものから判断します。\n",
    } },
    [MSG_WARN_RECORD_SET_ASIDE] = { {
        "Note: the record of changes %s was damaged (line %u cannot be read); it is kept as %s, and a new record is begun.\n",
        "注意: 変更の記録 %s が壊れていました (%u 行目を読めない)。%s として残し、新しい記録を始めます。\n",
    } },
    [MSG_ERR_KEY_PERMISSIONS] = { {
        "Error: the permissions of the registry key HKLM\\%s forbid this change, even to an administrator. Nothing was changed.\n"
        "To allow it: run regedit, go to that key, right-click it and choose Permissions, select Administrators and tick Full Control under Allow; then run the command again. TLS Switch does not change permissions itself.\n",
        "エラー: レジストリ キー HKLM\\%s のアクセス許可により、管理者でもこの変更はできません。何も変更していません。\n"
        "変更できるようにするには: regedit を起動し、このキーを右クリックして「アクセス許可」を選び、Administrators を選んで「フル コントロール」の「許可」にチェックを付けてから、もう一度実行してください。TLS Switch がアクセス許可を変えることはありません。\n",
    } },
    [MSG_WARN_SECURITY_NOT_SET] = { {
        "Note: %u key(s) were put back with their values, but their saved permissions could not be set, the first HKLM\\%s (%s). Such a key has the permissions it inherits from the key above it; set its own in regedit (Permissions) if it needs them.\n",
        "注意: %u 個のキーを値とともに戻しましたが、保存してあったアクセス許可を設定できませんでした (最初のキー HKLM\\%s: %s)。このキーには上のキーから継承したアクセス許可が付いています。必要なら regedit の「アクセス許可」で設定してください。\n",
    } },
    [MSG_PLAN_CREATE_KEY_WITH_SECURITY] = { {
        "  create key HKLM\\%s, with its permissions saved in the backup\n",
        "  キーを作成 HKLM\\%s (バックアップに保存されたアクセス許可で)\n",
    } },
    [MSG_REGFILE_BAD_SECURITY] = { {
        "a key's saved permissions (\"; TLS Switch key security:\") must follow its key line, in one line of hex bytes of a valid security descriptor",
        "キーの保存されたアクセス許可 (\"; TLS Switch key security:\") は、キーの行の後に、正しいセキュリティ記述子の 16 進数のバイト列で 1 行に書く必要があります",
    } },
    [MSG_ERR_NO_MEMORY] = { {
        "Error: there is not enough memory (%s). Close some programs and try again.\n",
        "エラー: メモリが足りません (%s)。ほかのプログラムを終了してから、もう一度実行してください。\n",
    } },
    [MSG_GUI_CHANGE_HALF_DONE] = { {
        "The change failed half-way, and putting the old settings back failed too: the settings are half changed (exit code %d). TLS Switch reported:\n\n%s",
        "変更が途中で失敗し、元の設定に戻すのにも失敗しました。設定は一部だけ変更された状態です (終了コード %d)。TLS Switch からの報告:\n\n%s",
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
    [MSG_ERR_BAD_TARGET] = { {
        "Error: \"%s\" is not a server to test. Use smtps://host, smtp://host, pop3s://host, pop3://host, imaps://host, imap://host, https://host or host[:port].\n",
        "エラー: \"%s\" はテストできるサーバーの指定ではありません。smtps://ホスト、smtp://ホスト、pop3s://ホスト、pop3://ホスト、imaps://ホスト、imap://ホスト、https://ホスト、ホスト[:ポート] のどれかの形で指定してください。\n",
    } },
    [MSG_ERR_BAD_TIMEOUT] = { {
        "Error: /timeout takes a number of seconds from 1 to 300, not \"%s\".\n",
        "エラー: /timeout には 1 ～ 300 の秒数を指定してください (\"%s\" は使えません)。\n",
    } },
    [MSG_TEST_TITLE] = { {
        "TLS Switch %s: testing %s\n\n",
        "TLS Switch %s: %s をテストします\n\n",
    } },
    [MSG_TEST_DEFAULT_LINE] = { {
        "Default handshake (as older mail programs make it): %s\n",
        "既定のハンドシェイク (古いメールソフトと同じ方法): %s\n",
    } },
    [MSG_TEST_PROBES_TITLE] = { {
        "Each protocol on its own:\n",
        "プロトコルごとの結果:\n",
    } },
    [MSG_PROBE_WORKS] = { {
        "works",
        "接続できる",
    } },
    [MSG_PROBE_REFUSED] = { {
        "refused by the server",
        "サーバーが拒否",
    } },
    [MSG_PROBE_REGISTRY_OFF] = { {
        "turned off in the registry",
        "レジストリで無効",
    } },
    [MSG_PROBE_UNSUPPORTED] = { {
        "this Windows cannot do it",
        "この Windows は非対応",
    } },
    [MSG_PROBE_FAILED] = { {
        "failed: %s",
        "失敗: %s",
    } },
    [MSG_OUTCOME_OK] = { {
        "works",
        "接続できる",
    } },
    [MSG_OUTCOME_HOST_NOT_FOUND] = { {
        "host not found",
        "ホストが見つからない",
    } },
    [MSG_OUTCOME_REFUSED] = { {
        "connection refused",
        "接続を拒否された",
    } },
    [MSG_OUTCOME_CONNECT_TIMEOUT] = { {
        "no answer to the connection",
        "接続に応答がない",
    } },
    [MSG_OUTCOME_TIMEOUT] = { {
        "the server stopped answering",
        "サーバーの応答が止まった",
    } },
    [MSG_OUTCOME_CLOSED] = { {
        "the server closed the connection",
        "サーバーが接続を切った",
    } },
    [MSG_OUTCOME_PLAINTEXT] = { {
        "plain text instead of TLS",
        "TLS ではなく平文で応答",
    } },
    [MSG_OUTCOME_NOT_TLS] = { {
        "the answer is not TLS",
        "応答が TLS ではない",
    } },
    [MSG_OUTCOME_OVERSIZED] = { {
        "an oversized TLS record",
        "大きすぎる TLS レコード",
    } },
    [MSG_OUTCOME_ALERT] = { {
        "the server refused the handshake (TLS alert %d)",
        "サーバーがハンドシェイクを拒否 (TLS アラート %d)",
    } },
    [MSG_OUTCOME_NOTHING_TO_OFFER] = { {
        "no protocol left to offer",
        "使えるプロトコルがない",
    } },
    [MSG_OUTCOME_HANDSHAKE_ERROR] = { {
        "handshake error %s",
        "ハンドシェイクのエラー %s",
    } },
    [MSG_OUTCOME_STARTTLS_REFUSED] = { {
        "STARTTLS did not work",
        "STARTTLS が使えない",
    } },
    [MSG_OUTCOME_MAIL_FAILED] = { {
        "TLS works, but the mail server's answer was not good",
        "TLS は使えるが、メール サーバーの応答が正しくない",
    } },
    [MSG_OUTCOME_SYSTEM_ERROR] = { {
        "a Windows function failed (%s)",
        "Windows の関数が失敗 (%s)",
    } },
    [MSG_TEST_CONNECTION] = { {
        "Connection: %s, cipher %s (%lu bits), hash %s, key exchange %s\n",
        "接続: %s、暗号 %s (%lu ビット)、ハッシュ %s、鍵交換 %s\n",
    } },
    [MSG_TEST_CERTIFICATE] = { {
        "Certificate: %s\n  issued by: %s\n  valid from %s to %s\n  SHA-1 thumbprint: %s\n",
        "証明書: %s\n  発行者: %s\n  有効期間: %s ～ %s\n  SHA-1 拇印: %s\n",
    } },
    [MSG_TEST_CHAIN_OK] = { {
        "  check: trusted, and issued for %s\n",
        "  検証: 信頼できる証明書で、%s 用に発行されています\n",
    } },
    [MSG_TEST_CHAIN_BAD] = { {
        "  check: %s\n",
        "  検証: %s\n",
    } },
    [MSG_TEST_REPLY] = { {
        "Mail server's answer: %s\n",
        "メール サーバーの応答: %s\n",
    } },
    [MSG_TEST_DIAGNOSIS] = { {
        "\nWhat this means:\n",
        "\n診断:\n",
    } },
    [MSG_DIAG_OK] = { {
        "Mail over TLS works with this server (%s): the handshake succeeded and the mail server answered.\n",
        "このサーバーとは TLS でメールをやり取りできます (%s)。ハンドシェイクが成功し、メール サーバーも応答しました。\n",
    } },
    [MSG_DIAG_OK_NO_MAIL] = { {
        "TLS works with this server (%s).\n",
        "このサーバーとは TLS で接続できます (%s)。\n",
    } },
    [MSG_DIAG_HOST_NOT_FOUND] = { {
        "The server name %s was not found. Check the spelling of the server name in the mail program's account settings and in the provider's instructions.\n",
        "サーバー名 %s が見つかりません。メールソフトのアカウント設定とメール事業者の案内で、サーバー名のつづりを確かめてください。\n",
    } },
    [MSG_DIAG_REFUSED] = { {
        "%s refused the connection on port %s. The port is probably wrong for this connection type, or a firewall blocks it; check the port in the provider's instructions.\n",
        "%s がポート %s への接続を拒否しました。この接続方法ではポート番号が違うか、ファイアウォールが止めています。メール事業者の案内でポート番号を確かめてください。\n",
    } },
    [MSG_DIAG_CONNECT_TIMEOUT] = { {
        "%s did not answer on port %s within %u seconds. A firewall may block the port, or the server name or the port is wrong.\n",
        "%s はポート %s で %u 秒以内に応答しませんでした。ファイアウォールが止めているか、サーバー名かポート番号が違います。\n",
    } },
    [MSG_DIAG_PLAINTEXT] = { {
        "The server on port %s answered in plain text: it expects STARTTLS there, not TLS from the first byte. Test it as %s://%s:%s, and in the mail program choose STARTTLS (not SSL/TLS) for this port.\n",
        "ポート %s のサーバーは平文で応答しました。このポートでは最初から TLS ではなく STARTTLS を使います。%s://%s:%s としてテストし、メールソフトではこのポートに STARTTLS (SSL/TLS ではなく) を選んでください。\n",
    } },
    [MSG_DIAG_STARTTLS_REFUSED] = { {
        "The server did not accept STARTTLS (it answered: %s). Check that this port offers STARTTLS, or use the SSL/TLS port instead.\n",
        "サーバーが STARTTLS を受け付けませんでした (応答: %s)。このポートが STARTTLS に対応しているか確かめるか、SSL/TLS 用のポートを使ってください。\n",
    } },
    [MSG_DIAG_NOT_DEFAULT] = { {
        "This server accepts TLS 1.2, but this PC does not use TLS 1.2 by default, so older mail programs cannot connect. Fix: run tlsswitch /apply recommended as an administrator, then restart the mail program.\n",
        "このサーバーは TLS 1.2 を受け付けますが、このパソコンは TLS 1.2 を既定で使わないため、古いメールソフトは接続できません。対処: 管理者として tlsswitch /apply recommended を実行し、メールソフトを再起動してください。\n",
    } },
    [MSG_DIAG_RESTART] = { {
        "The registry already makes TLS 1.2 the default, but Windows still offers the old protocols: restart Windows so that the change takes effect.\n",
        "レジストリでは TLS 1.2 がすでに既定になっていますが、Windows はまだ古いプロトコルを使っています。変更を有効にするため Windows を再起動してください。\n",
    } },
    [MSG_DIAG_TLS12_OFF] = { {
        "TLS 1.2 is turned off in the registry (Enabled=0), and this server needs it. Fix: run tlsswitch /set tls1.2=on as an administrator.\n",
        "TLS 1.2 がレジストリで無効 (Enabled=0) になっていますが、このサーバーには必要です。対処: 管理者として tlsswitch /set tls1.2=on を実行してください。\n",
    } },
    [MSG_DIAG_NO_TLS12_XP] = { {
        "This Windows cannot do TLS 1.2, which this server needs. On Windows XP, set the POSReady 2009 flag and install update KB4019276, then run tlsswitch /apply recommended.\n",
        "このサーバーに必要な TLS 1.2 に、この Windows は対応していません。Windows XP では POSReady 2009 のフラグを設定して更新 KB4019276 を入れ、tlsswitch /apply recommended を実行してください。\n",
    } },
    [MSG_DIAG_NO_TLS12_VISTA] = { {
        "This Windows cannot do TLS 1.2, which this server needs. On Windows Vista SP2, install update KB4019276, then run tlsswitch /apply recommended.\n",
        "このサーバーに必要な TLS 1.2 に、この Windows は対応していません。Windows Vista SP2 では更新 KB4019276 を入れ、tlsswitch /apply recommended を実行してください。\n",
    } },
    [MSG_DIAG_NO_TLS12] = { {
        "This Windows cannot do TLS 1.2, which this server needs.\n",
        "このサーバーに必要な TLS 1.2 に、この Windows は対応していません。\n",
    } },
    [MSG_DIAG_NO_SHARED_CIPHER] = { {
        "TLS 1.2 works on both sides, but they share no cipher suite: the server offers only suites this Windows lacks (Windows XP has no ECDHE and no AES-GCM suites). This Windows cannot reach this server by itself: use a mail program with its own TLS (Thunderbird, Sylpheed) or a local TLS proxy.\n",
        "TLS 1.2 は両側で使えますが、共通の暗号スイートがありません。サーバーはこの Windows にないスイートだけを提供しています (Windows XP には ECDHE と AES-GCM のスイートがありません)。この Windows だけではこのサーバーにつながりません。独自の TLS を持つメールソフト (Thunderbird、Sylpheed) か、ローカルの TLS プロキシを使ってください。\n",
    } },
    [MSG_DIAG_CERT_UNTRUSTED] = { {
        "The server's certificate is not trusted: this Windows does not know its root certificate (issuer: %s). On Windows XP the root certificates are often out of date: install Microsoft's root certificate update. If the issuer is unknown to you, do not send your password.\n",
        "サーバーの証明書が信頼されていません。この Windows はそのルート証明書を知りません (発行者: %s)。Windows XP ではルート証明書が古いことがよくあります。Microsoft のルート証明書の更新を入れてください。発行者に心当たりがなければ、パスワードを送らないでください。\n",
    } },
    [MSG_DIAG_CERT_EXPIRED] = { {
        "The server's certificate has expired (valid until %s). Only the provider can fix this: tell them.\n",
        "サーバーの証明書の期限が切れています (%s まで有効)。直せるのはメール事業者だけです。知らせてください。\n",
    } },
    [MSG_DIAG_CERT_NAME] = { {
        "The server's certificate is not issued for %s (it is for %s). Use the server name the provider gives for mail.\n",
        "サーバーの証明書は %s 用に発行されていません (%s 用です)。メール事業者が案内するサーバー名を使ってください。\n",
    } },
    [MSG_DIAG_CERT_OTHER] = { {
        "The server's certificate failed the check: %s\n",
        "サーバーの証明書の検証に失敗しました: %s\n",
    } },
    [MSG_DIAG_INTERCEPTED] = { {
        "The connection is intercepted by %s (the certificate is issued by \"%s\"): its mail shield makes the TLS connection for the mail program, so its own TLS settings decide, not these. Update it, or turn off its mail scanning.\n",
        "この接続は %s に中継されています (証明書の発行者: \"%s\")。そのメール保護機能がメールソフトの代わりに TLS 接続をするため、ここの設定ではなくその製品の TLS 設定で決まります。製品を更新するか、メールのスキャンを止めてください。\n",
    } },
    [MSG_DIAG_MAIL_FAILED] = { {
        "TLS works, but the mail server did not answer as a mail server should (it said: %s). Check the port and the connection type.\n",
        "TLS は使えますが、メール サーバーの応答が正しくありません (応答: %s)。ポート番号と接続方法を確かめてください。\n",
    } },
    [MSG_DIAG_TIMEOUT] = { {
        "The server stopped answering in the middle of the connection (nothing for %u seconds). It may be overloaded, or something between blocks the connection.\n",
        "サーバーが接続の途中で応答しなくなりました (%u 秒間何もありません)。サーバーが混んでいるか、途中で接続が妨げられています。\n",
    } },
    [MSG_DIAG_CLOSED] = { {
        "The server closed the connection during the handshake, with every protocol this PC can offer.\n",
        "このパソコンが使えるどのプロトコルでも、サーバーがハンドシェイクの途中で接続を切りました。\n",
    } },
    [MSG_DIAG_NOT_TLS] = { {
        "The server's answer is neither TLS nor a mail greeting. Check the port.\n",
        "サーバーの応答は TLS でもメールの挨拶でもありません。ポート番号を確かめてください。\n",
    } },
    [MSG_DIAG_OVERSIZED] = { {
        "The server sent a TLS record larger than TLS allows: this is not a normal mail server. Check the server name and the port.\n",
        "サーバーが TLS の上限より大きいレコードを送ってきました。通常のメール サーバーではありません。サーバー名とポート番号を確かめてください。\n",
    } },
    [MSG_DIAG_HANDSHAKE] = { {
        "The TLS handshake failed: %s\n",
        "TLS のハンドシェイクに失敗しました: %s\n",
    } },
    [MSG_VERDICT_OK_LINE] = { {
        "OK: %s\n",
        "OK: %s\n",
    } },
    [MSG_VERDICT_FAILED_LINE] = { {
        "FAILED\n",
        "FAILED\n",
    } },
    [MSG_VERDICT_FAILED_PROTOCOL] = { {
        "FAILED: %s\n",
        "FAILED: %s\n",
    } },
    /* The window (src/gui). */
    [MSG_DIAG_NOT_DEFAULT_WINDOW] = { {
        "This server accepts TLS 1.2, but this PC does not use TLS 1.2 by default, so older mail programs cannot connect. Fix: click \"Fix it (recommended)\" in the main window, then restart the mail program.\n",
        "このサーバーは TLS 1.2 を受け付けますが、このパソコンは TLS 1.2 を既定で使わないため、古いメールソフトは接続できません。対処: メイン画面の「修正する (推奨)」を押し、メールソフトを再起動してください。\n",
    } },
    [MSG_DIAG_TLS12_OFF_WINDOW] = { {
        "TLS 1.2 is turned off in the registry (Enabled=0), and this server needs it. Fix: click \"Fix it (recommended)\" in the main window.\n",
        "TLS 1.2 がレジストリで無効 (Enabled=0) になっていますが、このサーバーには必要です。対処: メイン画面の「修正する (推奨)」を押してください。\n",
    } },
    [MSG_DIAG_NO_TLS12_XP_WINDOW] = { {
        "This Windows cannot do TLS 1.2, which this server needs. On Windows XP, set the POSReady 2009 flag and install update KB4019276, then click \"Fix it (recommended)\".\n",
        "このサーバーに必要な TLS 1.2 に、この Windows は対応していません。Windows XP では POSReady 2009 のフラグを設定して更新 KB4019276 を入れ、「修正する (推奨)」を押してください。\n",
    } },
    [MSG_DIAG_NO_TLS12_VISTA_WINDOW] = { {
        "This Windows cannot do TLS 1.2, which this server needs. On Windows Vista SP2, install update KB4019276, then click \"Fix it (recommended)\".\n",
        "このサーバーに必要な TLS 1.2 に、この Windows は対応していません。Windows Vista SP2 では更新 KB4019276 を入れ、「修正する (推奨)」を押してください。\n",
    } },
    [MSG_GUI_STATE_GOOD] = { {
        "This PC uses TLS 1.2 by default. Older mail programs can use it.",
        "このパソコンは TLS 1.2 を既定で使います。古いメールソフトでも使えます。",
    } },
    [MSG_GUI_STATE_NEEDS_FIX] = { {
        "Older mail programs on this PC cannot use TLS 1.2, which many providers require since 2022. Click \"Fix it\" to change that.",
        "このパソコンの古いメールソフトは TLS 1.2 を使えません。2022 年ごろから多くのメール事業者が TLS 1.2 を必須にしています。「修正する」を押すと直せます。",
    } },
    [MSG_GUI_STATE_OFF] = { {
        "TLS 1.2 is turned off on this PC, so no program can use it. Click \"Fix it\" to turn it on.",
        "このパソコンでは TLS 1.2 が無効になっていて、どのプログラムも使えません。「修正する」を押すと有効になります。",
    } },
    [MSG_GUI_STATE_UNKNOWN] = { {
        "TLS Switch could not read the settings of this PC.",
        "このパソコンの設定を読み取れませんでした。",
    } },
    [MSG_GUI_NOT_ADMIN_XP] = { {
        "You are not logged on as an administrator, so TLS Switch cannot change these settings. Log on with an administrator account and start TLS Switch again.",
        "管理者としてログオンしていないため、設定を変更できません。管理者のアカウントでログオンし直してから、TLS Switch をもう一度起動してください。",
    } },
    [MSG_GUI_FIX] = { {
        "&Fix it (recommended)",
        "修正する (推奨)(&F)",
    } },
    [MSG_GUI_TEST] = { {
        "&Test my mail server...",
        "メール サーバーをテスト(&T)...",
    } },
    [MSG_GUI_ADVANCED] = { {
        "&Advanced...",
        "詳細設定(&A)...",
    } },
    [MSG_GUI_CLOSE] = { {
        "&Close",
        "閉じる(&C)",
    } },
    [MSG_GUI_CONFIRM_CHANGE] = { {
        "TLS Switch will make these changes:\n\n%s\nThe current settings are saved to a backup first, so you can undo this later.\n\nContinue?",
        "TLS Switch は次の変更を行います:\n\n%s\n変更の前に今の設定をバックアップに保存するので、後で元に戻せます。\n\n続けますか?",
    } },
    [MSG_GUI_CHANGE_DONE] = { {
        "Done. The old settings are saved in a backup.\n\nNext: close your mail program and start it again. If mail still fails, restart Windows.",
        "完了しました。元の設定はバックアップに保存してあります。\n\n次に、メールソフトを終了して起動し直してください。それでもメールが使えないときは Windows を再起動してください。",
    } },
    [MSG_GUI_OFFER_TEST] = { {
        "\n\nTest your mail server now?",
        "\n\n今すぐメール サーバーをテストしますか?",
    } },
    [MSG_GUI_CHANGE_FAILED] = { {
        "The change was not made (exit code %d). TLS Switch reported:\n\n%s",
        "変更できませんでした (終了コード %d)。TLS Switch からの報告:\n\n%s",
    } },
    [MSG_GUI_ELEVATION_REFUSED] = { {
        "Windows did not give TLS Switch administrator rights, so nothing was changed.",
        "Windows が TLS Switch に管理者の権限を与えなかったため、何も変更していません。",
    } },
    [MSG_GUI_TEST_TITLE] = { {
        "Test my mail server - TLS Switch",
        "メール サーバーのテスト - TLS Switch",
    } },
    [MSG_GUI_SERVER_LABEL] = { {
        "&Incoming mail server (receiving):",
        "受信メール サーバー(&I):",
    } },
    [MSG_GUI_KIND_LABEL] = { {
        "Connection &type:",
        "接続の種類(&K):",
    } },
    [MSG_GUI_PORT_LABEL] = { {
        "&Port:",
        "ポート(&P):",
    } },
    [MSG_GUI_KIND_SMTPS] = { {
        "SMTP (sending) with SSL, port 465",
        "SMTP (送信) SSL、ポート 465",
    } },
    [MSG_GUI_KIND_SMTP_STARTTLS] = { {
        "SMTP (sending) with STARTTLS, port 587",
        "SMTP (送信) STARTTLS、ポート 587",
    } },
    [MSG_GUI_KIND_POP3S] = { {
        "POP3 (receiving) with SSL, port 995",
        "POP3 (受信) SSL、ポート 995",
    } },
    [MSG_GUI_KIND_POP3_STARTTLS] = { {
        "POP3 (receiving) with STARTTLS, port 110",
        "POP3 (受信) STARTTLS、ポート 110",
    } },
    [MSG_GUI_KIND_IMAPS] = { {
        "IMAP (receiving) with SSL, port 993",
        "IMAP (受信) SSL、ポート 993",
    } },
    [MSG_GUI_KIND_IMAP_STARTTLS] = { {
        "IMAP (receiving) with STARTTLS, port 143",
        "IMAP (受信) STARTTLS、ポート 143",
    } },
    [MSG_GUI_START_TEST] = { {
        "&Start test",
        "テスト開始(&S)",
    } },
    [MSG_GUI_STOP_TEST] = { {
        "St&op",
        "中止(&O)",
    } },
    [MSG_GUI_RESULT_LABEL] = { {
        "Result:",
        "結果:",
    } },
    [MSG_GUI_DETAILS_LABEL] = { {
        "&Details, to send to someone who helps you:",
        "詳細(&D) (手伝ってくれる人に送るとき用):",
    } },
    [MSG_GUI_COPY] = { {
        "Cop&y details",
        "詳細をコピー(&Y)",
    } },
    [MSG_GUI_TEST_RUNNING] = { {
        "Testing %s ... this can take up to %u seconds.",
        "%s をテストしています... 最長で %u 秒かかります。",
    } },
    [MSG_GUI_TEST_STOPPED] = { {
        "The test was stopped.",
        "テストを中止しました。",
    } },
    [MSG_GUI_NEED_SERVER] = { {
        "Type the name of your incoming or outgoing mail server first, for example pop.example.com, or find the settings from your mail address.",
        "先に受信か送信のメール サーバーの名前を入力してください (例: pop.example.com)。メール アドレスから設定を調べることもできます。",
    } },
    [MSG_GUI_BAD_SERVER] = { {
        "TLS Switch cannot test \"%s\". Type only the server name, for example smtp.example.com.",
        "「%s」はテストできません。サーバーの名前だけを入力してください (例: smtp.example.com)。",
    } },
    [MSG_GUI_BAD_PORT] = { {
        "The port must be a number from 1 to 65535.",
        "ポートは 1 から 65535 までの数字で指定してください。",
    } },
    [MSG_GUI_ADVANCED_TITLE] = { {
        "Advanced - TLS Switch",
        "詳細設定 - TLS Switch",
    } },
    [MSG_GUI_PROTOCOLS_LABEL] = { {
        "Pro&tocols on this PC:",
        "このパソコンのプロトコル(&T):",
    } },
    [MSG_GUI_SETTING_LABEL] = { {
        "&Setting for the selected protocol:",
        "選んだプロトコルの設定(&S):",
    } },
    [MSG_GUI_TARGET_ON] = { {
        "On, used by default",
        "有効、既定で使う",
    } },
    [MSG_GUI_TARGET_OPTIN] = { {
        "On, only when a program asks",
        "有効、プログラムが求めた時だけ",
    } },
    [MSG_GUI_TARGET_OFF] = { {
        "Off",
        "無効",
    } },
    [MSG_GUI_TARGET_DEFAULT] = { {
        "Windows' default (remove the values)",
        "Windows の既定 (値を削除)",
    } },
    [MSG_GUI_SET] = { {
        "Appl&y setting",
        "設定を適用(&Y)",
    } },
    [MSG_GUI_PROFILE_LABEL] = { {
        "&Profile:",
        "プロファイル(&P):",
    } },
    [MSG_GUI_PROFILE_RECOMMENDED] = { {
        "Recommended: TLS 1.1 and 1.2 by default, SSL off",
        "推奨: TLS 1.1 と 1.2 を既定で使い、SSL は無効",
    } },
    [MSG_GUI_PROFILE_TLS12ONLY] = { {
        "TLS 1.2 only: all older protocols off",
        "TLS 1.2 のみ: 古いプロトコルはすべて無効",
    } },
    [MSG_GUI_PROFILE_OSDEFAULT] = { {
        "Windows' defaults: remove all these settings",
        "Windows の既定: これらの設定をすべて削除",
    } },
    [MSG_GUI_APPLY_PROFILE] = { {
        "&Apply profile",
        "プロファイルを適用(&A)",
    } },
    [MSG_GUI_RESTORE] = { {
        "&Restore from file...",
        "ファイルから復元(&R)...",
    } },
    [MSG_GUI_UNDO] = { {
        "&Undo last change",
        "変更を元に戻す(&U)",
    } },
    [MSG_GUI_OPEN_BACKUPS] = { {
        "Open &backups folder",
        "バックアップを開く(&B)",
    } },
    [MSG_GUI_REG_FILES] = { {
        "Registry files (*.reg)",
        "レジストリ ファイル (*.reg)",
    } },
    [MSG_GUI_SELECT_PROTOCOL] = { {
        "Select a protocol in the list first.",
        "先に一覧からプロトコルを選んでください。",
    } },
    [MSG_GUI_PROTOCOL_CHANGE] = { {
        "  %s: %s (now: %s)\n",
        "  %s: %s (現在: %s)\n",
    } },
    [MSG_OUTCOME_BAD_TLS] = { {
        "a malformed TLS answer",
        "不正な TLS の応答",
    } },
    [MSG_DIAG_BAD_TLS] = { {
        "The server's TLS answer is malformed or out of order: this is not a normal mail server, or something between changes the connection. Check the server name and the port.\n",
        "サーバーの TLS の応答が壊れているか、順序が正しくありません。通常のメール サーバーではないか、途中で接続が書き換えられています。サーバー名とポート番号を確かめてください。\n",
    } },
    [MSG_SIM_SECTION] = { {
        "\nWhich Windows can use this server (simulated, with TLS 1.2 used by default):\n",
        "\nこのサーバーを使える Windows (模擬接続、TLS 1.2 を既定で使う場合):\n",
    } },
    [MSG_SIM_YES] = { {
        "yes: %s, %s",
        "使える: %s、%s",
    } },
    [MSG_SIM_NO_SUITE] = { {
        "no: no cipher suite in common",
        "使えない: 共通の暗号スイートがない",
    } },
    [MSG_SIM_NO_VERSION] = { {
        "no: the server wants a newer TLS version",
        "使えない: サーバーがより新しい TLS を求めている",
    } },
    [MSG_SIM_NO_CERTIFICATE] = { {
        "no: it cannot use the server's %s certificate",
        "使えない: サーバーの %s 証明書を扱えない",
    } },
    [MSG_SIM_BROKE_RULES] = { {
        "no: the server chose %s, %s, which was never offered",
        "使えない: サーバーが提示していない %s、%s を選んだ",
    } },
    [MSG_SIM_OTHER_ALERT] = { {
        "no: the server refused (TLS alert %d)",
        "使えない: サーバーが拒否 (TLS アラート %d)",
    } },
    [MSG_SIM_NOT_TESTED] = { {
        "not known: %s",
        "不明: %s",
    } },
    [MSG_SIM_NO_SUITES_LEFT] = { {
        "no: the registry's cipher settings leave it no cipher suite",
        "使えない: レジストリの暗号の設定で使える暗号スイートがない",
    } },
    [MSG_SIM_THIS_PC] = { {
        "This PC (%s, with the cipher settings in its registry):",
        "このパソコン (%s、レジストリの暗号の設定を反映):",
    } },
    [MSG_SIM_OWN_HELLO] = { {
        "This PC's Schannel offers %s by default, with %u cipher suites (read from its own ClientHello).\n",
        "このパソコンの Schannel は既定で %s を使い、暗号スイートは %u 個です (自身の ClientHello より)。\n",
    } },
    [MSG_SIM_OWN_SAME] = { {
        "  These are the suites of the table for %s.\n",
        "  %s の表と同じ暗号スイートです。\n",
    } },
    [MSG_SIM_OWN_EXTRA] = { {
        "  Not in the table for %s (%u):\n",
        "  %s の表にないもの (%u 個):\n",
    } },
    [MSG_SIM_OWN_MISSING] = { {
        "  In the table for %s, but not offered here (%u):\n",
        "  %s の表にあって、ここにないもの (%u 個):\n",
    } },
    [MSG_SIM_OWN_RESULT] = { {
        "  This ClientHello, simulated: %s\n",
        "  この ClientHello での模擬接続: %s\n",
    } },
    [MSG_SIM_OWN_STRONGER] = { {
        "  This PC's own handshake can succeed where %s's cannot: the verdict below is %s's.\n",
        "  このパソコン自身のハンドシェイクは、%s では失敗する場合にも成功することがあります。以下の判定は %s のものです。\n",
    } },
    [MSG_NEEDS_TLS13] = { {
        "TLS 1.3",
        "TLS 1.3",
    } },
    [MSG_NEEDS_ECDHE] = { {
        "ECDHE key exchange",
        "ECDHE 鍵交換",
    } },
    [MSG_NEEDS_DHE] = { {
        "DHE key exchange",
        "DHE 鍵交換",
    } },
    [MSG_NEEDS_GCM] = { {
        "AES-GCM",
        "AES-GCM",
    } },
    [MSG_NEEDS_CHACHA20] = { {
        "ChaCha20-Poly1305",
        "ChaCha20-Poly1305",
    } },
    [MSG_NEEDS_ECDSA] = { {
        "an ECDSA certificate",
        "ECDSA 証明書",
    } },
    [MSG_LIST_SEPARATOR] = { {
        ", ",
        "、",
    } },
    [MSG_DIAG_CANNOT_SUITES] = { {
        "%s cannot use this server, and no registry setting can change that: the server accepts only cipher suites that %s does not have. Offered every suite, it chose %s, which needs %s.\n",
        "%s ではこのサーバーを使えません。レジストリの設定では変えられません。サーバーは %s にない暗号スイートしか受け付けません。すべてのスイートを提示すると %s を選びました。これには %s が必要です。\n",
    } },
    [MSG_DIAG_CANNOT_SUITES_UNKNOWN] = { {
        "%s cannot use this server, and no registry setting can change that: the server accepts none of the cipher suites %s has.\n",
        "%s ではこのサーバーを使えません。レジストリの設定では変えられません。サーバーは %s の暗号スイートをどれも受け付けません。\n",
    } },
    [MSG_DIAG_CANNOT_VERSION] = { {
        "%s cannot use this server, and no registry setting can change that: the server accepts only TLS versions newer than %s can speak (%s).\n",
        "%s ではこのサーバーを使えません。レジストリの設定では変えられません。サーバーは %s が使えるより新しい TLS (%s) しか受け付けません。\n",
    } },
    [MSG_DIAG_CANNOT_CERTIFICATE] = { {
        "%s cannot use this server, and no registry setting can change that: the server's certificate uses %s, which %s cannot check.\n",
        "%s ではこのサーバーを使えません。レジストリの設定では変えられません。サーバーの証明書は %s を使っていて、%s はこれを検証できません。\n",
    } },
    [MSG_DIAG_INSTEAD] = { {
        "What works instead: a mail program with its own TLS that still runs on %s, such as Thunderbird (52.9.1 is the last version for XP and Vista) or Sylpheed 3.7; TLS Switch's own relay on this PC (below); or ask the provider for a server or port that still accepts older mail programs.\n",
        "代わりの方法: %s でも動く、独自の TLS を持つメールソフト (Thunderbird (XP と Vista 用の最終版は 52.9.1)、Sylpheed 3.7 など) を使う、このパソコンで TLS Switch の中継を使う (下記)、または古いメールソフトでも接続できるサーバーやポートがないかメール事業者に問い合わせる。\n",
    } },
    [MSG_DIAG_BROKE_RULES] = { {
        "The server answered with %s, %s, which was never offered: it is broken, or something between changes the connection.\n",
        "サーバーは提示していない %s、%s で応答しました。サーバーが壊れているか、途中で接続が書き換えられています。\n",
    } },
    [MSG_DIAG_SIM_ALERT] = { {
        "The server refused the handshake of %s (TLS alert %d).\n",
        "サーバーが %s のハンドシェイクを拒否しました (TLS アラート %d)。\n",
    } },
    [MSG_DIAG_CIPHERS_OFF] = { {
        "%s cannot use this server with the cipher settings in this PC's registry: they turn off what the server needs (tlsswitch /status lists them under \"Cipher settings\"). Without them it would use %s. An administrator can delete those values.\n",
        "このパソコンのレジストリにある暗号の設定のため、%s ではこのサーバーを使えません。サーバーに必要なものが無効になっています (tlsswitch /status の「暗号の設定」に一覧があります)。その設定がなければ %s を使えます。管理者がその値を削除できます。\n",
    } },
    [MSG_DIAG_CIPHERS_OFF_ALL] = { {
        "The cipher settings in this PC's registry leave %s no cipher suite at all (tlsswitch /status lists them under \"Cipher settings\"). An administrator can delete those values.\n",
        "このパソコンのレジストリにある暗号の設定のため、%s には使える暗号スイートがありません (tlsswitch /status の「暗号の設定」に一覧があります)。管理者がその値を削除できます。\n",
    } },
    [MSG_AS_TITLE] = { {
        "TLS Switch %s: testing %s as %s would connect (simulated, with TLS 1.2 used by default; this PC's Schannel is not used)\n\n",
        "TLS Switch %s: %s を %s と同じ方法でテストします (模擬接続、TLS 1.2 を既定で使う場合。このパソコンの Schannel は使いません)\n\n",
    } },
    [MSG_AS_OFFERED] = { {
        "Offered: %s, %u cipher suites:\n",
        "提示: %s、暗号スイート %u 個:\n",
    } },
    [MSG_AS_ANSWER] = { {
        "Result: %s\n",
        "結果: %s\n",
    } },
    [MSG_AS_CERTIFICATE] = { {
        "Server's certificate: %s key, signed with %s\n",
        "サーバーの証明書: %s 鍵、%s で署名\n",
    } },
    [MSG_AS_CERTIFICATE_BITS] = { {
        "Server's certificate: %s key of %u bits, signed with %s\n",
        "サーバーの証明書: %s 鍵 (%u ビット)、%s で署名\n",
    } },
    [MSG_DIAG_AS_OK] = { {
        "%s can use this server: %s with %s.\n",
        "%s はこのサーバーを使えます: %s、%s。\n",
    } },
    [MSG_DIAG_AS_NEEDS_DEFAULT] = { {
        "Older mail programs there need TLS 1.2 used by default: run tlsswitch /apply recommended on that PC.\n",
        "そのパソコンの古いメールソフトには、TLS 1.2 を既定で使う設定が必要です。そのパソコンで tlsswitch /apply recommended を実行してください。\n",
    } },
    [MSG_DIAG_AS_CERT_NOT_CHECKED] = { {
        "The server's certificate is not checked here (in TLS 1.3 it travels encrypted), nor whether that PC trusts it.\n",
        "サーバーの証明書はここでは確かめていません (TLS 1.3 では暗号化されて届きます)。そのパソコンが信頼するかどうかも確かめていません。\n",
    } },
    [MSG_ERR_BAD_WINDOWS] = { {
        "Error: unknown Windows \"%s\" for /as; use xp, 2003, vista, 7, 8.1, 10 or 11.\n",
        "エラー: /as に Windows \"%s\" は指定できません。xp、2003、vista、7、8.1、10、11 のどれかを指定してください。\n",
    } },
    [MSG_STATUS_CIPHERS_TITLE] = { {
        "\nCipher settings (SCHANNEL\\Ciphers, Hashes, KeyExchangeAlgorithms and the cipher suite order policy):\n",
        "\n暗号の設定 (SCHANNEL\\Ciphers、Hashes、KeyExchangeAlgorithms と暗号スイートの順序のポリシー):\n",
    } },
    [MSG_STATUS_CIPHERS_NONE] = { {
        "  Nothing is turned off: %s offers its %u cipher suites.\n",
        "  無効にされたものはありません。%s は %u 個の暗号スイートを使います。\n",
    } },
    [MSG_STATUS_CIPHER_OFF] = { {
        "  %s\\%s Enabled=0: removes %u of %s's cipher suites\n",
        "  %s\\%s Enabled=0: 暗号スイートを %u 個除きます (%s の場合)\n",
    } },
    [MSG_STATUS_CIPHER_ORDER] = { {
        "  Cipher suite order policy (HKLM\\%s, Functions): %u suites named; %s offers only those, in that order\n",
        "  暗号スイートの順序のポリシー (HKLM\\%s、Functions): %u 個を指定。%s はそれだけをその順で使います\n",
    } },
    [MSG_STATUS_CIPHER_ORDER_IGNORED] = { {
        "  Cipher suite order policy (HKLM\\%s, Functions): %u suites named; %s does not read it\n",
        "  暗号スイートの順序のポリシー (HKLM\\%s、Functions): %u 個を指定。%s はこれを読みません\n",
    } },
    [MSG_STATUS_CIPHERS_LEFT] = { {
        "  With these settings %s offers %u of its %u cipher suites.\n",
        "  この設定で %s が使う暗号スイートは %u 個 (本来 %u 個) です。\n",
    } },
    [MSG_GUI_AS_LABEL] = { {
        "Test &as (the way this Windows connects):",
        "テストする Windows(&A) (この Windows と同じ方法で接続):",
    } },
    [MSG_GUI_AS_THIS_PC] = { {
        "This PC",
        "このパソコン",
    } },
    [MSG_AS_EVERYTHING] = { {
        "Offered every suite, the server: %s\n",
        "すべてのスイートを提示した場合のサーバー: %s\n",
    } },
    [MSG_NEEDS_CCM] = { {
        "AES-CCM",
        "AES-CCM",
    } },
    [MSG_DIAG_CANNOT_SUITES_COMBINATION] = { {
        "%s cannot use this server, and no registry setting can change that: the server accepts only cipher suites that %s does not have. Offered every suite, it chose %s, a combination %s does not have.\n",
        "%s ではこのサーバーを使えません。レジストリの設定では変えられません。サーバーは %s にない暗号スイートしか受け付けません。すべてのスイートを提示すると %s を選びました。%s にはこの組み合わせがありません。\n",
    } },
    [MSG_REGFILE_BAD_CONTINUATION] = { {
        "the hex data goes on from the line before, but this line does not go on with hex bytes",
        "前の行から hex のデータが続いていますが、この行は 16 進のバイトで続いていません",
    } },
    [MSG_REGFILE_EMPTY_HEX_TEXT] = { {
        "text data written in hex (hex(1), hex(2) or hex(7)) with a comment but no bytes: regedit stops importing at such a line",
        "16 進で書いた文字列データ (hex(1)、hex(2)、hex(7)) にコメントだけがあってバイトがありません。regedit はこのような行で読み込みを止めます",
    } },
    [MSG_ERR_TOO_MANY_TARGETS] = { {
        "Error: one /test takes at most 8 servers; \"%s\" is one too many.\n",
        "エラー: 一度の /test で指定できるサーバーは 8 つまでです。\"%s\" は多すぎます。\n",
    } },
    [MSG_ERR_FIND_ONE_NAME] = { {
        "Error: /find searches from one server name or mail address; \"%s\" is a second one.\n",
        "エラー: /find で調べるのは一つのサーバー名かメールアドレスだけです。\"%s\" は二つ目です。\n",
    } },
    [MSG_ERR_FIND_WITH_AS] = { {
        "Error: /find searches as this PC connects; it does not go with /as.\n",
        "エラー: /find はこのパソコンからの接続で調べます。/as と一緒には使えません。\n",
    } },
    [MSG_ERR_BAD_FIND_NAME] = { {
        "Error: \"%s\" is neither a server name (mail.example.jp) nor a mail address (taro@example.jp) for /find.\n",
        "エラー: \"%s\" は /find に使えるサーバー名 (mail.example.jp) でもメールアドレス (taro@example.jp) でもありません。\n",
    } },
    [MSG_FIND_HEADING_NAME] = { {
        "Mail settings for %s, as this PC (%s) connects:\n",
        "%s のメール設定 (このパソコン %s からの接続):\n",
    } },
    [MSG_FIND_HEADING_ADDRESS] = { {
        "Mail settings for %s, from the usual server names of its domain, as this PC (%s) connects:\n",
        "%s のメール設定 (ドメインのよくあるサーバー名で調べた結果、このパソコン %s からの接続):\n",
    } },
    [MSG_FIND_WORKS] = { {
        "works (%s, %s)",
        "使える (%s、%s)",
    } },
    [MSG_FIND_AFTER_FIX] = { {
        "works after tlsswitch /apply recommended (%s, %s)",
        "tlsswitch /apply recommended の後なら使える (%s、%s)",
    } },
    [MSG_FIND_CANNOT] = { {
        "%s cannot use it, whatever the settings (%s)",
        "%s では設定を変えても使えない (%s)",
    } },
    [MSG_FIND_NO_TLS] = { {
        "answers, but not with TLS this way (%s)",
        "応答はあるが、この方式では TLS にならない (%s)",
    } },
    [MSG_FIND_CLOSED] = { {
        "closed (connection refused)",
        "閉じている (接続を拒否)",
    } },
    [MSG_FIND_NO_ANSWER] = { {
        "no answer within the time limit",
        "制限時間内に応答なし",
    } },
    [MSG_FIND_NO_NAME] = { {
        "no such server name",
        "このサーバー名は存在しない",
    } },
    [MSG_FIND_NOT_TRIED] = { {
        "not tried (the search makes at most %d connections)",
        "試していない (調べる接続は最大 %d 回まで)",
    } },
    [MSG_FIND_CERT_NAME] = { {
        "; but its certificate is for another name: the mail program will warn",
        "。ただし証明書が別の名前用のため、メールソフトが警告を出す",
    } },
    [MSG_FIND_CERT_UNTRUSTED] = { {
        "; but this PC does not trust its certificate: the mail program will warn",
        "。ただしこのパソコンはその証明書を信頼していないため、メールソフトが警告を出す",
    } },
    [MSG_FIND_CERT_EXPIRED] = { {
        "; but its certificate has expired: the mail program will warn",
        "。ただし証明書の期限が切れているため、メールソフトが警告を出す",
    } },
    [MSG_FIND_CERT_OTHER] = { {
        "; but its certificate check failed (%s): the mail program will warn",
        "。ただし証明書の確認に失敗したため (%s)、メールソフトが警告を出す",
    } },
    [MSG_FIND_SETTINGS] = { {
        "\nSettings to type into the mail program:\n",
        "\nメールソフトに入力する設定:\n",
    } },
    [MSG_FIND_INCOMING] = { {
        "  Incoming mail (receiving): %s, server %s, port %s, %s",
        "  受信メール: %s、サーバー %s、ポート %s、%s",
    } },
    [MSG_FIND_OUTGOING] = { {
        "  Outgoing mail (sending): %s, server %s, port %s, %s, the server requires authentication (the same user name and password)",
        "  送信メール: %s、サーバー %s、ポート %s、%s、送信サーバーの認証あり (受信と同じユーザー名とパスワード)",
    } },
    [MSG_FIND_SSL_ON] = { {
        "SSL/TLS on (\"This server requires a secure connection (SSL)\")",
        "SSL/TLS を使う (「このサーバーはセキュリティで保護された接続 (SSL) が必要」)",
    } },
    [MSG_FIND_STARTTLS] = { {
        "STARTTLS (some programs call it TLS)",
        "STARTTLS (ソフトによっては TLS と表示)",
    } },
    [MSG_FIND_AFTER_FIX_NOTE] = { {
        ", after tlsswitch /apply recommended",
        "。ただし tlsswitch /apply recommended の後",
    } },
    [MSG_FIND_NO_INCOMING] = { {
        "  Incoming mail (receiving): no way works from this PC\n",
        "  受信メール: このパソコンから使える方式はありません\n",
    } },
    [MSG_FIND_NO_OUTGOING] = { {
        "  Outgoing mail (sending): no way works from this PC\n",
        "  送信メール: このパソコンから使える方式はありません\n",
    } },
    [MSG_FIND_CHECK_WITH_TEST] = { {
        "These come from simulated handshakes as this PC makes them; tlsswitch /test checks a setting with Schannel itself.\n",
        "この結果はこのパソコンと同じ方法での模擬ハンドシェイクによるものです。tlsswitch /test で Schannel 自身による確認ができます。\n",
    } },
    [MSG_TEST_ALL_WORK] = { {
        "\nAll %d servers can be used from this PC.\n",
        "\n%d 台のサーバーすべてをこのパソコンから使えます。\n",
    } },
    [MSG_TEST_NOT_ALL_WORK] = { {
        "\n%d of the %d servers cannot be used from this PC as it is: %s\n",
        "\nこのパソコンの今の状態では使えないサーバーが %d 台あります (全 %d 台中): %s\n",
    } },
    [MSG_FIND_SERVER_NEEDS] = { {
        "the server needs %s",
        "サーバーが %s を必要としている",
    } },
    [MSG_GUI_OUT_LABEL] = { {
        "Out&going mail server (sending):",
        "送信メール サーバー(&G):",
    } },
    [MSG_GUI_FIND_LABEL] = { {
        "Not sure of the settings? Your &mail address or your mail server's name, to find them:",
        "設定がわからないときは、メール アドレスかサーバー名(&M) を入力して調べます:",
    } },
    [MSG_GUI_FIND_BUTTON] = { {
        "&Find settings",
        "設定を調べる(&F)",
    } },
    [MSG_GUI_NEED_FIND] = { {
        "Type your mail address or your mail server's name first, for example taro@example.jp.",
        "先にメール アドレスかメール サーバーの名前を入力してください (例: taro@example.jp)。",
    } },
    [MSG_GUI_FIND_BAD] = { {
        "TLS Switch cannot look for \"%s\": type a mail address (taro@example.jp) or a server name (mail.example.jp).",
        "「%s」は調べられません。メール アドレス (taro@example.jp) かサーバー名 (mail.example.jp) を入力してください。",
    } },
    [MSG_GUI_FIND_RUNNING] = { {
        "Looking for the settings of %s ... this can take up to %u seconds.",
        "%s の設定を調べています... 最長で %u 秒かかります。",
    } },
    [MSG_GUI_FIND_FILLED] = { {
        "The servers above are filled in with these settings: Start test checks them with this PC's own Schannel.",
        "上の欄にこの設定を入れました。「テスト開始」で、このパソコンの Schannel による確認ができます。",
    } },
    [MSG_GUI_FIND_NONE] = { {
        "No way to use these servers from this PC was found: the details say why, server by server.",
        "このパソコンからこれらのサーバーを使う方法は見つかりませんでした。理由はサーバーごとに詳細にあります。",
    } },
    [MSG_GUI_RESULT_INCOMING] = { {
        "Incoming mail (%s): ",
        "受信メール (%s): ",
    } },
    [MSG_GUI_RESULT_OUTGOING] = { {
        "Outgoing mail (%s): ",
        "送信メール (%s): ",
    } },
    [MSG_REGFILE_KEY_TOO_DEEP] = { {
        "the key \"%s\" is more than 12 levels deep: the Schannel settings are a few levels deep",
        "キー「%s」は 12 階層より深くなっています。Schannel の設定は数階層しかありません",
    } },
    [MSG_REGFILE_TOO_MANY_KEYS] = { {
        "more than 1000 keys: the Schannel settings have a few dozen",
        "キーが 1000 個を超えています。Schannel の設定のキーは数十個です",
    } },
    [MSG_FIND_CERT_UNCHECKED] = { {
        "; its certificate could not be checked here: tlsswitch /test checks it",
        "。ただし証明書はここでは確認できなかったため、tlsswitch /test で確認してください",
    } },
    [MSG_ERR_WRITE_ROLLBACK_FAILED_NO_BACKUP] = { {
        "Error: writing to the registry failed (%s), and putting the old values back failed too (%s).\nNo backup was made (/nobackup): see the values now with tlsswitch /status, and set them with tlsswitch /set or a profile.\n",
        "エラー: レジストリへの書き込みに失敗し (%s)、元の値に戻すのにも失敗しました (%s)。\nバックアップは作成されていません (/nobackup)。tlsswitch /status で現在の値を確認し、tlsswitch /set またはプロファイルで設定し直してください。\n",
    } },
    [MSG_WARN_CHANGE_INTERRUPTED] = { {
        "Note: the last TLS Switch to change these settings was ended before it had finished (for example from Task Manager), so some of its changes may be missing. Its automatic backup, made before it wrote anything, is the newest file in %s from before this run.\n",
        "注意: 前回設定を変更していた TLS Switch は、終わる前に (タスク マネージャーなどで) 終了させられました。変更の一部が済んでいないかもしれません。書き込む前に作られた自動バックアップは、%s にある、今回より前の最も新しいファイルです。\n",
    } },
    [MSG_ERR_NO_LOCK] = { {
        "Error: TLS Switch cannot make sure that no other TLS Switch is changing the settings at the same time (%s). Nothing was changed. Restarting Windows clears this.\n",
        "エラー: ほかの TLS Switch が同時に設定を変更していないことを確かめられません (%s)。何も変更していません。Windows を再起動すると直ります。\n",
    } },
    [MSG_RELAY_TLS_NO_RANDOM] = { {
        "Windows gave no random numbers for the TLS connection to %s (CryptGenRandom: %s), so the relay did not connect. Restart Windows; if this happens again, Windows' cryptographic service is damaged.\n",
        "%s への TLS 接続に使う乱数を Windows から得られなかったため (CryptGenRandom: %s)、中継は接続しませんでした。Windows を再起動してください。繰り返し起きる場合は、Windows の暗号サービスが壊れています。\n",
    } },
    [MSG_RELAY_TLS_CERT_NAME] = { {
        "The relay refused %s: its certificate is not issued for this name (it is for %s). Use the server name the provider gives for mail.\n",
        "中継は %s への接続を拒否しました。サーバーの証明書がこの名前用に発行されていません (%s 用です)。メール事業者が案内するサーバー名を使ってください。\n",
    } },
    [MSG_RELAY_TLS_CERT_EXPIRED] = { {
        "The relay refused %s: its certificate has expired or is not valid yet (valid from %s to %s; this PC's date is %s). If this PC's date is wrong, correct it; otherwise only the provider can fix this: tell them.\n",
        "中継は %s への接続を拒否しました。サーバーの証明書の期限が切れているか、まだ有効になっていません (有効期間 %s から %s まで、このパソコンの日付は %s)。このパソコンの日付が違っていれば直してください。合っていれば、直せるのはメール事業者だけです。知らせてください。\n",
    } },
    [MSG_RELAY_TLS_CERT_UNTRUSTED] = { {
        "The relay refused %s: this Windows does not trust its certificate, because it lacks the root certificate \"%s\". Windows XP often lacks today's roots: install the root certificates update from Windows Update, or the root certificate the provider's help pages name. If you do not know this issuer, do not send your password.\n",
        "中継は %s への接続を拒否しました。この Windows にはルート証明書「%s」がないため、サーバーの証明書を信頼できません。Windows XP には最近のルート証明書がないことがよくあります。Windows Update からルート証明書の更新を入れるか、メール事業者のヘルプが案内するルート証明書を入れてください。この発行者に心当たりがなければ、パスワードを送らないでください。\n",
    } },
    [MSG_RELAY_TLS_CERT_REVOKED] = { {
        "The relay refused %s: its certificate has been revoked by its issuer. Only the provider can fix this: tell them.\n",
        "中継は %s への接続を拒否しました。サーバーの証明書は発行者によって失効しています。直せるのはメール事業者だけです。知らせてください。\n",
    } },
    [MSG_RELAY_TLS_CERT_OTHER] = { {
        "The relay refused %s: its certificate failed the check (%s).\n",
        "中継は %s への接続を拒否しました。サーバーの証明書の検証に失敗しました (%s)。\n",
    } },
    [MSG_RELAY_TLS_CERT_UNCHECKED] = { {
        "The relay refused %s: its certificate could not be checked on this Windows (%s), and the relay never connects unchecked.\n",
        "中継は %s への接続を拒否しました。この Windows ではサーバーの証明書を検証できませんでした (%s)。中継は検証しないまま接続することはありません。\n",
    } },
    [MSG_RELAY_TLS_CHECKED_BY_BEARSSL] = { {
        "This Windows cannot check ECDSA certificates itself: the relay checked the chain against the same trusted root certificates with its own TLS library (BearSSL).\n",
        "この Windows は ECDSA 証明書を自分では検証できないため、中継が自分の TLS ライブラリ (BearSSL) で、同じ信頼されたルート証明書に照らして検証しました。\n",
    } },
    [MSG_RELAY_TLS_TLS13_ONLY] = { {
        "%s accepts only TLS 1.3 (%s). The relay has TLS 1.2 at most, so it cannot connect. Ask the provider whether a server for older mail programs still accepts TLS 1.2.\n",
        "%s は TLS 1.3 しか受け付けません (%s)。中継が使えるのは TLS 1.2 までなので、接続できません。古いメールソフト向けに TLS 1.2 を受け付けるサーバーがないか、メール事業者に問い合わせてください。\n",
    } },
    [MSG_RELAY_TLS_NO_COMMON_SUITE] = { {
        "%s accepts none of the relay's cipher suites (%s). The relay offers ECDHE and RSA key exchange with AES-GCM, ChaCha20-Poly1305 and AES-CBC: tell the provider.\n",
        "%s は中継の暗号スイートをどれも受け付けません (%s)。中継は ECDHE と RSA の鍵交換で AES-GCM、ChaCha20-Poly1305、AES-CBC を提供しています。メール事業者に知らせてください。\n",
    } },
    [MSG_RELAY_TLS_SERVER_CLOSED] = { {
        "%s closed the connection during the TLS handshake. Check the server name and the port; if they are right, the server may accept only what the relay lacks (TLS 1.3).\n",
        "%s が TLS ハンドシェイクの途中で接続を切りました。サーバー名とポート番号を確かめてください。正しければ、サーバーは中継にないもの (TLS 1.3) しか受け付けないのかもしれません。\n",
    } },
    [MSG_RELAY_TLS_SERVER_ALERT] = { {
        "%s refused the TLS handshake with the alert %s.\n",
        "%s はアラート %s を送って TLS ハンドシェイクを拒否しました。\n",
    } },
    [MSG_RELAY_TLS_NOT_TLS] = { {
        "%s did not answer with TLS (%s). Check the port: this one is not for SSL/TLS connections.\n",
        "%s は TLS で応答しませんでした (%s)。ポート番号を確かめてください。このポートは SSL/TLS 接続用ではありません。\n",
    } },
    [MSG_RELAY_TLS_PLAINTEXT] = { {
        "%s answered with a plain mail greeting: on this port the connection starts without TLS and switches with STARTTLS. Use the server's port for SSL, or set the way up with STARTTLS.\n",
        "%s は暗号化されていないメールの応答を返しました。このポートは TLS なしで始まり STARTTLS で切り替える接続用です。サーバーの SSL 用のポートを使うか、STARTTLS で設定してください。\n",
    } },
    [MSG_RELAY_TLS_ENGINE] = { {
        "The TLS connection to %s failed (%s).\n",
        "%s への TLS 接続に失敗しました (%s)。\n",
    } },
    [MSG_ACCOUNTS_FOUND] = { {
        "Mail accounts found: %u. Each is tested the way its program connects.\n\n",
        "見つかったメールアカウント: %u 件。それぞれ、そのメールソフトと同じ接続方法で調べます。\n\n",
    } },
    [MSG_ACCOUNTS_NONE] = { {
        "No mail program found: this Windows user has no account in a mail program TLS Switch reads (Outlook Express, Outlook, Becky! 2, Thunderbird, Sylpheed).\n"
        "Test a server by hand: tlsswitch /test SERVER, or search for one: tlsswitch /test ADDRESS /find\n",
        "メールソフトが見つかりません: この Windows ユーザーには、TLS Switch が読み取れるメールソフト (Outlook Express、Outlook、Becky! 2、Thunderbird、Sylpheed) のアカウントがありません。\n"
        "サーバーを手で指定して調べるには tlsswitch /test サーバー、探すには tlsswitch /test メールアドレス /find を使います。\n",
    } },
    [MSG_ACCOUNTS_DAMAGED] = { {
        "Note: %s's account settings are damaged or not in its format; the accounts that could be read are tested.\n\n",
        "注意: %s のアカウント設定が壊れているか、その形式ではありません。読み取れたアカウントだけを調べます。\n\n",
    } },
    [MSG_ACCOUNTS_ALL_WORK] = { {
        "All %u accounts work.\n",
        "%u 件のアカウントはすべて使えます。\n",
    } },
    [MSG_ACCOUNTS_NOT_ALL_WORK] = { {
        "%u of %u accounts do not work as they are set.\n",
        "%u 件のアカウントが今の設定では使えません (全 %u 件)。\n",
    } },
    [MSG_ACCOUNTS_HEADING] = { {
        "%s, account \"%s\":\n",
        "%s のアカウント「%s」:\n",
    } },
    [MSG_ACCOUNTS_LABEL_IN] = { {
        "Incoming mail (%s)",
        "受信メール (%s)",
    } },
    [MSG_ACCOUNTS_LABEL_OUT] = { {
        "Outgoing mail (%s)",
        "送信メール (%s)",
    } },
    [MSG_ACCOUNTS_SERVER] = { {
        "  %s: %s, port %u, %s: %s\n",
        "  %s: %s、ポート %u、%s: %s\n",
    } },
    [MSG_ACCOUNTS_SECURITY_NONE] = { {
        "no SSL",
        "SSL なし",
    } },
    [MSG_ACCOUNTS_SECURITY_SSL] = { {
        "SSL",
        "SSL",
    } },
    [MSG_ACCOUNTS_SECURITY_STARTTLS] = { {
        "STARTTLS",
        "STARTTLS",
    } },
    [MSG_ACCOUNTS_SECURITY_AUTO] = { {
        "Auto (STARTTLS where offered)",
        "自動 (使えれば STARTTLS)",
    } },
    [MSG_ACCOUNTS_PLAIN_ANSWERS] = { {
        "answers without encryption",
        "暗号化なしで応答する",
    } },
    [MSG_ACCOUNTS_VERDICT_WORKS] = { {
        "  Verdict: works.\n",
        "  判定: 使えます。\n",
    } },
    [MSG_ACCOUNTS_VERDICT_WORKS_PLAIN] = { {
        "  Verdict: works, but without SSL: the password travels unencrypted.\n",
        "  判定: 使えますが SSL なしです。パスワードが暗号化されずに送られます。\n",
    } },
    [MSG_ACCOUNTS_VERDICT_AFTER_FIX] = { {
        "  Verdict: works after tlsswitch /apply recommended (then restart Windows).\n",
        "  判定: tlsswitch /apply recommended の後 (Windows の再起動後) に使えます。\n",
    } },
    [MSG_ACCOUNTS_VERDICT_WRONG_SETTING] = { {
        "  Verdict: a setting is wrong; the change below makes it work.\n",
        "  判定: 設定が違います。次のように変えると使えます。\n",
    } },
    [MSG_ACCOUNTS_VERDICT_CANNOT] = { {
        "  Verdict: cannot work on this Windows (%s), whatever its settings.\n",
        "  判定: この Windows (%s) では、設定を変えても使えません。\n",
    } },
    [MSG_ACCOUNTS_VERDICT_FAILS] = { {
        "  Verdict: does not work, and no other port or SSL setting of this server was found that does.\n",
        "  判定: 使えません。このサーバーの別のポートや SSL の設定でも使えるものは見つかりませんでした。\n",
    } },
    [MSG_ACCOUNTS_CHANGE] = { {
        "  %s: port %u, %s; the server accepts port %u with %s: %s\n",
        "  %s: ポート %u、%s では使えず、ポート %u と %s なら使えます: %s\n",
    } },
    [MSG_ACCOUNTS_CHANGE_OUTLOOK_EXPRESS] = { {
        "in the account's Properties, Advanced tab: tick \"This server requires a secure connection (SSL)\" and set the port to %u",
        "アカウントの「プロパティ」の「詳細設定」タブで「このサーバーはセキュリティで保護された接続 (SSL) が必要」にチェックを付け、ポート番号を %u にしてください",
    } },
    [MSG_ACCOUNTS_CHANGE_OUTLOOK] = { {
        "in the account's More Settings, Advanced tab: set \"Use the following type of encrypted connection\" to %s and the port to %u",
        "アカウントの「詳細設定」の「詳細設定」タブで「使用する暗号化接続の種類」を %s にし、ポート番号を %u にしてください",
    } },
    [MSG_ACCOUNTS_CHANGE_THUNDERBIRD] = { {
        "in Account Settings: set \"Connection security\" to %s and \"Port\" to %u",
        "「アカウント設定」で「接続の保護」を %s に、「ポート番号」を %u にしてください",
    } },
    [MSG_ACCOUNTS_CHANGE_GENERAL] = { {
        "in the account's settings: use %s and port %u",
        "アカウントの設定で %s を使い、ポート番号を %u にしてください",
    } },
    [MSG_ERR_ACCOUNTS_WITH_TARGET] = { {
        "/accounts tests the accounts of the mail programs; it takes no server (%s).\n",
        "/accounts はメールソフトのアカウントを調べます。サーバー (%s) は指定できません。\n",
    } },
    [MSG_GUI_RELAY_SUGGEST] = { {
        "To set the relay up for %s, click \"Use TLS Switch as a relay for this server\".\n",
        "%s への中継は「TLS Switch をこのサーバーの中継に使う」で設定できます。\n",
    } },
    [MSG_GUI_USE_RELAY] = { {
        "Use TLS Switch as a &relay for this server",
        "TLS Switch をこのサーバーの中継に使う(&R)",
    } },
    [MSG_GUI_RELAY_RUNNING] = { {
        "Setting up the relay for %s, starting it, and testing it as your mail program will use it (at most %u seconds)...",
        "%s への中継を設定して開始し、メールソフトと同じ方法で試しています (最長 %u 秒)...",
    } },
    [MSG_GUI_RELAY_WORKS] = { {
        "It works: the relay on this PC reached %s with its own TLS, and the provider answered through it as it will answer your mail program.\n",
        "動作しました: このパソコンの中継が独自の TLS で %s に接続し、メールソフトへの応答と同じ応答がプロバイダーから中継を通して返りました。\n",
    } },
    [MSG_GUI_RELAY_TYPE_THIS] = { {
        "Type into your mail program what the details below say. The relay starts when you log on.",
        "下の詳細のとおりメールソフトに入力してください。中継はログオン時に自動で開始します。",
    } },
    [MSG_GUI_RELAY_GREETING] = { {
        "\nThrough the relay, the provider answered: %s\n",
        "\n中継を通したプロバイダーの応答: %s\n",
    } },
    [MSG_GUI_RELAY_CHECK_FAILED] = { {
        "The relay for %s is set up and running, but the test through it did not work: %s\n",
        "%s への中継は設定され動いていますが、中継を通したテストはうまくいきませんでした: %s\n",
    } },
    [MSG_GUI_RELAY_LOG_SAYS] = { {
        "The relay's log says: %s\n",
        "中継のログ: %s\n",
    } },
    [MSG_GUI_RELAY_SETUP_FAILED] = { {
        "The relay could not be set up: %s",
        "中継を設定できませんでした: %s",
    } },
    [MSG_GUI_RELAY_ON] = { {
        "The mail relay is running for your mail program:\n",
        "メールの中継が動いています:\n",
    } },
    [MSG_GUI_RELAY_OFF] = { {
        "The mail relay is not running. It is set up for:\n",
        "メールの中継は動いていません。設定されている中継:\n",
    } },
    [MSG_GUI_STOP_RELAY] = { {
        "Stop &relaying",
        "中継を停止(&R)",
    } },
    [MSG_GUI_TEST_ACCOUNTS] = { {
        "Test &my mail",
        "メールソフトをテスト(&M)",
    } },
    [MSG_GUI_ACCOUNTS_TITLE] = { {
        "Test my mail - TLS Switch",
        "メールソフトのテスト - TLS Switch",
    } },
    [MSG_GUI_ACCOUNTS_RUNNING] = { {
        "Testing %u mail accounts, each the way its program connects... this can take up to %u seconds.",
        "%u 件のメールアカウントを、それぞれのメールソフトと同じ接続方法でテストしています... 最長で %u 秒かかります。",
    } },
    [MSG_GUI_ACCOUNT_LINE] = { {
        "%s, \"%s\": %s\n",
        "%s の「%s」: %s\n",
    } },
    [MSG_GUI_ACCOUNT_WORKS] = { {
        "works",
        "使えます",
    } },
    [MSG_GUI_ACCOUNT_WORKS_PLAIN] = { {
        "works, but without SSL",
        "使えます (SSL なし)",
    } },
    [MSG_GUI_ACCOUNT_AFTER_FIX] = { {
        "works after \"Fix it\"",
        "「修正する」の後で使えます",
    } },
    [MSG_GUI_ACCOUNT_WRONG_SETTING] = { {
        "a setting is wrong (the details say which)",
        "設定が違います (詳細を参照)",
    } },
    [MSG_GUI_ACCOUNT_CANNOT] = { {
        "this Windows cannot use the server: needs the relay",
        "この Windows ではサーバーを使えません: 中継が必要",
    } },
    [MSG_GUI_ACCOUNT_FAILS] = { {
        "does not work",
        "使えません",
    } },
    [MSG_GUI_TEST_OTHER] = { {
        "Test another &server...",
        "別のサーバーをテスト(&S)...",
    } },
    [MSG_GUI_ACCOUNTS_RELAY] = { {
        "Set up the &relay...",
        "中継を設定(&R)...",
    } },
};

const char *message_table_entry(enum language language, enum message_id id)
{
    if ((unsigned)language >= LANGUAGE_COUNT || (unsigned)id >= MSG_COUNT)
        return NULL;
    return messages[id].text[language];
}
