#!/bin/sh
# help2c.sh HELP.txt - turns the help text into a C string for --help.
echo '/* generated from cli/help.txt by tools/help2c.sh; do not edit */'
echo 'const char songbad_help_text[] ='
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/' "$1"
echo ';'
