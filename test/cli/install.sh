#!/bin/sh
# install.sh - `make install` with PREFIX and DESTDIR, then a program built
# against the installed header, library and songbad.pc.
. test/cli_lib.sh
t_begin cli_install
case "$SB" in */san/*) SAN=SANITIZE=1 ;; *) SAN= ;; esac
expect_true "make install" sh -c "make -s install $SAN PREFIX=/opt/sb DESTDIR=$TMP/root > $TMP/install.log 2>&1"
root=$TMP/root/opt/sb
expect_true "files in place" sh -c "test -x $root/bin/songbad && test -f $root/include/songbad.h && test -f $root/lib/libsongbad.a && test -L $root/lib/libsongbad.so.0 && test -f $root/share/man/man1/songbad.1"
expect_out "pkg-config" "-I/opt/sb/include -L/opt/sb/lib -lsongbad" sh -c "PKG_CONFIG_PATH=$root/lib/pkgconfig pkg-config --define-prefix --cflags --libs songbad 2>/dev/null | sed 's|$TMP/root||g; s/ *$//' || PKG_CONFIG_PATH=$root/lib/pkgconfig pkg-config --cflags --libs songbad"
cat > "$TMP/prog.c" <<'C'
#include <songbad.h>
#include <stdio.h>
int main(void)
{
    songbad_normalizer *n;
    const char *out;
    size_t len;
    if (songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &n)) return 1;
    if (songbad_normalize(n, "\xe0\xa7\xa7\xe0\xa7\xae", 6, &out, &len, NULL)) return 1;
    printf("%.*s %s\n", (int)len, out, songbad_unicode_version());
    songbad_normalizer_free(n);
    return 0;
}
C
expect_out "a program against the shared library" "18 15.1.0" sh -c "cc $( [ -n "$SAN" ] && echo -fsanitize=address,undefined ) -I$root/include $TMP/prog.c -L$root/lib -lsongbad -o $TMP/prog && LD_LIBRARY_PATH=$root/lib $TMP/prog"
t_end
