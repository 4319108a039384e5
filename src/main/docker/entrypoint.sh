#!/bin/sh
# The Docker image's start command (run by tini, which forwards "docker stop"'s SIGTERM to Java):
# Payara Micro with the shared server-config/, the WAR deployed at the root path. The
# container's arguments are added to Payara Micro's options; SIGNIN_CLUSTER=true adds
# server-config/cluster.args (the data grid and replicated sessions), e.g.
#   docker run -e SIGNIN_CLUSTER=true ... signin \
#     --clustername signin-prod --clustermode tcpip:10.0.0.11:6900,10.0.0.12:6900 --interfaces 10.0.0.11
set -eu
config=/opt/payara/config

# Production needs a secret. Checked here as well as in the app: Payara Micro keeps running
# (with 404s) when the app refuses to deploy, and a container should stop instead.
mode="$(printf '%s' "${SIGNIN_MODE:-production}" | tr '[:upper:]' '[:lower:]')"
if [ "$mode" != dev ] && [ "$mode" != development ]; then
  if [ -z "${SIGNIN_SECRET:-}" ]; then
    echo "signin: No secret configured: set SIGNIN_SECRET to at least 32 random bytes, e.g. the output of 'openssl rand -base64 48' (or SIGNIN_MODE=dev to try the app)." >&2
    exit 1
  fi
  if [ "$(printf '%s' "$SIGNIN_SECRET" | wc -c)" -lt 32 ]; then
    echo "signin: SIGNIN_SECRET is shorter than 32 bytes; use e.g. the output of 'openssl rand -base64 48'." >&2
    exit 1
  fi
fi

# A fresh Payara root directory at every start: Payara keeps the apps it deployed there, and
# "docker restart" would otherwise start the last start's copy of the WAR and then deploy it again.
find /opt/payara/root -mindepth 1 -delete

cluster=""
case "${SIGNIN_CLUSTER:-false}" in
  true) cluster="@$config/cluster.args" ;;
  false|"") ;;
  *) echo "signin: SIGNIN_CLUSTER must be true or false, not '$SIGNIN_CLUSTER'" >&2; exit 1 ;;
esac

exec java "@$config/payara-micro.args" $cluster \
  -XX:+UseContainerSupport -XX:MaxRAMPercentage=75 \
  -Xbootclasspath/a:/opt/payara/signin-krazo-patch.jar \
  -jar /opt/payara/payara-micro.jar \
  --prebootcommandfile "$config/pre-boot-commands.asadmin" \
  --postbootcommandfile "$config/post-boot-commands.asadmin" \
  --rootdir /opt/payara/root \
  --port 8080 \
  --deploy /opt/payara/deployments/signin.war \
  "$@"
