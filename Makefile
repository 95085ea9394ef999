# Return Station: a flat Makefile. `make` builds stationd and stationctl;
# `make run` starts the demo; `make test` runs every test.

PREFIX	?= /usr/local
DESTDIR	?=
BUILD	?= build
CC	?= cc
OPT	?= -O2 -g
SAN	?=

PKGS	 = sqlite3 nettle inih libsodium pangocairo cairo-pdf cairo-svg libusb-1.0 libevdev xlsxwriter libmicrohttpd libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	    $(shell cups-config --cflags 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
	    $(shell cups-config --libs 2>/dev/null) -lzint -lzbar -ljpeg -lm

# Messages are cut to their buffers on purpose (snprintf), so GCC's guesses
# about truncation are not errors here.
CFLAGS_ALL = -DSTATION_LIBEXEC='"$(PREFIX)/libexec/station"' -DSTATION_SBINDIR='"$(PREFIX)/sbin"' -std=c11 -Wall -Wextra -Werror -Wshadow -Wformat=2 \
	    -Wno-format-nonliteral -Wno-format-truncation -D_DEFAULT_SOURCE \
	    $(OPT) $(SAN) \
	    -MMD -MP $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

# The daemon's library: everything but the entry points and the demo.
STATION_MAINS = station/stationd.c station/stationctl.c station/ctldoc.c \
		station/printd-main.c
LIB_SRCS = $(wildcard common/*.c db/*.c drivers/*.c) \
	   $(wildcard labels/*.c) labels/builtin.c \
	   $(filter-out $(STATION_MAINS),$(wildcard station/*.c))
DEMO_SRCS = $(wildcard demo/*.c)
CTL_SRCS = station/stationctl.c station/proto.c common/buf.c common/log.c
UNIT_SRCS = $(wildcard tests/unit/test_*.c)

LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/%.o)
DEMO_OBJS = $(DEMO_SRCS:%.c=$(BUILD)/%.o)
CTL_OBJS  = $(CTL_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/ctl-doc.o
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

all: $(BUILD)/stationd $(BUILD)/station-printer $(BUILD)/stationctl \
	$(BUILD)/stationctl.1

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The shipped templates are compiled in, so a binary needs no data files.
TEMPLATES = $(wildcard labels/templates/*.tmpl)
$(BUILD)/labels/builtin.o: $(BUILD)/labels/builtin.c
	$(CC) $(CFLAGS_ALL) -I. -c -o $@ $<
$(BUILD)/labels/builtin.c: $(TEMPLATES) scripts/embed.sh
	@mkdir -p $(dir $@)
	sh scripts/embed.sh $(TEMPLATES) > $@

$(BUILD)/libstation.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

# The daemon links only the libraries it calls (--as-needed): drawing, fonts,
# images and CUPS belong to station-printer, its printer side.
$(BUILD)/stationd: $(BUILD)/station/stationd.o $(DEMO_OBJS) $(BUILD)/libstation.a
	$(CC) $(LDFLAGS_ALL) -Wl,--as-needed -o $@ $^ $(PKG_LIBS)

$(BUILD)/station-printer: $(BUILD)/station/printd-main.o $(BUILD)/libstation.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

# stationctl's help and its man page come from the commands' declarations.
$(BUILD)/ctldoc: $(BUILD)/station/ctldoc.o $(BUILD)/libstation.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)
$(BUILD)/gen/ctl-doc.c: $(BUILD)/ctldoc
	@mkdir -p $(dir $@)
	$(BUILD)/ctldoc -c > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/ctl-doc.o: $(BUILD)/gen/ctl-doc.c
	$(CC) $(CFLAGS_ALL) -I. -c -o $@ $<
$(BUILD)/stationctl.1: $(BUILD)/ctldoc
	$(BUILD)/ctldoc -m > $@.tmp && mv $@.tmp $@

$(BUILD)/stationctl: $(CTL_OBJS)
	$(CC) $(LDFLAGS_ALL) -o $@ $^

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(DEMO_OBJS) $(BUILD)/libstation.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -lutil

TOOL_BINS = $(BUILD)/tests/tools/hold
$(BUILD)/tests/tools/%: tests/tools/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $<

# the storage fault shim, preloaded into stationd by the fault tests
$(BUILD)/tests/tools/faultfs.so: tests/tools/faultfs.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

# the printer side's lost answer from CUPS (test_outage)
$(BUILD)/tests/tools/lostreply.so: tests/tools/lostreply.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

# two drawings of a label compared, dot for dot (test_zplr)
$(BUILD)/tests/tools/inkcmp: tests/tools/inkcmp.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(shell pkg-config --libs cairo)

units: $(UNIT_BINS) $(TOOL_BINS) $(BUILD)/tests/tools/faultfs.so \
	$(BUILD)/tests/tools/lostreply.so $(BUILD)/tests/tools/inkcmp

deps:
	@sh scripts/deps.sh

# Sub-makes so that pkg-config runs after deps.sh has installed the packages.
run: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/stationd --demo ./var

# two desks and a private PostgreSQL they upload to, under ./var/central
run-central: deps
	@$(MAKE) --no-print-directory all
	sh scripts/demo-central.sh ./var/central $(BUILD)

test: deps
	@$(MAKE) --no-print-directory all units
	@sh tests/run.sh $(BUILD)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    all units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:verify_asan_link_order=0 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    sh tests/run.sh build/asan

bench:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory BUILD=build/bench OPT="-O2 -DNDEBUG" \
	    all build/bench/bench_scan build/bench/bench_labels \
	    build/bench/bench_floor build/bench/gen_cases \
	    build/bench/bench_report build/bench/bench_web \
	    build/bench/bench_sync
	@sh bench/run.sh build/bench

build/bench/bench_scan: bench/bench_scan.c build/bench/station/proto.o \
	    build/bench/common/buf.o build/bench/common/log.o
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    -o $@ $^ -lm

# libFuzzer on the parsers that take outside bytes; FUZZ_SECONDS each.
FUZZ_SECONDS ?= 30
FUZZERS = fuzz_scan fuzz_proto fuzz_linebuf fuzz_imghdr fuzz_msg \
	  fuzz_template fuzz_hid fuzz_config fuzz_jsonr
FUZZ_CFLAGS = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined
build/fuzz/fuzz_scan: tests/fuzz/fuzz_scan.c station/scan.c common/utf8.c common/log.c common/buf.c
build/fuzz/fuzz_proto: tests/fuzz/fuzz_proto.c station/proto.c common/buf.c common/log.c
build/fuzz/fuzz_linebuf: tests/fuzz/fuzz_linebuf.c drivers/linebuf.c station/scan.c common/utf8.c common/log.c common/buf.c
build/fuzz/fuzz_imghdr: tests/fuzz/fuzz_imghdr.c drivers/imghdr.c
build/fuzz/fuzz_msg: tests/fuzz/fuzz_msg.c common/msg.c common/buf.c common/log.c
build/fuzz/fuzz_template: tests/fuzz/fuzz_template.c labels/template.c \
	    labels/expand.c common/utf8.c common/buf.c common/log.c
build/fuzz/fuzz_hid: tests/fuzz/fuzz_hid.c drivers/hid.c
build/fuzz/fuzz_jsonr: tests/fuzz/fuzz_jsonr.c common/jsonr.c
build/fuzz/fuzz_config: tests/fuzz/fuzz_config.c station/config.c station/scan.c \
	    labels/template.c labels/expand.c build/labels/builtin.c \
	    drivers/scanner.c drivers/scan_usb.c drivers/scan_serial.c \
	    drivers/scan_evdev.c drivers/scan_stdin.c drivers/linebuf.c \
	    drivers/hid.c common/utf8.c common/buf.c common/log.c common/clock.c \
	    common/money.c station/role.c station/kind.c station/pqlib.c \
	    common/dl.c
build/fuzz/fuzz_config: FUZZ_CFLAGS += -I. $(PKG_CFLAGS)
build/fuzz/fuzz_config: FUZZ_LIBS = $(shell pkg-config --libs inih libusb-1.0 libevdev 2>/dev/null)
build/fuzz/fuzz_template: FUZZ_CFLAGS += $(shell pkg-config --cflags cairo 2>/dev/null)
build/fuzz/%:
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $^ $(FUZZ_LIBS)

fuzz: deps $(FUZZERS:%=build/fuzz/%)
	@for f in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus-$$f; \
		echo "fuzzing $$f for $(FUZZ_SECONDS) s"; \
		build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		    build/fuzz/corpus-$$f tests/fuzz/corpus/$$f \
		    2>build/fuzz/$$f.log || \
		    { tail -40 build/fuzz/$$f.log; exit 1; }; \
		tail -1 build/fuzz/$$f.log; \
	done

build/bench/bench_floor: bench/bench_floor.c
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    -o $@ $^ -lsqlite3 -lm

build/bench/gen_cases: bench/gen_cases.c build/bench/libstation.a
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/bench/bench_report: bench/bench_report.c build/bench/libstation.a
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/bench/bench_web: bench/bench_web.c build/bench/libstation.a
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/bench/bench_sync: bench/bench_sync.c build/bench/libstation.a
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/bench/bench_labels: bench/bench_labels.c build/bench/libstation.a
	$(CC) -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -O2 \
	    $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin \
	    $(DESTDIR)/etc/station $(DESTDIR)$(PREFIX)/lib/systemd/system \
	    $(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(PREFIX)/share/man/man1
	@# the daemon's own user, on a real install (a package makes its own)
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && \
	    ! id station >/dev/null 2>&1; then \
		useradd --system --home-dir /var/lib/station --no-create-home \
		    --shell /usr/sbin/nologin station && echo "user station added"; \
	fi
	install -m 755 $(BUILD)/stationd $(DESTDIR)$(PREFIX)/sbin/stationd
	install -d $(DESTDIR)$(PREFIX)/libexec/station
	install -m 755 $(BUILD)/station-printer \
	    $(DESTDIR)$(PREFIX)/libexec/station/station-printer
	install -m 755 $(BUILD)/stationctl $(DESTDIR)$(PREFIX)/bin/stationctl
	install -m 644 etc/station.conf $(DESTDIR)/etc/station/station.conf.example
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' etc/stationd.service.in > \
	    $(DESTDIR)$(PREFIX)/lib/systemd/system/stationd.service
	install -m 644 etc/stationd.8 $(DESTDIR)$(PREFIX)/share/man/man8/stationd.8
	install -m 644 $(BUILD)/stationctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/stationctl.1
	install -d $(DESTDIR)$(PREFIX)/share/station
	install -m 644 etc/60-station-scanner.rules \
	    $(DESTDIR)$(PREFIX)/share/station/60-station-scanner.rules

clean:
	rm -rf build

.PHONY: all units deps run run-central test asan bench fuzz install clean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
