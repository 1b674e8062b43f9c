Juser_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server1.port", -5);
