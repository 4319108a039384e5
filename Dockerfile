# The signin WAR on Payara Micro. Build the WAR first (./mvnw package), then:
#   docker build -t signin .
#   docker run -p 8080:8080 -e SIGNIN_SECRET="$(openssl rand -base64 48)" -v signin-data:/opt/payara/data signin
# The base image's version must match payara.version in pom.xml (DockerfileTest checks it). The
# tests build on a local stand-in of the same layout (--build-arg BASE_IMAGE=..., see
# src/test/docker/build-images.sh), as no image registry is reachable where they run.
ARG BASE_IMAGE=payara/micro:6.2025.10-jdk17
FROM ${BASE_IMAGE}

# The same Payara Micro options and boot commands as the README run command and the tests.
COPY --chown=payara:payara server-config/ /opt/payara/config/
COPY --chown=payara:payara target/signin.war /opt/payara/deployments/signin.war
# Krazo's ServiceLoaders with a memo (src/krazo-patch): put ahead of Payara's copy below.
COPY --chown=payara:payara target/signin-krazo-patch.jar /opt/payara/signin-krazo-patch.jar
# The start command (the java command line is in it): checks the secret, clears Payara's root
# directory (so "docker restart" deploys the WAR once), and adds cluster.args if SIGNIN_CLUSTER=true.
COPY src/main/docker/entrypoint.sh /opt/payara/entrypoint.sh

USER root
RUN mkdir -p /opt/payara/data /opt/payara/root && chown -R payara:payara /opt/payara/data /opt/payara/root
USER payara

# Production mode by default: the container refuses to start without SIGNIN_SECRET.
ENV SIGNIN_MODE=production \
    SIGNIN_DATA_DIR=/opt/payara/data \
    SIGNIN_CLUSTER=false
VOLUME /opt/payara/data
EXPOSE 8080

# Ready = the database answers and its schema is current (MicroProfile Health readiness).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/health/ready || exit 1

# tini (from the base image) forwards signals, so "docker stop" shuts Payara down cleanly.
# Arguments to the container are added to Payara Micro's options (e.g. a cluster's members).
ENTRYPOINT ["tini", "--", "/opt/payara/entrypoint.sh"]
CMD []
