# The provider behaviours the test servers imitate, as OpenSSL cipher lists (TLS 1.2 and
# older; TLS 1.3 has its own suites). Each names what it stands for, and who can use it:
# Windows XP has RSA key exchange with AES-CBC and 3DES only; Vista adds ECDHE with CBC;
# 7 adds AES-GCM, but not ECDHE_RSA with GCM; 10 has that too.

# A provider that kept RSA key exchange for older clients, modern suites first: XP can
# use it once TLS 1.2 is the default.
PROVIDER_KEEPS_RSA_KX='ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA256:AES128-SHA256:AES256-SHA:AES128-SHA'
# A server that offers RSA key exchange only, as many did until about 2015.
PROVIDER_RSA_KX_ONLY='AES128-SHA:AES256-SHA:AES128-SHA256:AES256-SHA256'
# ECDHE only, with CBC: Vista and 7 can, XP cannot.
PROVIDER_ECDHE_CBC='ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384'
# ECDHE with AES-GCM or ChaCha20 only (today's "modern" settings): 10 can, 7 cannot.
PROVIDER_ECDHE_AEAD='ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305'
