#!/bin/sh
# help2c.sh HELP.txt - turns the help text into C, one string a line (one
# long literal would exceed what ISO C promises compilers support).
echo '/* generated from cli/help.txt by tools/help2c.sh; do not edit */'
echo '#include <stddef.h>'
echo 'const char *const songbad_help_lines[] = {'
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/",/' "$1"
echo '    NULL};'
