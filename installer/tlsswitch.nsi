; The TLS Switch installer (NSIS 3, Unicode). `make -f Makefile.mingw dist` builds it as
; build/dist/tlsswitch-VERSION-setup.exe, passing the two executables:
;   makensis -WX -DEXE32=build/i686/tlsswitch.exe -DEXE64=build/x86_64/tlsswitch.exe
;            -DOUTFILE=... installer/tlsswitch.nsi
; It installs tlsswitch.exe (the i686 build; on 64-bit Windows the x86_64 build) into
; Program Files, one Start menu shortcut named in the installer's language, and an
; uninstaller registered in Add or Remove Programs; nothing else. /S installs silently.
; The version, product name and publisher are read from res/version.h, the definition the
; program itself uses.

Unicode true
RequestExecutionLevel admin
SetCompressor /SOLID lzma
SetDateSave off          ; no file times in the setup: two builds give the same bytes
ManifestSupportedOS all
ManifestDPIAware false

!searchparse /file "../res/version.h" "#define TLSSWITCH_VERSION_MAJOR " VERSION_MAJOR
!searchparse /file "../res/version.h" "#define TLSSWITCH_VERSION_MINOR " VERSION_MINOR
!searchparse /file "../res/version.h" "#define TLSSWITCH_VERSION_PATCH " VERSION_PATCH
!searchparse /file "../res/version.h" '#define TLSSWITCH_PRODUCT_NAME "' PRODUCT_NAME '"'
!searchparse /file "../res/version.h" '#define TLSSWITCH_PUBLISHER "' PUBLISHER '"'
!define VERSION "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TLSSwitch"

!ifndef EXE32 | EXE64 | STARTER32 | STARTER64 | OUTFILE
  !error "Build the installer with make -f Makefile.mingw dist (it defines EXE32, EXE64, STARTER32, STARTER64 and OUTFILE)."
!endif

!include MUI2.nsh
!include x64.nsh
!include FileFunc.nsh

Name "${PRODUCT_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES\${PRODUCT_NAME}"
BrandingText "${PRODUCT_NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT_NAME} ${VERSION} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!define MUI_ICON "../res/tlsswitch.ico"
!define MUI_UNICON "../res/tlsswitch.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\tlsswitch.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; The first is the fallback; a Japanese Windows gets Japanese.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Japanese"

LangString SHORTCUT_NAME ${LANG_ENGLISH} "TLS Switch - TLS 1.2 for mail programs"
LangString SHORTCUT_NAME ${LANG_JAPANESE} "TLS Switch - メールソフトの TLS 1.2 設定"

Function .onInit
  ; 64-bit Windows gets the 64-bit build in the 64-bit Program Files, unless /D= said where.
  ${If} ${RunningX64}
  ${AndIf} $INSTDIR == "$PROGRAMFILES\${PRODUCT_NAME}"
    StrCpy $INSTDIR "$PROGRAMFILES64\${PRODUCT_NAME}"
  ${EndIf}
FunctionEnd

Section "TLS Switch"
  SetOutPath "$INSTDIR"
  ${If} ${RunningX64}
    SetRegView 64
    File "/oname=tlsswitch.exe" "${EXE64}"
    File "/oname=tlsswitch-relay.exe" "${STARTER64}"
  ${Else}
    File "/oname=tlsswitch.exe" "${EXE32}"
    File "/oname=tlsswitch-relay.exe" "${STARTER32}"
  ${EndIf}
  WriteUninstaller "$INSTDIR\uninstall.exe"

  SetShellVarContext all
  CreateShortcut "$SMPROGRAMS\$(SHORTCUT_NAME).lnk" "$INSTDIR\tlsswitch.exe"

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\tlsswitch.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "ShortcutName" "$(SHORTCUT_NAME)"
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; The backups in the all-users application data folder stay: they are the user's, and so
; does the relay's relay.ini. The relay is stopped and its start at logon removed first
; (tlsswitch /relay stop), or the running program could not be deleted. That reaches the
; relay of the account that runs the uninstaller; a relay another account still runs keeps
; the program in use, which is then deleted at the next restart (/REBOOTOK).
Section "Uninstall"
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
  ; nsExec runs the console program hidden; its exit code is not needed.
  nsExec::Exec '"$INSTDIR\tlsswitch.exe" /relay stop'
  Pop $0
  SetShellVarContext all
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "ShortcutName"
  ${If} $0 != ""
    Delete "$SMPROGRAMS\$0.lnk"
  ${EndIf}
  Delete /REBOOTOK "$INSTDIR\tlsswitch.exe"
  Delete "$INSTDIR\tlsswitch-relay.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir /REBOOTOK "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
