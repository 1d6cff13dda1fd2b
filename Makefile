# Serverless Factory — the pipeline's steps as make targets. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export NX_DAEMON ?= false
export NX_NO_CLOUD := true
export NX_TUI := false
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED := true
export AWS_REGION ?= us-east-1
STAGE ?= dev
export STAGE
SERVICES ?=
PERSIST ?=

NX := npx nx
TSX := npx tsx
APPS := $(shell ls -d apps/*/serverless.yml 2>/dev/null | cut -d/ -f2 | paste -sd, -)
SELECTED := $(if $(SERVICES),$(SERVICES),$(APPS))

INSTALL_STAMP := node_modules/.install-stamp

.PHONY: help install test build dev clean

help: ## list the targets
	@echo "Serverless Factory — make targets"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-10s %s\n", $$1, $$2 }'
	@echo
	@echo "Variables: SERVICES=a,b (default: all: $(APPS))  STAGE=dev|staging|prod  PERSIST=DIR (make dev)"

$(INSTALL_STAMP): package.json package-lock.json $(wildcard apps/*/package.json libs/*/package.json tools/*/package.json)
	@echo "› installing dependencies (npm ci)"
	npm ci --no-audit --no-fund
	@touch $@

install: $(INSTALL_STAMP) ## install dependencies when node_modules is missing or stale

test: $(INSTALL_STAMP) ## lint + typecheck + unit and integration tests of every project
	@rm -rf reports/junit
	$(NX) run-many -t lint typecheck test --parallel=2
	@$(TSX) tools/ci/src/cli/summary.ts --label "test results" reports/junit

build: $(INSTALL_STAMP) ## package every service (serverless package) into dist/<service>/<stage>
	$(NX) run-many -t package --projects=$(SELECTED) --parallel=2

dev: $(INSTALL_STAMP) ## run every service locally behind one gateway on :3000 (Ctrl-C stops all)
	@$(TSX) tools/local/src/cli/dev.ts $(if $(SERVICES),--services $(SERVICES)) $(if $(PERSIST),--persist $(PERSIST))

clean: ## remove build output, reports and the Nx cache
	rm -rf dist coverage reports evidence .nx apps/*/.esbuild apps/*/.serverless
