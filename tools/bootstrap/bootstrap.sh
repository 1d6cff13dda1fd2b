#!/usr/bin/env bash
# Bootstraps one stage of an AWS account for Serverless Factory (tools/bootstrap/README.md):
#   1. deploys bootstrap.yml as the stack serverless-factory-bootstrap-<stage> with the pinned AWS
#      CLI (`aws cloudformation deploy`: a change set, executed, waited for);
#   2. creates the stage's cursor secret, an SSM SecureString, unless it exists (CloudFormation
#      cannot create SecureString parameters);
#   3. prints what to set in GitHub.
# Safe to run again: an unchanged template deploys nothing and an existing secret is kept.
#
# Run through make (it installs the AWS CLI into .venv):
#   make bootstrap STAGE=dev GITHUB_REPOSITORY=owner/name API_DOMAIN=api.dev.example.org \
#     CERTIFICATE_ARN=arn:aws:acm:… [HOSTED_ZONE_ID=Z…] [OIDC_PROVIDER_ARN=arn:aws:iam::…:oidc-provider/token.actions.githubusercontent.com]
set -euo pipefail
cd "$(dirname "$0")/../.."

aws=${AWS_CLI:-.venv/bin/aws}
python=${PYTHON:-.venv/bin/python}

missing=0
need() {
  if [ -z "${!1:-}" ]; then
    echo "make bootstrap needs $1: $2" >&2
    missing=1
  fi
}
need STAGE "the stage to bootstrap: dev, staging or prod"
need GITHUB_REPOSITORY "owner/name of the repository whose workflows deploy (GitHub sets it in Actions)"
need API_DOMAIN "the stage's host, for example api.dev.shop.example.org"
need CERTIFICATE_ARN "an ACM certificate for API_DOMAIN in the stage's region"
need AWS_REGION "the region of the stage"
[ "$missing" = 0 ] || exit 2
case "$STAGE" in dev | staging | prod) ;; *)
  echo "STAGE must be dev, staging or prod (was \"$STAGE\")" >&2
  exit 2
  ;;
esac

stack="serverless-factory-bootstrap-$STAGE"
echo "› deploying $stack to ${AWS_REGION} (tools/bootstrap/bootstrap.yml)"
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if ! "$aws" cloudformation deploy \
  --stack-name "$stack" \
  --template-file tools/bootstrap/bootstrap.yml \
  --capabilities CAPABILITY_NAMED_IAM \
  --no-fail-on-empty-changeset \
  --parameter-overrides \
  "Stage=$STAGE" \
  "GitHubRepository=$GITHUB_REPOSITORY" \
  "ApiDomainName=$API_DOMAIN" \
  "CertificateArn=$CERTIFICATE_ARN" \
  "HostedZoneId=${HOSTED_ZONE_ID:-}" \
  "GitHubOidcProviderArn=${OIDC_PROVIDER_ARN:-}" \
  --tags service=bootstrap owner=team-platform "env=$STAGE" cost-center=cc-0001 2>"$errors"; then
  # AWS answers an unchanged template with an empty change set, which --no-fail-on-empty-changeset
  # accepts; the AWS API emulator refuses to create one instead (docs/emulator.md).
  if grep -q 'No updates are to be performed' "$errors"; then
    echo "No changes to deploy. Stack $stack is up to date"
  else
    cat "$errors" >&2
    exit 1
  fi
fi

secret="/serverless-factory/$STAGE/cursor-secret"
if "$aws" ssm get-parameter --name "$secret" --query Parameter.Name --output text >/dev/null 2>&1; then
  echo "› $secret exists: kept"
else
  echo "› creating $secret (SecureString, 32 random bytes)"
  "$aws" ssm put-parameter --name "$secret" --type SecureString \
    --description "Signs the services' list cursors (tools/bootstrap)" \
    --value "$("$python" -c 'import secrets; print(secrets.token_urlsafe(32))')" >/dev/null
fi

account=$("$aws" sts get-caller-identity --query Account --output text)
upper=$(echo "$STAGE" | tr '[:lower:]' '[:upper:]')
cat <<EOF

$stack is deployed. In GitHub (README › "Bootstrap an AWS account"):
  environment "$STAGE", variable AWS_ROLE_ARN = arn:aws:iam::$account:role/serverless-factory-$STAGE-deploy
  repository variable ${upper}_AWS_READ_ROLE_ARN = arn:aws:iam::$account:role/serverless-factory-$STAGE-read
  repository variables ${upper}_AUTH_ISSUER and ${upper}_AUTH_AUDIENCE = your OIDC issuer and audience
  repository variable ${upper}_ALARM_TOPIC_ARN = the SNS topic on-call subscribes to (SLO alarms, ADR-014)
  repository variable ${upper}_LOG_DESTINATION_ARN = the central logs' destination (docs/central-logging.md)
The roles trust only jobs of environment "$STAGE" on main, once the repository's OIDC subject
includes the environment and the ref (once per repository):
  gh api -X PUT repos/$GITHUB_REPOSITORY/actions/oidc/customization/sub --input - <<<'{"use_default":false,"include_claim_keys":["repo","context","ref"]}'
Stage base URL: https://$API_DOMAIN
EOF
