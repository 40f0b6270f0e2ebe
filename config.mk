# Build settings. UNICODE_VERSION is pinned here and nowhere else.
VERSION = 0.1.0
ABI_MAJOR = 0
ABI_MINOR = 7
UNICODE_VERSION = 15.1.0
# Unicode data: only `make gen` and the conformance tests read it.
UCD_DIR ?= ../shared/data/unicode-ucd/$(UNICODE_VERSION)

PREFIX ?= /usr/local
CC ?= cc
BUILD_CC ?= $(CC)
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes -Wstrict-prototypes
LIBS = -lsqlite3 -ljansson -lm
