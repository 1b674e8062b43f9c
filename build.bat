@echo off
rem Builds TLS Switch on Windows with MinGW-w64 (mingw32-make on the PATH).
rem   build.bat          both executables, as on Linux
rem   build.bat dist     the release in build\dist: setup (NSIS), portable zip, SHA256SUMS.
rem                      Needs makensis (NSIS 3) on the PATH, and the POSIX tools the
rem                      makefile's recipe uses (sh, sed, awk, find, touch, zip, sha256sum),
rem                      for example from Git for Windows' usr\bin or MSYS2.
rem   build.bat TARGET   any target of Makefile.mingw, e.g. build.bat clean
rem The build packs the message table with gcc (a build tool run here) and gzip, and makes
rem the delay-load import libraries with sh, sed and sort (res\delay-import-lib.sh): Git for
rem Windows' usr\bin and MSYS2 have them.
rem The relay's TLS is BearSSL 0.6, compiled in from its source folder: BEARSSL_SRC
rem (default build\deps\bearssl), e.g.  set BEARSSL_SRC=C:\src\bearssl-0.6+dfsg.1
rem It is Debian's source package bearssl 0.6+dfsg.1-3 (bearssl_0.6+dfsg.1.orig.tar.xz from
rem deb.debian.org/debian/pool/main/b/bearssl/, unpacked), which Linux builds fetch with
rem tests\install-deps.sh.
setlocal
cd /d "%~dp0"
where gzip >nul 2>nul || (
    echo build.bat: gzip was not found. Add Git for Windows' usr\bin or MSYS2's usr\bin to the PATH.
    exit /b 1
)
if "%BEARSSL_SRC%"=="" set "BEARSSL_SRC=build\deps\bearssl"
if /i not "%~1"=="clean" if not exist "%BEARSSL_SRC%\inc\bearssl.h" (
    echo build.bat: BearSSL's source was not found in %BEARSSL_SRC%. Set BEARSSL_SRC to the folder
    echo of BearSSL 0.6's source ^(the one with inc\bearssl.h^).
    exit /b 1
)
rem make wants forward slashes.
set "BEARSSL_SRC=%BEARSSL_SRC:\=/%"
if /i "%~1"=="dist" (
    where makensis >nul 2>nul || (
        echo build.bat dist: makensis was not found. Install NSIS 3 and add its folder to the PATH.
        exit /b 1
    )
    where zip >nul 2>nul || (
        echo build.bat dist: zip was not found. Add Git for Windows' usr\bin or MSYS2's usr\bin to the PATH.
        exit /b 1
    )
)
mingw32-make -f Makefile.mingw BEARSSL_SRC="%BEARSSL_SRC%" %*
exit /b %ERRORLEVEL%
