#!/bin/sh
# help2man.sh HELP.txt VERSION - turns the help text into the songbad(1) man
# page: lines in capitals start sections, 2-space lines are paragraphs or
# option/command names, 4-space lines are their descriptions.
awk -v version="$2" '
BEGIN { print ".TH SONGBAD 1 \"\" \"songbad " version "\" \"User Commands\"" }
function esc(s) { gsub(/\\/, "\\e", s); sub(/^[.'"'"']/, "\\\\\\&&", s); return s }
/^[A-Z][A-Z ]*$/ { print ".SH " $0; sect = $0; next }
/^$/ { next }
/^    / { sub(/^ +/, ""); print esc($0); next }
/^  / { sub(/^ +/, "");
        if (sect == "SYNOPSIS" || sect == "EXAMPLES" || sect == "EXIT STATUS") { print ".br"; print esc($0) }
        else if (sect == "OPTIONS" || sect == "COMMANDS") { print ".TP"; print ".B " esc($0) }
        else print esc($0)
        next }
{ print esc($0) }
' "$1"
