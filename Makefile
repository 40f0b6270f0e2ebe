# songbad - Bengali news search. Plain GNU Makefile.
#   make            build/songbad, build/libsongbad.a, build/libsongbad.so
#   make demo       build and run the main job on the bundled sample
#   make test       every test suite; SANITIZE=1 runs them under ASan+UBSan
#   make gen        regenerate the Unicode tables (needs UCD_DIR)
#   make gen-check  regenerate into a temporary folder and diff
#   make install    PREFIX=/usr/local DESTDIR=

include config.mk

ifeq ($(SANITIZE),1)
BUILD := build/san
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD := build
SAN_FLAGS :=
endif

ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SAN_FLAGS) -Iinclude -Isrc
ALL_LDFLAGS := $(LDFLAGS) $(SAN_FLAGS)

LIB_SRC := $(wildcard src/*.c) $(wildcard src/gen/*.c)
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
PIC_OBJ := $(patsubst %.c,$(BUILD)/pic/%.o,$(LIB_SRC))
CLI_SRC := $(wildcard cli/*.c)
CLI_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC)) $(BUILD)/obj/help_text.o \
  $(BUILD)/obj/web_files.o
# libmicrohttpd (`songbad serve`) and libpq (`--pg URL`) are opened when
# needed (cli/lazy_libs.c); the library uses neither
CLI_LIBS := -ldl -lpthread
$(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC)): ALL_CFLAGS += -I$(shell pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)
UNIT_SRC := $(wildcard test/unit/*.c) $(wildcard test/conformance/*.c)
UNIT_BIN := $(patsubst test/%.c,$(BUILD)/test/%,$(filter-out test/unit/check.c,$(UNIT_SRC)))

SONAME := libsongbad.so.$(ABI_MAJOR)
SHLIB := libsongbad.so.$(ABI_MAJOR).$(ABI_MINOR).0

.PHONY: all demo test check fuzz deps gen gen-check install uninstall clean man bench bench-scale bench-scale-pg
all: $(BUILD)/songbad $(BUILD)/libsongbad.a $(BUILD)/libsongbad.so $(BUILD)/songbad.1 $(BUILD)/songbad.pc $(BUILD)/songbad.so

$(BUILD)/obj/%.o: %.c include/songbad.h $(wildcard src/*.h src/gen/*.h cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -c $< -o $@

$(BUILD)/pic/%.o: %.c include/songbad.h $(wildcard src/*.h src/gen/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -fPIC -c $< -o $@

$(BUILD)/libsongbad.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/$(SHLIB): $(PIC_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libsongbad.so: $(BUILD)/$(SHLIB)
	ln -sf $(SHLIB) $(BUILD)/$(SONAME)
	ln -sf $(SHLIB) $@

# The SQLite loadable extension: the library compiled again to call SQLite
# through the host's routine table (src/sqlite_api.h).
EXT_OBJ := $(patsubst %.c,$(BUILD)/ext/%.o,$(LIB_SRC) ext/sqlite/songbad_ext.c)
$(BUILD)/ext/%.o: %.c include/songbad.h $(wildcard src/*.h src/gen/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DSONGBAD_SQLITE_EXTENSION -fvisibility=hidden -fPIC -c $< -o $@

$(BUILD)/songbad.so: $(EXT_OBJ)
	$(CC) -shared $(ALL_LDFLAGS) -o $@ $^ -ljansson -lm

# --help text and the man page come from one source, cli/help.txt.
$(BUILD)/help_text.c: cli/help.txt tools/help2c.sh
	@mkdir -p $(dir $@)
	sh tools/help2c.sh cli/help.txt > $@

$(BUILD)/obj/help_text.o: $(BUILD)/help_text.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/songbad.1: cli/help.txt tools/help2man.sh
	sh tools/help2man.sh cli/help.txt $(VERSION) > $@

# The search page's files (web/), embedded for `songbad serve`.
WEB_FILES := $(wildcard web/*.html web/*.css web/*.js web/*.svg)
$(BUILD)/web_files.c: $(WEB_FILES) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(WEB_FILES) > $@

$(BUILD)/obj/web_files.o: $(BUILD)/web_files.c cli/serve_static.h
	$(CC) $(ALL_CFLAGS) -Icli -c $< -o $@

$(BUILD)/songbad: $(CLI_OBJ) $(BUILD)/libsongbad.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libsongbad.a $(LIBS) $(CLI_LIBS)

$(BUILD)/songbad.pc: songbad.pc.in config.mk
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' songbad.pc.in > $@

$(BUILD)/test/%: test/%.c test/unit/check.h test/unit/tmpdb.h $(BUILD)/libsongbad.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itest/unit -o $@ $< $(BUILD)/libsongbad.a $(ALL_LDFLAGS) $(LIBS)

# The fault-injection sweep (test/fault): the library's own realloc/free are
# wrapped at link time so the default allocator can fail too.
FAULT_BIN := $(BUILD)/test/fault/fault
$(FAULT_BIN): $(wildcard test/fault/*.c test/fault/*.h) $(BUILD)/libsongbad.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $(wildcard test/fault/*.c) $(BUILD)/libsongbad.a \
	  $(ALL_LDFLAGS) -Wl,--wrap=realloc,--wrap=free $(LIBS)

# libFuzzer harnesses (test/fuzz/fuzz_NAME.c). `make test` links each with
# test/fuzz/replay_main.c to replay its seed corpus test/fuzz/corpus/NAME
# without clang; `make fuzz SECONDS=N` fuzzes each for N seconds with clang.
FUZZ_SRC := $(wildcard test/fuzz/fuzz_*.c)
FUZZ_NAMES := $(patsubst test/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
FUZZ_BIN := $(patsubst test/fuzz/%.c,$(BUILD)/test/fuzz/%,$(FUZZ_SRC))
FUZZ_CC ?= clang
FUZZ_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -O1 -g -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined -Iinclude -Isrc -Itest/fuzz
FUZZ_EXTRA ?=
SECONDS ?= 10

$(FUZZ_BIN): $(BUILD)/test/fuzz/%: test/fuzz/%.c test/fuzz/replay_main.c test/fuzz/fuzz_common.h $(BUILD)/libsongbad.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itest/fuzz -o $@ $< test/fuzz/replay_main.c $(BUILD)/libsongbad.a $(ALL_LDFLAGS) $(LIBS)

build/fuzz/obj/%.o: %.c include/songbad.h $(wildcard src/*.h src/gen/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined $(FUZZ_EXTRA) -c $< -o $@

build/fuzz/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/fuzz_common.h $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC))
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined $(FUZZ_EXTRA) -o $@ $< \
	  $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC)) $(LIBS)

fuzz:
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	  echo "fuzz: $(FUZZ_CC) is missing (apt-get install clang); nothing fuzzed"; exit 0; fi; \
	$(MAKE) --no-print-directory $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_NAMES)) || exit 1; \
	bad=0; for n in $(FUZZ_NAMES); do \
	  rm -rf build/fuzz/corpus_$$n; cp -r test/fuzz/corpus/$$n build/fuzz/corpus_$$n; \
	  if build/fuzz/fuzz_$$n -max_total_time=$(SECONDS) -timeout=20 -print_final_stats=1 \
	       -artifact_prefix=build/fuzz/$$n- build/fuzz/corpus_$$n > build/fuzz/$$n.log 2>&1; then \
	    echo "fuzz_$$n: ok, $$(grep -E '^stat::number_of_executed_units' build/fuzz/$$n.log | sed 's/.*: *//') execs, $$(grep -E '^#[0-9]+[[:space:]]+DONE' build/fuzz/$$n.log | grep -oE 'cov: [0-9]+ ft: [0-9]+')"; \
	  else \
	    bad=1; echo "fuzz_$$n: FAILED (build/fuzz/$$n.log; input: build/fuzz/$$n-*)"; tail -40 build/fuzz/$$n.log; \
	  fi; \
	done; exit $$bad

# The CLI tests with every songbad run under valgrind: a memory error or a
# definite leak fails the check that ran it. $(BUILD)/songbad-valgrind links
# to the wrapper, so tests find the extension and the rest next to it. robust_kill.sh and
# robust_fault.sh run other programs and are left out; SONGBAD_SKIP_HUGE
# skips the inputs of 20 MB and more (minutes each under valgrind).
.PHONY: valgrind
valgrind: all
	@command -v valgrind >/dev/null || { echo "valgrind: missing (apt-get install valgrind)"; exit 1; }
	@ln -sf $(CURDIR)/tools/valgrind-wrap.sh $(BUILD)/songbad-valgrind
	@bad=0; for t in test/cli/*.sh; do \
	  case $$t in */robust_kill.sh|*/robust_fault.sh) continue ;; esac; \
	  SONGBAD=$(BUILD)/songbad-valgrind SONGBAD_VALGRIND_BIN=$(BUILD)/songbad SONGBAD_SKIP_HUGE=1 \
	    sh $$t || { bad=1; echo "valgrind: $$t FAILED"; }; \
	done; exit $$bad

deps:
	@sh scripts/deps.sh --ensure

demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/songbad
	@sh scripts/demo.sh $(BUILD)/songbad

# Runs every suite once; with SANITIZE=1 the same suites under ASan+UBSan.
test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(FUZZ_BIN) $(FAULT_BIN)
	@UCD_DIR='$(UCD_DIR)' sh test/run.sh $(BUILD)
check: test

# Speed figures next to the peers' in the same run (not tests).
# Both write their tables into bench/RESULTS.md (bench/results.sh).
bench: all $(BUILD)/bench/norm_bench $(BUILD)/bench/analyze_floor
	@sh scripts/deps.sh --ensure-bench
	@CORPUS='$(CORPUS)' sh bench/results.sh dev

# Normalization next to utf8proc and ICU (their -dev packages: deps.sh --ensure-bench).
$(BUILD)/bench/norm_bench: bench/norm_bench.c $(BUILD)/libsongbad.a
	@sh scripts/deps.sh --ensure-bench
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ bench/norm_bench.c $(BUILD)/libsongbad.a \
	    $$(pkg-config --libs icu-uc libutf8proc) -lsqlite3 -ljansson -lm
# The least a word-memo analyzer does (split, hash, look up), for scale.
$(BUILD)/bench/analyze_floor: bench/analyze_floor.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ bench/analyze_floor.c

# Growth curves at 10k, 100k and 1M generated articles (SIZES=; ~1 hour).
bench-scale: all
	@SIZES='$(SIZES)' sh bench/results.sh scale

# The PostgreSQL half (root: installs the extension, runs a throwaway server).
bench-scale-pg: all
	@SIZES='$(SIZES)' sh bench/results.sh scale-pg

# Each generator tools/gen/gen_NAME.c writes src/gen/NAME_tables.c from UCD_DIR.
GENERATORS := $(patsubst tools/gen/gen_%.c,%,$(wildcard tools/gen/gen_*.c))
gen:
	@mkdir -p build/gen
	@for g in $(GENERATORS); do \
	  $(BUILD_CC) -O2 -std=c11 -Wall -Wextra -o build/gen/gen_$$g tools/gen/gen_$$g.c || exit 1; \
	  LC_ALL=C build/gen/gen_$$g '$(UCD_DIR)' $(UNICODE_VERSION) > src/gen/$${g}_tables.c.new || exit 1; \
	  mv src/gen/$${g}_tables.c.new src/gen/$${g}_tables.c; echo "gen: src/gen/$${g}_tables.c"; \
	done

gen-check:
	@mkdir -p build/gen
	@for g in $(GENERATORS); do \
	  $(BUILD_CC) -O2 -std=c11 -Wall -Wextra -o build/gen/gen_$$g tools/gen/gen_$$g.c || exit 1; \
	  LC_ALL=C build/gen/gen_$$g '$(UCD_DIR)' $(UNICODE_VERSION) > build/gen/$${g}_tables.c || exit 1; \
	  diff -u src/gen/$${g}_tables.c build/gen/$${g}_tables.c || exit 1; \
	done; echo "gen-check: tables up to date"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/songbad $(DESTDIR)$(PREFIX)/bin/songbad
	install -m 644 $(BUILD)/libsongbad.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/$(SHLIB) $(DESTDIR)$(PREFIX)/lib/
	ln -sf $(SHLIB) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SHLIB) $(DESTDIR)$(PREFIX)/lib/libsongbad.so
	install -m 644 include/songbad.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(BUILD)/songbad.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 644 $(BUILD)/songbad.1 $(DESTDIR)$(PREFIX)/share/man/man1/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/songbad $(DESTDIR)$(PREFIX)/lib/libsongbad.* \
	  $(DESTDIR)$(PREFIX)/include/songbad.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/songbad.pc \
	  $(DESTDIR)$(PREFIX)/share/man/man1/songbad.1

clean:
	rm -rf build

# The PostgreSQL extension (ext/postgres) under pg_regress on a throwaway
# PostgreSQL 15 server, then the CLI's --pg suites and the sharding test with
# this build's songbad (SANITIZE=1: under ASan+UBSan); needs root and
# postgresql-15, postgresql-server-dev-15.
.PHONY: pg-test
pg-test: all
	@sh scripts/deps.sh --ensure-pg
	@SONGBAD=$(BUILD)/songbad sh test/pg/run.sh
