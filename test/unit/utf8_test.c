/* utf8_test.c - the validating and lenient decoders, the encoder, digits. */
#include "check.h"
#include "songbad.h"

static void check_invalid(const char *s, size_t len, size_t want_offset)
{
    size_t off = 12345;
    CHECK(songbad_utf8_validate(s, len, &off) == SONGBAD_E_UTF8);
    CHECK(off == want_offset);
}

static void test_validate(void)
{
    size_t off;
    CHECK(songbad_utf8_validate("", 0, &off) == SONGBAD_OK && off == 0);
    CHECK(songbad_utf8_validate(NULL, 0, NULL) == SONGBAD_OK);
    const char ok[] = "abc \u09AC\u09BE\u0982\u09B2\u09BE \xF0\x9F\x98\x80 \uFFFD";
    CHECK(songbad_utf8_validate(ok, sizeof ok - 1, &off) == SONGBAD_OK);
    CHECK(songbad_utf8_validate("a\0b", 3, NULL) == SONGBAD_OK); /* NUL is data */
    check_invalid("ab\x80", 3, 2);                 /* stray continuation */
    check_invalid("\xC0\xAF", 2, 0);               /* overlong '/' */
    check_invalid("\xE0\x80\xAF", 3, 0);           /* overlong, 3 bytes */
    check_invalid("\xF0\x80\x80\xAF", 4, 0);       /* overlong, 4 bytes */
    check_invalid("x\xED\xA0\x80", 4, 1);          /* surrogate U+D800 */
    check_invalid("\xF4\x90\x80\x80", 4, 0);       /* above U+10FFFF */
    check_invalid("\xF5\x80\x80\x80", 4, 0);
    check_invalid("\u09AC\xE0\xA6", 5, 3);         /* truncated at the end */
    check_invalid("\u09AC\xE0\xA6x", 6, 3);        /* truncated inside */
    check_invalid("12345678\xFF", 9, 8);           /* after the ASCII fast path */
    check_invalid("\xFE", 1, 0);
    /* the length is respected: a valid sequence cut by len is invalid */
    check_invalid("\u09AC", 2, 0);
}

static void test_decode(void)
{
    uint32_t cp;
    CHECK(songbad_utf8_decode("", 0, &cp) == 0);
    CHECK(songbad_utf8_decode("\u09AC", 3, &cp) == 3 && cp == 0x09AC);
    CHECK(songbad_utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    /* maximal subparts: E0 A6 is one U+FFFD, the next byte stands alone */
    CHECK(songbad_utf8_decode("\xE0\xA6x", 3, &cp) == 2 && cp == 0xFFFD);
    CHECK(songbad_utf8_decode("\xED\xA0\x80", 3, &cp) == 1 && cp == 0xFFFD);
    CHECK(songbad_utf8_decode("\xF4\x8F\xBF", 3, &cp) == 3 && cp == 0xFFFD);
    CHECK(songbad_utf8_decode("\xC2", 1, &cp) == 1 && cp == 0xFFFD);
    /* never reads past len */
    CHECK(songbad_utf8_decode("\xE0\xA6\xAC", 2, &cp) == 2 && cp == 0xFFFD);
}

static void test_encode(void)
{
    char b[4];
    CHECK(songbad_utf8_encode('A', b) == 1 && b[0] == 'A');
    CHECK(songbad_utf8_encode(0x09CE, b) == 3 && memcmp(b, "\u09CE", 3) == 0);
    CHECK(songbad_utf8_encode(0x10FFFF, b) == 4);
    CHECK(songbad_utf8_encode(0xD800, b) == 3 && memcmp(b, "\xEF\xBF\xBD", 3) == 0);
    CHECK(songbad_utf8_encode(0x110000, b) == 3 && memcmp(b, "\xEF\xBF\xBD", 3) == 0);
    /* round trip of every scalar value */
    int all = 1;
    for (uint32_t c = 0; c < 0x110000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        uint32_t d;
        size_t n = songbad_utf8_encode(c, b);
        if (songbad_utf8_decode(b, n, &d) != n || d != c ||
            songbad_utf8_validate(b, n, NULL) != SONGBAD_OK)
            all = 0;
    }
    CHECK(all);
}

static void test_digits_and_strings(void)
{
    CHECK(songbad_digit_value(0x09E6) == 0 && songbad_digit_value(0x09EF) == 9);
    CHECK(songbad_digit_value('7') == 7 && songbad_digit_value(0x0966) == -1);
    CHECK(strcmp(songbad_strerror(SONGBAD_E_UTF8), "invalid UTF-8") == 0);
    CHECK(strcmp(songbad_strerror(-99), "unknown error") == 0);
    CHECK(strcmp(songbad_unicode_version(), "15.1.0") == 0);
    CHECK(songbad_version()[0] != '\0');
}

int main(void)
{
    test_validate();
    test_decode();
    test_encode();
    test_digits_and_strings();
    return check_report("utf8_test");
}
