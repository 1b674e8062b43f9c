@echo off
rem Builds TLS Switch on Windows with MinGW-w64 (mingw32-make on the PATH).
rem   build.bat          both executables, as on Linux
rem   build.bat dist     the release in build\dist: setup (NSIS), portable zip, SHA256SUMS.
rem                      Needs makensis (NSIS 3) on the PATH, and the POSIX tools the
rem                      makefile's recipe uses (sh, sed, awk, find, touch, zip, sha256sum),
rem                      for example from Git for Windows' usr\bin or MSYS2.
rem   build.bat TARGET   any target of Makefile.mingw, e.g. build.bat clean
rem The build packs the message table with gcc (a build tool run here) and gzip, which
rem Git for Windows' usr\bin and MSYS2 have.
setlocal
cd /d "%~dp0"
where gzip >nul 2>nul || (
    echo build.bat: gzip was not found. Add Git for Windows' usr\bin or MSYS2's usr\bin to the PATH.
    exit /b 1
)
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
mingw32-make -f Makefile.mingw %*
exit /b %ERRORLEVEL%
