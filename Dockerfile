# The signin WAR on Payara Micro. Build the WAR first (./mvnw package), then:
#   docker build -t signin .
#   docker run -p 8080:8080 -e SIGNIN_SECRET="$(openssl rand -base64 48)" -v signin-data:/opt/payara/data signin
# The base image's version must match payara.version in pom.xml (DockerfileTest checks it).
FROM payara/micro:6.2025.10-jdk17

# The same Payara Micro options and boot commands as the README run command and the tests.
COPY --chown=payara:payara server-config/ /opt/payara/config/
COPY --chown=payara:payara target/signin.war /opt/payara/deployments/signin.war
# Krazo's ServiceLoaders with a memo (src/krazo-patch): put ahead of Payara's copy below.
COPY --chown=payara:payara target/signin-krazo-patch.jar /opt/payara/signin-krazo-patch.jar
# Session ids of 128 random bits (src/server-lib): a class the server itself loads.
COPY --chown=payara:payara target/signin-server-lib.jar /opt/payara/signin-server-lib.jar

USER root
RUN mkdir -p /opt/payara/data /opt/payara/root && chown -R payara:payara /opt/payara/data /opt/payara/root
USER payara

# Production mode by default: the container refuses to start without SIGNIN_SECRET.
ENV SIGNIN_MODE=production \
    SIGNIN_DATA_DIR=/opt/payara/data
VOLUME /opt/payara/data
EXPOSE 8080

# Ready = the database answers and its schema is current (MicroProfile Health readiness).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/health/ready || exit 1

# tini (from the base image) forwards signals, so "docker stop" shuts Payara down cleanly.
ENTRYPOINT ["tini", "--", "java", "@/opt/payara/config/payara-micro.args", \
            "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75", \
            "-Xbootclasspath/a:/opt/payara/signin-krazo-patch.jar", \
            "-jar", "/opt/payara/payara-micro.jar", \
            "--addLibs", "/opt/payara/signin-server-lib.jar", \
            "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", \
            "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin", \
            "--rootdir", "/opt/payara/root", \
            "--port", "8080"]
CMD ["--deploy", "/opt/payara/deployments/signin.war"]
