# docker.install.sh
{# pin the engine so every node of a cluster runs the same build #}
yum install -y yum-versionlock docker-engine-{{ docker_version }}
yum versionlock docker-engine-{{ docker_version }}
systemctl enable docker
