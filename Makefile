# Serverless Factory — the pipeline's steps as make targets. `make help` lists them.
#
#   validate → test → build → deploy → canary (→ evidence); `make ci` runs them in order.
#
# Selection, for every target that acts on services:
#   SERVICES=a,b   only these services (and, for lint/typecheck/test, only these projects)
#   AFFECTED=1     only what changed between NX_BASE and NX_HEAD (Nx graph; tools/ci)
SHELL := /bin/bash
.DEFAULT_GOAL := help
.SHELLFLAGS := -eo pipefail -c

export NX_DAEMON ?= false
export NX_NO_CLOUD := true
export NX_TUI := false
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED := true
export AWS_REGION ?= us-east-1
export SLS_TELEMETRY_DISABLED := 1
# Nx's cache inside the workspace (git-ignored; make clean empties it), whatever the caller's environment says.
export NX_CACHE_DIRECTORY := $(CURDIR)/.nx/cache

STAGE ?= dev
export STAGE
SERVICES ?=
AFFECTED ?=
NX_BASE ?= $(shell git rev-parse --verify -q origin/main >/dev/null 2>&1 && echo origin/main || echo HEAD~1)
NX_HEAD ?= HEAD
BASE_URL ?=
DEPLOY ?= emulator
PERSIST ?=

NX := npx nx
# The stages a service is deployed to, in order (make validate packages and checks each).
DEPLOY_STAGES := dev staging prod
CFN_LINT = $(VENV)/bin/cfn-lint --non-zero-exit-code warning
# Every template make validate lints: each selected service at each stage, and the bootstrap stack.
BOOTSTRAP_TEMPLATE := tools/bootstrap/bootstrap.yml
VALIDATE_TEMPLATES = $(BOOTSTRAP_TEMPLATE) $(foreach s,$(SELECTED_LIST),$(foreach g,$(DEPLOY_STAGES),dist/$(s)/$(g)/cloudformation-template-create-stack.json dist/$(s)/$(g)/cloudformation-template-update-stack.json))
TSX := node_modules/.bin/tsx
# checkov over CloudFormation, offline; its findings fail the build, its skips carry their reasons (docs/policy.md).
CHECKOV = $(VENV)/bin/checkov --framework cloudformation --skip-download --quiet --compact
POLICY_TEMPLATES = $(BOOTSTRAP_TEMPLATE) $(foreach s,$(SELECTED_LIST),$(foreach g,$(DEPLOY_STAGES),dist/$(s)/$(g)/cloudformation-template-update-stack.json))
KNIP := npx knip --no-progress --include exports,types,nsExports,nsTypes,duplicates,enumMembers
APPS := $(shell ls -d apps/*/serverless.yml 2>/dev/null | cut -d/ -f2 | paste -sd, -)

# Every Nx project (apps/*, libs/*, tools/*): lint, typecheck and test take any of them in SERVICES.
PROJECTS := $(shell ls -d apps/*/project.json libs/*/project.json tools/*/project.json 2>/dev/null | cut -d/ -f2 | paste -sd, -)
comma := ,
STAGES := local dev staging prod
# The targets that take SERVICES, and those of them that also take any project.
SERVICE_GOALS := lint typecheck validate test build deploy canary fuzz e2e ci evidence dev drift verify-attestation info
PROJECT_GOALS := lint typecheck test
# Checked before anything runs: an unknown service or stage fails at once, naming the valid ones.
ifneq ($(filter-out $(STAGES),$(STAGE)),)
  $(error STAGE=$(STAGE) is not a stage: use one of $(STAGES))
endif
ifneq ($(filter invoke,$(MAKECMDGOALS)),)
  ifeq ($(filter $(SERVICE),$(subst $(comma), ,$(APPS))),)
    $(error SERVICE=$(SERVICE) is not a service: use one of $(subst $(comma),$(comma) ,$(APPS)))
  endif
endif
ifneq ($(SERVICES),)
  ifneq ($(filter $(SERVICE_GOALS),$(MAKECMDGOALS)),)
    VALID_SERVICES := $(if $(filter-out $(PROJECT_GOALS),$(MAKECMDGOALS)),$(APPS),$(PROJECTS))
    UNKNOWN_SERVICES := $(filter-out $(subst $(comma), ,$(VALID_SERVICES)),$(subst $(comma), ,$(SERVICES)))
    ifneq ($(UNKNOWN_SERVICES),)
      $(error SERVICES: unknown $(UNKNOWN_SERVICES); the services are $(subst $(comma),$(comma) ,$(APPS))$(if $(filter-out $(PROJECT_GOALS),$(MAKECMDGOALS)),, (lint, typecheck and test also take the projects $(subst $(comma),$(comma) ,$(PROJECTS)))))
    endif
  endif
endif

ifneq ($(SERVICES),)
  SELECTED := $(SERVICES)
  NX_RUN := $(NX) run-many --projects=$(SERVICES)
else ifeq ($(AFFECTED),1)
  SELECTED = $(shell $(TSX) tools/ci/src/cli/affected.ts --base $(NX_BASE) --head $(NX_HEAD) --format list)
  NX_RUN := $(NX) affected --base=$(NX_BASE) --head=$(NX_HEAD)
else
  SELECTED := $(APPS)
  NX_RUN := $(NX) run-many
endif
SELECTED_LIST = $(subst $(comma), ,$(SELECTED))

INSTALL_STAMP := node_modules/.package-lock.json
# The pipeline's Python tools (moto server, cfn-lint, checkov, schemathesis), pinned with hashes in
# tools/python/requirements.txt, live in the git-ignored .venv. make dev never needs them.
VENV := .venv
PYTHON_TOOLS_STAMP := $(VENV)/.requirements.txt

.PHONY: help install python-tools health alarm-drill report affected plan verify-attestation drift check-packages summary bootstrap validate lint typecheck test build deploy canary fuzz e2e faults ci evidence dev token seed invoke logs info bench bench-stack audit format clean

help: ## list the targets
	@echo "Serverless Factory — make targets"
	@grep -hE '^[a-z][a-z0-9-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-10s %s\n", $$1, $$2 }'
	@echo
	@echo "Variables: SERVICES=a,b (all: $(APPS))  AFFECTED=1 [NX_BASE=… NX_HEAD=…]  STAGE=local|dev|staging|prod"
	@echo "           BASE_URL=… (canary)  DEPLOY=emulator|aws (ci)  PERSIST=DIR (dev)  GATEWAY_PORT=3000 (dev, seed)"

# IGNORE_SCRIPTS=1: no package's install script runs (CI jobs that hold an OIDC token); the one
# script the workspace needs, patch-package (patches/), is run on its own.
IGNORE_SCRIPTS ?=
$(INSTALL_STAMP): package.json package-lock.json $(wildcard apps/*/package.json libs/*/package.json tools/*/package.json patches/*)
	@echo "› installing dependencies (npm ci$(if $(IGNORE_SCRIPTS), --ignore-scripts: patches/ applied by patch-package))"
	npm ci --no-audit --no-fund $(if $(IGNORE_SCRIPTS),--ignore-scripts)
	$(if $(IGNORE_SCRIPTS),node_modules/.bin/patch-package)
	@touch $@

install: $(INSTALL_STAMP) ## install dependencies when node_modules is missing or stale

$(PYTHON_TOOLS_STAMP): tools/python/requirements.txt
	@command -v python3 >/dev/null 2>&1 || { \
	  echo "The pipeline's Python tools (the AWS API emulator moto, cfn-lint, checkov, schemathesis) need python3 ≥ 3.10 with venv."; \
	  echo "Install it (Debian/Ubuntu: sudo apt-get install -y python3 python3-venv; macOS: brew install python), then run make again."; \
	  echo "make dev does not need it."; exit 1; }
	@python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || { \
	  echo "python3 is $$(python3 --version 2>&1 | cut -d' ' -f2); the pipeline's Python tools need 3.10 or newer."; exit 1; }
	@echo "› installing the pipeline's Python tools into $(VENV) (tools/python/requirements.txt, hash-checked; about a minute)"
	@python3 -m venv $(VENV) || { echo "python3 cannot create a venv: install its venv module (Debian/Ubuntu: sudo apt-get install -y python3-venv)."; exit 1; }
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r tools/python/requirements.txt
	@cp tools/python/requirements.txt $@

python-tools: $(PYTHON_TOOLS_STAMP) ## install the pipeline's pinned Python tools into .venv (not needed by make dev)

# Debian's Chromium: the browser tests of make report's HTML page (tools/ci) and of the local console
# (tools/local) drive it with playwright-core; no browser is downloaded.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "› installing Debian's Chromium for the browser tests of the delivery report and the local console (apt-get install chromium)"
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Install Debian's chromium (sudo apt-get install -y chromium) at $(CHROMIUM), then run make again."; exit 1; fi

lint: $(INSTALL_STAMP) ## ESLint (with module boundaries) of the selected projects; knip: no unused export
	$(NX_RUN) -t lint --parallel=2
	@$(KNIP)

typecheck: $(INSTALL_STAMP) ## tsc --noEmit of the selected projects and of bench/; every TSDoc @example compiles
	$(NX_RUN) -t typecheck --parallel=2
	@npx tsc -p bench/tsconfig.json --noEmit
	@$(TSX) tools/ci/src/cli/doc-examples.ts

validate: $(INSTALL_STAMP) $(PYTHON_TOOLS_STAMP) ## lint, typecheck, doc examples, serverless package of every stage, cfn-lint, policy + checkov, secret scan, workflow lint
	$(NX_RUN) -t lint typecheck --parallel=2
	@echo "› tsc of bench/"
	@npx tsc -p bench/tsconfig.json --noEmit
	@echo "› every TSDoc @example compiles (tools/ci/src/cli/doc-examples.ts)"
	@$(TSX) tools/ci/src/cli/doc-examples.ts
	@echo "› prettier --check (one formatter: make format fixes it)"
	@npx prettier --check --log-level warn .
	@echo "› knip: every export is used by another file, every barrel only by what other projects import (knip.json)"
	@$(KNIP)
	@mkdir -p reports/sarif
	@echo "› ESLint SARIF (reports/sarif/eslint.sarif)"
	@npx eslint --max-warnings 0 -f @microsoft/eslint-formatter-sarif -o reports/sarif/eslint.sarif .
	@if [ -n "$(SELECTED)" ]; then \
	  for stage in $(DEPLOY_STAGES); do \
	    echo "› serverless package --stage $$stage (configValidationMode: error; stage values from .ci/stages.env): $(SELECTED)"; \
	    STAGE_CONFIG_FILE=$(CURDIR)/.ci/stages.env $(NX) run-many -t package --projects=$(SELECTED) --stage=$$stage --parallel=2 || exit 1; \
	  done; \
	  echo "› cfn-lint of every packaged template and the bootstrap stack (reports/sarif/cfn-lint.sarif)"; \
	  $(CFN_LINT) --format sarif --output-file reports/sarif/cfn-lint.sarif -- $(VALIDATE_TEMPLATES) \
	    || { $(CFN_LINT) -- $(VALIDATE_TEMPLATES); exit 1; }; \
	  echo "  cfn-lint: 0 findings in $(words $(VALIDATE_TEMPLATES)) templates"; \
	  echo "› policy check of the bootstrap stack and the packaged templates of every stage (reports/sarif/policy.sarif)"; \
	  npm run -s policy -- $(BOOTSTRAP_TEMPLATE) $(foreach s,$(SELECTED_LIST),$(foreach g,$(DEPLOY_STAGES),dist/$(s)/$(g))) --sarif reports/sarif/policy.sarif || exit 1; \
	  echo "› checkov of the same templates (reports/sarif/checkov.sarif)"; \
	  $(CHECKOV) $(foreach t,$(POLICY_TEMPLATES),-f $(t)) -o cli -o sarif --output-file-path console,reports/sarif/checkov.sarif || exit 1; \
	else echo "› no service selected: no packaging, no cfn-lint, no policy check"; fi
	@echo "› secretlint over tracked files (reports/sarif/secretlint.sarif)"
	@git ls-files -z | xargs -0 npx secretlint --format @secretlint/secretlint-formatter-sarif --output reports/sarif/secretlint.sarif \
	  || { git ls-files -z | xargs -0 npx secretlint; exit 1; }
	@echo "› actionlint over .github/workflows"
	@$(TSX) tools/ci/src/cli/actionlint.ts
	@$(MAKE) --no-print-directory audit

affected: $(INSTALL_STAMP) ## the affected services between NX_BASE and NX_HEAD, and why (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY when set)
	@$(TSX) tools/ci/src/cli/affected.ts --base "$(NX_BASE)" --head "$(NX_HEAD)" --format markdown \
	  $(if $(GITHUB_OUTPUT),--github-output "$(GITHUB_OUTPUT)") $(if $(GITHUB_STEP_SUMMARY),--summary "$(GITHUB_STEP_SUMMARY)")

plan: $(INSTALL_STAMP) ## the services STAGE needs, from the commits deployed there (SSM; GITHUB_OUTPUT gets <stage>_matrix/list/count)
	@$(TSX) tools/ci/src/cli/deploy-plan.ts --stage $(STAGE) --head "$(NX_HEAD)" --store ssm --format markdown \
	  --output-prefix $(STAGE)_ $(if $(GITHUB_OUTPUT),--github-output "$(GITHUB_OUTPUT)") $(if $(GITHUB_STEP_SUMMARY),--summary "$(GITHUB_STEP_SUMMARY)")

verify-attestation: ## GitHub only: check the build provenance of the downloaded packages of STAGE (gh attestation verify)
	@for s in $(SELECTED_LIST); do \
	  test -f dist/$$s/$(STAGE)/manifest.json || { echo "dist/$$s/$(STAGE) was not downloaded: no manifest.json"; exit 1; }; \
	  gh attestation verify dist/$$s/$(STAGE)/manifest.json --repo "$$GITHUB_REPOSITORY" || exit 1; \
	done

drift: $(INSTALL_STAMP) ## CloudFormation drift detection of STAGE's stacks: fails on DRIFTED and on DETECTION_FAILED (read credentials)
	@$(TSX) tools/ci/src/cli/drift.ts --stage $(STAGE) $(if $(SERVICES),--services $(SERVICES)) $(if $(GITHUB_STEP_SUMMARY),--summary "$(GITHUB_STEP_SUMMARY)")

check-packages: $(INSTALL_STAMP) $(PYTHON_TOOLS_STAMP) ## cfn-lint (no finding), the policy checker and checkov on every package in dist/ (the build job checks what it promotes)
	@templates="$(wildcard dist/*/*/cloudformation-template-*-stack.json)"; \
	test -n "$$templates" || { echo "no package in dist/: run make build first"; exit 1; }; \
	echo "› cfn-lint of $$(echo $$templates | wc -w) templates in dist/"; $(CFN_LINT) -- $$templates && \
	echo "› policy check of dist/" && npm run -s policy -- dist && \
	echo "› checkov of dist/" && $(CHECKOV) $(foreach t,$(wildcard dist/*/*/cloudformation-template-update-stack.json),-f $(t))

summary: $(INSTALL_STAMP) ## the tests: N passed, N failed line of reports/junit (and GITHUB_STEP_SUMMARY when set)
	@$(TSX) tools/ci/src/cli/summary.ts reports/junit $(if $(GITHUB_STEP_SUMMARY),| tee -a "$(GITHUB_STEP_SUMMARY)")

bootstrap: $(PYTHON_TOOLS_STAMP) ## once per stage and account: deploy the bootstrap stack (STAGE, GITHUB_REPOSITORY, API_DOMAIN, CERTIFICATE_ARN; tools/bootstrap)
	@tools/bootstrap/bootstrap.sh

audit: ## npm audit (GitHub Actions only: no advisory service is reachable from local machines)
	@if [ "$$GITHUB_ACTIONS" = "true" ]; then npm audit --omit=dev --audit-level=high; \
	else echo "› npm audit skipped: no advisory service reachable here; it runs in GitHub Actions (pr.yml)"; fi

test: $(INSTALL_STAMP) $(PYTHON_TOOLS_STAMP) $(CHROMIUM) ## lint + typecheck + unit and integration tests (DynamoDB Local and the AWS API emulator started by the tests)
	@if [ "$(AFFECTED)" = 1 ] && [ -z "$$($(NX) show projects --affected --base=$(NX_BASE) --head=$(NX_HEAD) --withTarget test)" ]; then \
	  echo "› nothing affected between $(NX_BASE) and $(NX_HEAD): no test runs, and reports/junit and coverage/ are kept"; exit 0; fi; \
	rm -rf reports/junit $(NX_CACHE_DIRECTORY)/run.json; \
	echo "$(NX_RUN) -t lint typecheck test --parallel=2"; \
	$(NX_RUN) -t lint typecheck test --parallel=2 && \
	$(TSX) tools/ci/src/cli/test-report.ts reports/junit coverage && \
	$(TSX) tools/ci/src/cli/summary.ts --label "test results" --nx-run $(NX_CACHE_DIRECTORY)/run.json reports/junit && \
	$(TSX) tools/ci/src/cli/record-coverage.ts

health: $(INSTALL_STAMP) ## STAGE's services: health route 200, no alarm in ALARM, last deploy not failed; one table, exit 1 otherwise (BASE_URL=…, SERVICES=…)
	@$(TSX) tools/ci/src/cli/health.ts --stage $(STAGE) $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(SERVICES),--services $(SERVICES))

alarm-drill: $(INSTALL_STAMP) ## set SERVICE's fast-burn SLO alarm in STAGE to ALARM, check it pages and rolls a canary back, set it back to OK (AWS credentials; ALARM=…)
	@test -n "$(SERVICE)" || { echo "make alarm-drill needs SERVICE=<service> (one of $(APPS))"; exit 2; }
	@$(TSX) tools/ci/src/cli/alarm-drill.ts --stage $(STAGE) --service $(SERVICE) $(if $(ALARM),--alarm $(ALARM))

report: $(INSTALL_STAMP) ## delivery KPIs per service and team from reports/history (FROM=github: the GitHub Actions API) → reports/weekly/report.md and report.html (REPORT_STAGE=prod, else the stage deployed last; DAYS=28, UNTIL=…)
	@$(TSX) tools/ci/src/cli/report.ts $(if $(REPORT_STAGE),--stage $(REPORT_STAGE)) $(if $(DAYS),--days $(DAYS)) $(if $(UNTIL),--until $(UNTIL)) $(if $(filter github,$(FROM)),--from-github) $(if $(GITHUB_STEP_SUMMARY),--summary "$(GITHUB_STEP_SUMMARY)")

build: $(INSTALL_STAMP) ## serverless package of the selected services into dist/<service>/<stage>, with manifest.json
	@if [ -z "$(SELECTED)" ]; then echo "› no service selected: nothing to build"; exit 0; fi; \
	$(NX) run-many -t package --projects=$(SELECTED) --stage=$(STAGE) --parallel=2 && \
	$(TSX) tools/ci/src/cli/manifest.ts --stage $(STAGE) --services $(SELECTED)

deploy: $(INSTALL_STAMP) ## deploy the built packages to STAGE: the services whose deployed commit is behind (AWS credentials; make ci: the emulator)
	@if [ -z "$$AWS_ACCESS_KEY_ID$$AWS_PROFILE$$AWS_WEB_IDENTITY_TOKEN_FILE$$AWS_CONTAINER_CREDENTIALS_FULL_URI" ]; then \
	  echo "make deploy needs AWS credentials (CI assumes a role per stage through GitHub OIDC)."; \
	  echo "Without AWS, make ci deploys to the AWS API emulator, and make dev runs the services."; exit 1; fi
	@if [ "$(AFFECTED)" = 1 ] && [ -z "$(SELECTED)" ]; then echo "0 services to deploy to $(STAGE): nothing affected"; exit 0; fi; \
	$(TSX) tools/ci/src/cli/deploy.ts --stage $(STAGE) --services $(SELECTED) $(if $(GITHUB_STEP_SUMMARY),--summary $(GITHUB_STEP_SUMMARY))

canary: $(INSTALL_STAMP) ## the end-to-end suite against BASE_URL (default: the stage's base URL in SSM); per service with SERVICES=…, read-only for STAGE=prod
	@if [ "$(AFFECTED)" = 1 ] && [ -z "$(SELECTED)" ]; then echo "canary: nothing affected"; exit 0; fi; \
	node --import tsx tools/e2e/src/canary.ts --stage $(STAGE) $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(or $(SERVICES),$(filter 1,$(AFFECTED))),--services $(SELECTED))

fuzz: $(INSTALL_STAMP) $(PYTHON_TOOLS_STAMP) ## schemathesis on each service's openapi.yaml through BASE_URL (none: a local stack started for it); SERVICES=…, FUZZ_MAX_EXAMPLES=…, FUZZ_SEED=…
	@if [ "$(AFFECTED)" = 1 ] && [ -z "$(SELECTED)" ]; then echo "fuzz: nothing affected"; exit 0; fi; \
	node --import tsx tools/e2e/src/fuzz.ts $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(or $(SERVICES),$(filter 1,$(AFFECTED))),--services $(SELECTED))

e2e: $(INSTALL_STAMP) ## start the local stack, run the end-to-end suite through it, stop it
	node --import tsx tools/e2e/src/run-local.ts $(if $(SERVICES),--services $(SERVICES))

faults: $(INSTALL_STAMP) ## fault injection: DynamoDB Local behind a fault proxy under its own local stack (:3330-3339); throttling, timeouts, late reserves, catalog 5xx, orders killed
	@mkdir -p reports/e2e-faults
	npx jest -c tools/e2e/jest.faults.config.js --ci

ci: $(INSTALL_STAMP) $(PYTHON_TOOLS_STAMP) ## the whole chain in order, with a stage table (DEPLOY=emulator: the AWS API emulator, then the local stack for the canary)
	@$(TSX) tools/ci/src/cli/pipeline.ts --deploy $(DEPLOY) --stage $(STAGE) $(if $(SERVICES),--services $(SERVICES),$(if $(filter 1,$(AFFECTED)),--affected --base $(NX_BASE) --head $(NX_HEAD))) $(if $(BASE_URL),--base-url $(BASE_URL))

evidence: $(INSTALL_STAMP) ## JUnit, coverage, SARIF, SBOM and manifests into evidence/
	@$(TSX) tools/ci/src/cli/evidence.ts --stage $(STAGE) $(if $(SELECTED),--services $(SELECTED))

dev: $(INSTALL_STAMP) ## every service behind one gateway on :3000; SERVICES=a,b (or all) start at once, the rest on their first request (ONLY=…, PERSIST=DIR, IDLE_STOP=s)
	@node --import tsx tools/local/src/cli/dev.ts $(if $(SERVICES),--services $(SERVICES)) $(if $(ONLY),--only $(ONLY)) $(if $(PERSIST),--persist $(PERSIST))

token: $(INSTALL_STAMP) ## mint a dev token: make token SUB=ann TENANT=acme SCOPE="orders:read orders:write"
	@npm run -s token -- --sub "$(or $(SUB),dev-user)" --tenant "$(or $(TENANT),demo)" --scope "$(or $(SCOPE),catalog:read catalog:write inventory:read inventory:write orders:read orders:write)"

seed: $(INSTALL_STAMP) ## load a small demo catalog and stock into the running local stack (its GATEWAY_PORT=… too)
	@node --import tsx tools/local/src/cli/seed.ts

invoke: $(INSTALL_STAMP) ## invoke a function of the running local stack: SERVICE=… FUNCTION=… [EVENT=file|-] (templates in tools/local/events/)
	@node --import tsx tools/local/src/cli/invoke.ts --service "$(SERVICE)" --function "$(FUNCTION)" $(if $(EVENT),--event "$(EVENT)") $(if $(TENANT),--tenant "$(TENANT)") $(if $(SUB),--sub "$(SUB)")

logs: $(INSTALL_STAMP) ## the last lines SERVICE=… of the running local stack logged (LINES=200; FOLLOW=1 keeps printing)
	@node --import tsx tools/local/src/cli/logs.ts --service "$(SERVICE)" $(if $(LINES),--lines $(LINES)) $(if $(filter 1,$(FOLLOW)),--follow)

info: $(INSTALL_STAMP) ## every service's stages, URLs, functions (and what runs them) and tables, from serverless.yml (SERVICES=…)
	@node --import tsx tools/local/src/cli/info.ts $(if $(SERVICES),--services $(SERVICES))

bench: $(INSTALL_STAMP) ## benchmarks (figures, not tests) into reports/bench/: libs, cold start of every prod function against the floor (the prod packages built, or built here), the local stack; summary.md compares every figure with the previous run
	$(TSX) bench/run.ts
	@STAGE_CONFIG_FILE=$${STAGE_CONFIG_FILE:-$(CURDIR)/.ci/stages.env} $(MAKE) --no-print-directory build STAGE=prod
	$(TSX) bench/cold-start.bench.ts --stage prod
	node --import tsx tools/local/bench/startup.bench.ts
	node --import tsx tools/local/bench/gateway.bench.ts
	node --import tsx tools/local/bench/stack-memory.bench.ts
	@$(TSX) tools/ci/src/cli/bench-compare.ts reports/bench

bench-stack: $(INSTALL_STAMP) ## make dev with N services (default 30) in a temporary clone: ready time, memory idle and after one request to each, first-request latency → reports/bench/stack-scale.{json,md}
	node --import tsx tools/local/bench/stack-scale.bench.ts --services $(or $(N),30)

format: $(INSTALL_STAMP) ## prettier --write
	npx prettier --write .

clean: ## remove build output, reports, evidence and the Nx cache (.nx/cache)
	rm -rf dist coverage reports evidence .nx apps/*/.esbuild apps/*/.esbuild-local apps/*/.serverless
