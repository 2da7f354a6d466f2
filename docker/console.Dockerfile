# The web console's image (docker/README.md): console/dist, served by nginx on 8080 as user 101, for
# the Kubernetes Ingress (k8s/base/console.yaml). Build after ./mvnw package (which builds console/dist):
#   docker build -f docker/console.Dockerfile -t slipway/console:0.1.0 .
# Compose needs no image: its entry point mounts console/dist. Not built in this project's CI (no
# Docker engine); ops-checks checks what it copies.
FROM nginxinc/nginx-unprivileged:1.29-alpine
COPY docker/nginx/console.conf /etc/nginx/nginx.conf
COPY console/dist/ /usr/share/nginx/html/
EXPOSE 8080
