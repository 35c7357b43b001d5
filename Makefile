# Claimdesk: `make run` starts the app, `make test` runs every check CI runs.
# Both install what is missing first (Debian/Ubuntu packages, tauri-driver, npm packages).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Packages the app needs to build and run on Linux, and the ones the end-to-end tests need
# (Xvfb for a display, WebKitWebDriver to drive the real webview, xdotool to answer the system's
# file dialogs), and PostgreSQL's server for the team-sync tests (each test process starts its own
# throw-away cluster with initdb and pg_ctl on a loopback port; see src-tauri/testkit).
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver imagemagick \
	sqlite3 python3 python3-venv fonts-noto-color-emoji fonts-noto-core libreoffice-calc-nogui xdotool \
	e2fsprogs util-linux postgresql postgresql-contrib openssl
TAURI_DRIVER_VERSION := 2.1.0
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
CARGO_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
CARGO_BIN := $(CARGO_DIR)/bin
CARGO_DENY_VERSION := 0.20.2
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_SECONDS ?= 60
export PATH := $(CARGO_BIN):$(PATH)
DEPS := .deps
# The test-only feature that links ts-rs and compiles the bindings tests (see test-rust).
BINDINGS_FEATURES := --features claimdesk-core/bindings,claimdesk/bindings

.PHONY: help run test lint test-deny test-security deps-deny fuzz test-crash bench-startup bench-export bench-report test-rust test-export test-agreement test-ui test-e2e bench bench-core bench-webview bench-corpus bench-corpus-window bench-import bench-team bench-sync bindings bundle deps deps-system deps-driver clean

help:
	@echo "make run     build and start Claimdesk (ARGS='--db FILE' to pick a database)"
	@echo "make test    formatting, lints, type checks, Rust, UI and end-to-end tests"
	@echo "make bundle  build a .deb package"
	@echo "make bench   every benchmark one after the other, then benches/report/REPORT.md with plots"
	@echo "make fuzz    each fuzz target for FUZZ_SECONDS (60); make test-crash: 400 SIGKILLs"

# The app is built exactly as the end-to-end tests build it: `cargo test` resolves features with
# the dev-dependencies on (tokio, rusqlite and the WebDriver client share crates with the app),
# so a plain `cargo run` is another set of compilation units, built again after `make test`
# (minutes on a fresh clone). Naming the e2e target keeps one set: `make run` after `make test`
# compiles nothing.
run: deps ui/dist
	cargo build -p claimdesk --bin claimdesk --test e2e
	"$${CARGO_TARGET_DIR:-target}/debug/claimdesk" $(ARGS)

test: deps ui/dist lint test-deny test-rust test-export test-agreement test-ui test-e2e
	@echo "make test: all checks passed"

# Clippy twice: as shipped (no features), and with the test-only `bindings` feature so that the
# TypeScript derives and the bindings modules are linted too.
lint: deps ui/dist
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets $(BINDINGS_FEATURES) -- -D warnings
	cd ui && npm run --silent check && npm run --silent lint

# ts-rs is linked only with the `bindings` feature, which the shipped binary does not need: the
# tests turn it on here, on the command line, so that the tests comparing ui/src/api/generated/
# with the Rust types run. Not through a dev-dependency of each crate on itself with the feature:
# cargo accepts that, but it turns the feature on in every test build, the e2e tests' app
# included, which `make run` would then rebuild without it, and a `--lib` test run builds the
# core's library a second time beside its test harness. Here the e2e tests build the app as
# `make run` does, and `make run` after `make test` compiles nothing it did not before.
test-rust: deps ui/dist
	cargo test --workspace --exclude claimdesk --features claimdesk-core/bindings
	cargo test -p claimdesk --lib --test boundary --features bindings

# CSV exports read back by Python's csv module and pandas, and opened by LibreOffice headless
# (formula evaluation on): see tests/export/check_csv.py. pandas comes from PyPI into a venv.
test-export: deps $(DEPS)/py.stamp
	cargo build -p claimdesk-cli
	$(DEPS)/py/bin/python tests/export/check_csv.py --cli target/debug/claimdesk-cli

# Agreement figures from three merged analysts' files against scikit-learn's cohen_kappa_score
# and the krippendorff package: see tests/agreement/check_agreement.py. Same venv.
test-agreement: deps $(DEPS)/py.stamp
	cargo build -p claimdesk-cli
	$(DEPS)/py/bin/python tests/agreement/check_agreement.py --cli target/debug/claimdesk-cli

$(DEPS)/py.stamp: tests/export/requirements.txt tests/agreement/requirements.txt
	python3 -m venv $(DEPS)/py
	$(DEPS)/py/bin/pip install --quiet --disable-pip-version-check -r tests/export/requirements.txt \
		-r tests/agreement/requirements.txt
	@touch $@

test-ui: $(DEPS)/npm
	cd ui && npm run --silent test

# The real app window under a virtual display, driven through tauri-driver and WebKitWebDriver.
test-e2e: deps ui/dist
	xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p claimdesk --test e2e -- --test-threads=1

# Every security check at once (make test runs each of them too): the webview's reach and the
# approved paths, hostile database files, pages, corpora and special files, queries, the
# spreadsheet defuser and a crafted teammate file's CSVs in LibreOffice, then the real window.
SECURITY_CORE_TESTS := hostile_databases hostile_html streaming_limits special_files query_input \
	wrong_char_count untrusted_files
test-security: deps ui/dist test-deny $(DEPS)/py.stamp
	cargo test -p claimdesk --test boundary
	cargo test -p claimdesk --lib -- approved_paths state:: import_store jobs::
	cargo test -p claimdesk-core --lib -- spreadsheet_safety bounded_read db::limits db::file_check db::transactions file_kind options
	cargo test -p claimdesk-core --test integration -- $(SECURITY_CORE_TESTS)
	cargo test -p claimdesk-cli --test streaming_limits --test check_hostile
	cargo build -p claimdesk-cli
	$(DEPS)/py/bin/python tests/export/check_csv.py --cli target/debug/claimdesk-cli
	xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p claimdesk --test e2e -- --test-threads=1 security

# Licences, bans and sources from Cargo.lock and crates.io (deny.toml). Advisories against the
# RustSec database whenever it can be fetched (or a copy is already on the machine); an offline
# machine says so plainly and does not fail.
test-deny: deps-deny
	cargo deny --workspace --locked check licenses bans sources
	@if timeout 60 cargo deny --workspace fetch db >/dev/null 2>&1 || \
		ls -d $(CARGO_DIR)/advisory-dbs/advisory-db-*/.git >/dev/null 2>&1; then \
		cargo deny --workspace --offline check advisories; \
	else \
		echo "*** ADVISORIES NOT CHECKED: the RustSec advisory database cannot be fetched from this machine"; \
		echo "*** (no network to github.com); run 'make test-deny' where it can be reached"; \
	fi

deps-deny:
	@command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version $(CARGO_DENY_VERSION)

# Children importing a 10,000-annotation batch or tagging in a loop, killed with SIGKILL 100 times
# each in a WAL file and in a shared (rollback journal) file; `make test-rust` runs 3 of each.
test-crash: deps
	CLAIMDESK_CRASH_ROUNDS=100 cargo test -p claimdesk-cli --test crash -- --nocapture

# Each fuzz target for FUZZ_SECONDS in turn (stable toolchain, no sanitizer); a crash's input is
# written to src-tauri/fuzz/artifacts/<target>/ and the run fails.
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION)
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash src-tauri/fuzz/run.sh

# Benchmarks print figures and never fail on them: the core's criterion benches, then the real
# window under Xvfb (the bench profile builds the app optimised), one after the other so they do
# not compete for the cores. `make bench-core` or `make bench-webview` runs one of them.
# CLAIMDESK_BENCH_RUNS and CLAIMDESK_BENCH_TAGS set how many opens and tags are timed (5, 20).
BENCH_CORE := cargo bench -p claimdesk-core --bench store
BENCH_CORPUS := cargo bench -p claimdesk-core --bench corpus
BENCH_IMPORT := cargo bench -p claimdesk-core --bench html_import
BENCH_TEAM := cargo bench -p claimdesk-core --bench team
BENCH_SYNC := cargo bench -p claimdesk-core --bench team_sync
BENCH_CORPUS_WINDOW := xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p claimdesk --bench corpus_window
BENCH_WEBVIEW := xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p claimdesk --bench webview

# The benchmark report's Python: pandas for the export comparison, matplotlib for the plots.
$(DEPS)/bench-py.stamp: benches/report/requirements.txt
	python3 -m venv $(DEPS)/bench-py
	$(DEPS)/bench-py/bin/pip install --quiet --disable-pip-version-check -r benches/report/requirements.txt
	@touch $@

# CLAIMDESK_BENCH_ARTICLE_SIZES (64K,256K,1M,4M) and CLAIMDESK_CORPUS_SIZES (1000,10000,100000)
# pick the sizes; every bench writes target/bench-results/<bench>.json.
BENCH_STARTUP := xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p claimdesk --bench startup
BENCH_EXPORT := cargo build --release -p claimdesk-cli && $(DEPS)/bench-py/bin/python benches/report/export_bench.py --cli target/release/claimdesk-cli
BENCH_REPORT := $(DEPS)/bench-py/bin/python benches/report/make_report.py

# Earlier results are cleared first, so the report holds this run's figures only.
bench: deps ui/dist $(DEPS)/bench-py.stamp
	rm -rf target/bench-results
	$(BENCH_CORE)
	$(BENCH_WEBVIEW)
	$(BENCH_STARTUP)
	$(BENCH_IMPORT)
	$(BENCH_TEAM)
	$(BENCH_SYNC)
	$(BENCH_CORPUS)
	$(BENCH_CORPUS_WINDOW)
	$(BENCH_EXPORT)
	$(BENCH_REPORT)

# Process start to the library's first page painted; memory at rest (empty database, 1 MB article open).
bench-startup: deps ui/dist
	$(BENCH_STARTUP)

# Our CSV export against sqlite3 -csv and pandas read_sql + to_csv on the bench corpora.
bench-export: deps $(DEPS)/bench-py.stamp bench-corpus
	$(BENCH_EXPORT)

# The report from whatever target/bench-results/ holds.
bench-report: $(DEPS)/bench-py.stamp
	$(BENCH_REPORT)

bench-core: deps
	$(BENCH_CORE)

bench-webview: deps ui/dist
	$(BENCH_WEBVIEW)

# 100,000 articles and 1,000,000 annotations (about 2.6 GB, 5 minutes to build once; kept in
# target/bench-corpus/). CLAIMDESK_CORPUS_ARTICLES=N builds a smaller one.
bench-corpus: deps
	$(BENCH_CORPUS)

# Merge two files of 500,000 annotations each; agreement over 102,000 (files in target/bench-team/).
bench-team: deps
	$(BENCH_TEAM)

# Team sync against a throw-away PostgreSQL cluster: first sync of 100,000 annotations, one change
# seen by a teammate, six analysts at once. CLAIMDESK_BENCH_SYNC_ANNOTATIONS=N syncs fewer.
bench-sync: deps
	$(BENCH_SYNC)

# Import 10,000 HTML pages from a folder (built in target/bench-import/).
bench-import: deps
	$(BENCH_IMPORT)

# The real window on that corpus (library first page, scrolling, table jumps); builds it first.
bench-corpus-window: deps ui/dist bench-corpus
	$(BENCH_CORPUS_WINDOW)

# Regenerate the TypeScript twins of the Rust types that cross the IPC boundary and the command
# table read from the command fns, ui/src/api/generated/commands.ts (the tests that write them
# exist only with the `bindings` feature; see test-rust).
bindings:
	UPDATE_BINDINGS=1 cargo test -p claimdesk-core --features bindings --lib bindings
	UPDATE_BINDINGS=1 cargo test -p claimdesk --features bindings --lib bindings

bundle: deps ui/dist
	ui/node_modules/.bin/tauri build --bundles deb
	@ls -1 target/release/bundle/deb/*.deb

deps: deps-system deps-driver $(DEPS)/npm

deps-system: $(DEPS)/apt
$(DEPS)/apt: Makefile
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi
	@mkdir -p $(DEPS) && touch $@

deps-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

$(DEPS)/npm: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@mkdir -p $(DEPS) && touch $@

UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/tsconfig.json -type f 2>/dev/null)
ui/dist: $(DEPS)/npm $(UI_SOURCES)
	cd ui && npm run --silent build
	@touch ui/dist

clean:
	rm -rf target ui/dist ui/node_modules $(DEPS)
