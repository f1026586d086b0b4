#!/bin/bash
# docker 1.10: baked by cloud-compose on a t2.micro builder
set -e
# yum.upgrade.sh
yum clean all
yum upgrade -y
# docker.install.sh

yum install -y yum-versionlock docker-engine-1.10.3
yum versionlock docker-engine-1.10.3
systemctl enable docker
# packages.install.sh

yum install -y git
yum install -y jq
yum install -y htop

shutdown -h now