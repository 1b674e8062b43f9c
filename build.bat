@echo off
rem Builds TLS Switch on Windows with MinGW-w64 (mingw32-make on the PATH).
rem   build.bat          both executables, as on Linux
rem   build.bat TARGET   any target of Makefile.mingw, e.g. build.bat clean
setlocal
cd /d "%~dp0"
mingw32-make -f Makefile.mingw %*
exit /b %ERRORLEVEL%
