@rem Windows' cmd.exe has no `exec`. The npm scripts need it elsewhere: Debian's sh (dash)
@rem does not replace itself with a script's last command, so without `exec` npm's SIGINT or
@rem SIGTERM would end the shell and leave the program running. Windows has no such signals,
@rem so here `exec COMMAND ARGS` only has to run the command; cmd.exe finds this file in the
@rem package folder, where npm runs its scripts.
@%*
